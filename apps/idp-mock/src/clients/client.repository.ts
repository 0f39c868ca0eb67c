import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IDP_MOCK_SCHEMA } from '../idp-mock.schema';

const CLIENTS = `${IDP_MOCK_SCHEMA}.clients`;

export interface ClientRegistration {
  clientId: string;
  secretHash: string;
  description: string;
  allowedScopes: string[];
  /** null: every plant. */
  plants: string[] | null;
  grantTypes: string[];
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export type ClientRecord = Omit<ClientRegistration, 'clientId' | 'description'>;

interface ClientRow {
  secret_hash: string;
  allowed_scopes: string[];
  plants: string[] | null;
  grant_types: string[];
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
}

/** The registered OAuth clients, secrets as scrypt hashes. */
@Injectable()
export class ClientRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Registers the client, or updates it (its secret hash included: the caller keeps a hash that still matches). */
  async register(client: ClientRegistration): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${CLIENTS} (client_id, secret_hash, description, allowed_scopes, plants, grant_types, redirect_uris, post_logout_redirect_uris)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (client_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, allowed_scopes = EXCLUDED.allowed_scopes,
         description = EXCLUDED.description, plants = EXCLUDED.plants, grant_types = EXCLUDED.grant_types,
         redirect_uris = EXCLUDED.redirect_uris, post_logout_redirect_uris = EXCLUDED.post_logout_redirect_uris`,
      [
        client.clientId,
        client.secretHash,
        client.description,
        client.allowedScopes,
        client.plants,
        client.grantTypes,
        client.redirectUris,
        client.postLogoutRedirectUris,
      ],
    );
  }

  async find(clientId: string): Promise<ClientRecord | undefined> {
    const rows: ClientRow[] = await this.dataSource.query(
      `SELECT secret_hash, allowed_scopes, plants, grant_types, redirect_uris, post_logout_redirect_uris FROM ${CLIENTS} WHERE client_id = $1`,
      [clientId],
    );
    const row = rows[0];
    return (
      row && {
        secretHash: row.secret_hash,
        allowedScopes: row.allowed_scopes,
        plants: row.plants,
        grantTypes: row.grant_types,
        redirectUris: row.redirect_uris,
        postLogoutRedirectUris: row.post_logout_redirect_uris,
      }
    );
  }
}
