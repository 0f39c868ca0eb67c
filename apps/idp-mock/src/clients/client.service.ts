import { Injectable } from '@nestjs/common';
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { ClientRepository } from './client.repository';
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

  constructor(private readonly clients: ClientRepository) {}

  async seedDemoClients(): Promise<void> {
    for (const client of DEMO_CLIENTS) {
      await this.clients.register({
        clientId: client.clientId,
        secretHash: hashSecret(client.secret),
        description: client.description,
        allowedScopes: client.scopes,
        plants: client.plants ?? null,
      });
    }
  }

  async authenticate(clientId: string, secret: string): Promise<RegisteredClient | undefined> {
    const stored = await this.clients.find(clientId);
    if (!stored) return undefined;
    const cacheKey = `${clientId}\u0000${stored.secretHash}`;
    if (this.verified.get(cacheKey) !== secret) {
      if (!secretMatches(secret, stored.secretHash)) return undefined;
      this.verified.set(cacheKey, secret);
    }
    return { clientId, allowedScopes: stored.allowedScopes, plants: stored.plants };
  }
}
