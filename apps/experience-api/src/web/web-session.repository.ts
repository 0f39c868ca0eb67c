import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EXPERIENCE_SCHEMA } from '../experience-api.schema';

const WEB_SESSIONS = `${EXPERIENCE_SCHEMA}.web_sessions`;

export interface WebSessionRow {
  id_hash: string;
  subject: string;
  name: string;
  roles: string[];
  sealed_tokens: string;
  csrf_token: string;
  expires_at: Date;
}

/** The dashboard's sessions (migration 1764400000100): all of their SQL. */
@Injectable()
export class WebSessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(row: WebSessionRow): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${WEB_SESSIONS} (id_hash, subject, name, roles, sealed_tokens, csrf_token, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row.id_hash, row.subject, row.name, row.roles, row.sealed_tokens, row.csrf_token, row.expires_at],
    );
  }

  /** A live session (expired ones are not found). */
  async find(idHash: string): Promise<WebSessionRow | undefined> {
    const rows: WebSessionRow[] = await this.dataSource.query(
      `SELECT id_hash, subject, name, roles, sealed_tokens, csrf_token, expires_at FROM ${WEB_SESSIONS} WHERE id_hash = $1 AND expires_at > now()`,
      [idHash],
    );
    return rows[0];
  }

  async updateTokens(idHash: string, sealedTokens: string, expiresAt: Date): Promise<void> {
    await this.dataSource.query(`UPDATE ${WEB_SESSIONS} SET sealed_tokens = $2, expires_at = $3 WHERE id_hash = $1`, [idHash, sealedTokens, expiresAt]);
  }

  async delete(idHash: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${WEB_SESSIONS} WHERE id_hash = $1`, [idHash]);
  }

  /** Sessions past their end; run at each sign-in, so the table holds about the live ones. */
  async deleteExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${WEB_SESSIONS} WHERE expires_at <= now()`);
  }
}
