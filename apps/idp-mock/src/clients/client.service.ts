import { Injectable } from '@nestjs/common';
import { ClientRecord, ClientRepository } from './client.repository';
import { DemoClient } from './demo-clients';
import { hashSecret, secretMatches } from '../secret-hash';

export interface RegisteredClient {
  clientId: string;
  allowedScopes: string[];
  /** null: every plant. */
  plants: string[] | null;
  /** `client_credentials` for a service identity; `authorization_code` (and `refresh_token`) for a sign-in client. */
  grantTypes: string[];
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

function registered(clientId: string, stored: ClientRecord): RegisteredClient {
  const { secretHash: _secretHash, ...rest } = stored;
  return { clientId, ...rest };
}

@Injectable()
export class ClientService {
  /** Verified secrets are remembered so that scrypt does not run on every token request. */
  private readonly verified = new Map<string, string>();

  constructor(private readonly clients: ClientRepository) {}

  /** Registers the demo clients; a stored secret hash is kept while it matches (a changed secret is re-hashed). */
  async seedDemoClients(clients: DemoClient[]): Promise<void> {
    for (const client of clients) {
      const stored = await this.clients.find(client.clientId);
      await this.clients.register({
        clientId: client.clientId,
        secretHash: stored && secretMatches(client.secret, stored.secretHash) ? stored.secretHash : hashSecret(client.secret),
        description: client.description,
        allowedScopes: client.scopes,
        plants: client.plants ?? null,
        grantTypes: client.grantTypes ?? ['client_credentials'],
        redirectUris: client.redirectUris ?? [],
        postLogoutRedirectUris: client.postLogoutRedirectUris ?? [],
      });
    }
  }

  /** A client by its id, without authenticating it (the authorization endpoint checks its redirect URI). */
  async find(clientId: string): Promise<RegisteredClient | undefined> {
    const stored = await this.clients.find(clientId);
    return stored && registered(clientId, stored);
  }

  async authenticate(clientId: string, secret: string): Promise<RegisteredClient | undefined> {
    const stored = await this.clients.find(clientId);
    if (!stored) return undefined;
    const cacheKey = `${clientId}\u0000${stored.secretHash}`;
    if (this.verified.get(cacheKey) !== secret) {
      if (!secretMatches(secret, stored.secretHash)) return undefined;
      this.verified.set(cacheKey, secret);
    }
    return registered(clientId, stored);
  }
}
