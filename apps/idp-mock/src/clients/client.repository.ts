import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IDP_MOCK_SCHEMA } from '../idp-mock.schema';

const CLIENTS = `${IDP_MOCK_SCHEMA}.clients`;

export interface ClientRecord {
  secretHash: string;
  allowedScopes: string[];
  /** null: every plant. */
  plants: string[] | null;
}

/** The registered OAuth clients, secrets as scrypt hashes. */
@Injectable()
export class ClientRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Registers the client, or updates its scopes, description and plants; an existing secret is kept. */
  async register(client: { clientId: string; secretHash: string; description: string; allowedScopes: string[]; plants: string[] | null }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${CLIENTS} (client_id, secret_hash, description, allowed_scopes, plants) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (client_id) DO UPDATE SET allowed_scopes = EXCLUDED.allowed_scopes, description = EXCLUDED.description, plants = EXCLUDED.plants`,
      [client.clientId, client.secretHash, client.description, client.allowedScopes, client.plants],
    );
  }

  async find(clientId: string): Promise<ClientRecord | undefined> {
    const rows: { secret_hash: string; allowed_scopes: string[]; plants: string[] | null }[] = await this.dataSource.query(
      `SELECT secret_hash, allowed_scopes, plants FROM ${CLIENTS} WHERE client_id = $1`,
      [clientId],
    );
    return rows[0] && { secretHash: rows[0].secret_hash, allowedScopes: rows[0].allowed_scopes, plants: rows[0].plants };
  }
}
