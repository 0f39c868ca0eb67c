import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IDP_MOCK_SCHEMA } from '../idp-mock.schema';

const CODES = `${IDP_MOCK_SCHEMA}.authorization_codes`;
const REFRESH_TOKENS = `${IDP_MOCK_SCHEMA}.refresh_tokens`;

export interface AuthorizationCodeRecord {
  codeHash: string;
  clientId: string;
  username: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | null;
  scope: string;
  authTime: Date;
}

export interface RefreshTokenRecord {
  tokenHash: string;
  clientId: string;
  username: string;
  scope: string;
  authTime: Date;
  codeHash: string;
}

/** A one-time secret taken: the record and whether it was still alive, or it had been taken before, or never was. */
export type Redemption<T> = { status: 'redeemed'; record: T; expired: boolean } | { status: 'reused'; codeHash: string } | { status: 'unknown' };

interface CodeRow {
  code_hash: string;
  client_id: string;
  username: string;
  redirect_uri: string;
  code_challenge: string;
  nonce: string | null;
  scope: string;
  auth_time: Date;
  expired: boolean;
}

interface RefreshRow {
  token_hash: string;
  client_id: string;
  username: string;
  scope: string;
  auth_time: Date;
  code_hash: string;
  expired: boolean;
}

/**
 * The grants of people's sign-ins: one-time authorization codes and the refresh tokens issued
 * from them, each stored as a hash of the secret the client holds.
 */
@Injectable()
export class GrantRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertCode(code: AuthorizationCodeRecord, ttlSeconds: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${CODES} (code_hash, client_id, username, redirect_uri, code_challenge, nonce, scope, auth_time, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() + make_interval(secs => $9))`,
      [code.codeHash, code.clientId, code.username, code.redirectUri, code.codeChallenge, code.nonce, code.scope, code.authTime, ttlSeconds],
    );
    // Used and expired codes are kept a day, so that a replay is still recognized (and revokes).
    await this.dataSource.query(`DELETE FROM ${CODES} WHERE expires_at < now() - interval '1 day'`);
  }

  /** Marks the code used, in one statement, so two concurrent redemptions cannot both take it. */
  async redeemCode(codeHash: string): Promise<Redemption<AuthorizationCodeRecord>> {
    const [rows]: [CodeRow[], number] = await this.dataSource.query(
      `UPDATE ${CODES} SET used_at = now() WHERE code_hash = $1 AND used_at IS NULL
       RETURNING code_hash, client_id, username, redirect_uri, code_challenge, nonce, scope, auth_time, expires_at <= now() AS expired`,
      [codeHash],
    );
    const row = rows[0];
    if (row) {
      return {
        status: 'redeemed',
        expired: row.expired,
        record: {
          codeHash: row.code_hash,
          clientId: row.client_id,
          username: row.username,
          redirectUri: row.redirect_uri,
          codeChallenge: row.code_challenge,
          nonce: row.nonce,
          scope: row.scope,
          authTime: row.auth_time,
        },
      };
    }
    const known: { code_hash: string }[] = await this.dataSource.query(`SELECT code_hash FROM ${CODES} WHERE code_hash = $1`, [codeHash]);
    return known[0] ? { status: 'reused', codeHash: known[0].code_hash } : { status: 'unknown' };
  }

  async insertRefreshToken(token: RefreshTokenRecord, ttlSeconds: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${REFRESH_TOKENS} (token_hash, client_id, username, scope, auth_time, code_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))`,
      [token.tokenHash, token.clientId, token.username, token.scope, token.authTime, token.codeHash, ttlSeconds],
    );
    await this.dataSource.query(`DELETE FROM ${REFRESH_TOKENS} WHERE expires_at < now() - interval '1 day'`);
  }

  /** Revokes the refresh token as it is used (rotation); a revoked one presented again is `reused`. */
  async redeemRefreshToken(tokenHash: string): Promise<Redemption<RefreshTokenRecord>> {
    const [rows]: [RefreshRow[], number] = await this.dataSource.query(
      `UPDATE ${REFRESH_TOKENS} SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL
       RETURNING token_hash, client_id, username, scope, auth_time, code_hash, expires_at <= now() AS expired`,
      [tokenHash],
    );
    const row = rows[0];
    if (row) {
      return {
        status: 'redeemed',
        expired: row.expired,
        record: { tokenHash: row.token_hash, clientId: row.client_id, username: row.username, scope: row.scope, authTime: row.auth_time, codeHash: row.code_hash },
      };
    }
    const known: { code_hash: string }[] = await this.dataSource.query(`SELECT code_hash FROM ${REFRESH_TOKENS} WHERE token_hash = $1`, [tokenHash]);
    return known[0] ? { status: 'reused', codeHash: known[0].code_hash } : { status: 'unknown' };
  }

  /** Revokes every refresh token issued from the code (a replayed code or refresh token: the grant is compromised). */
  async revokeGrant(codeHash: string): Promise<number> {
    const [, count]: [unknown[], number] = await this.dataSource.query(
      `UPDATE ${REFRESH_TOKENS} SET revoked_at = now() WHERE code_hash = $1 AND revoked_at IS NULL`,
      [codeHash],
    );
    return count;
  }
}
