import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IDP_MOCK_SCHEMA } from '../idp-mock.schema';

const USERS = `${IDP_MOCK_SCHEMA}.users`;

export interface UserRecord {
  username: string;
  passwordHash: string;
  name: string;
  email: string;
  roles: string[];
}

interface UserRow {
  username: string;
  password_hash: string;
  name: string;
  email: string;
  roles: string[];
}

/** The people who sign in, passwords as scrypt hashes. */
@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async upsert(user: UserRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${USERS} (username, password_hash, name, email, roles) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, name = EXCLUDED.name, email = EXCLUDED.email, roles = EXCLUDED.roles`,
      [user.username, user.passwordHash, user.name, user.email, user.roles],
    );
  }

  async find(username: string): Promise<UserRecord | undefined> {
    const rows: UserRow[] = await this.dataSource.query(`SELECT username, password_hash, name, email, roles FROM ${USERS} WHERE username = $1`, [username]);
    const row = rows[0];
    return row && { username: row.username, passwordHash: row.password_hash, name: row.name, email: row.email, roles: row.roles };
  }
}
