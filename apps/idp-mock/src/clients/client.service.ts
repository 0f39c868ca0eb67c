import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DEMO_CLIENTS } from './demo-clients';

export interface RegisteredClient {
  clientId: string;
  allowedScopes: string[];
  /** null: every plant. */
  plants: string[] | null;
}

function hashSecret(secret: string, salt = randomBytes(16)): string {
  return `scrypt$${salt.toString('base64')}$${scryptSync(secret, salt, 32).toString('base64')}`;
}

function secretMatches(secret: string, stored: string): boolean {
  const [, salt, hash] = stored.split('$');
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(secret, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

@Injectable()
export class ClientService {
  /** Verified secrets are remembered so that scrypt does not run on every token request. */
  private readonly verified = new Map<string, string>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async seedDemoClients(): Promise<void> {
    for (const client of DEMO_CLIENTS) {
      await this.dataSource.query(
        `INSERT INTO idp_mock.clients (client_id, secret_hash, description, allowed_scopes, plants) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (client_id) DO UPDATE SET allowed_scopes = EXCLUDED.allowed_scopes, description = EXCLUDED.description, plants = EXCLUDED.plants`,
        [client.clientId, hashSecret(client.secret), client.description, client.scopes, client.plants ?? null],
      );
    }
  }

  async authenticate(clientId: string, secret: string): Promise<RegisteredClient | undefined> {
    const rows: { secret_hash: string; allowed_scopes: string[]; plants: string[] | null }[] = await this.dataSource.query(
      'SELECT secret_hash, allowed_scopes, plants FROM idp_mock.clients WHERE client_id = $1',
      [clientId],
    );
    if (rows.length === 0) return undefined;
    const cacheKey = `${clientId}\u0000${rows[0].secret_hash}`;
    if (this.verified.get(cacheKey) !== secret) {
      if (!secretMatches(secret, rows[0].secret_hash)) return undefined;
      this.verified.set(cacheKey, secret);
    }
    return { clientId, allowedScopes: rows[0].allowed_scopes, plants: rows[0].plants };
  }
}
