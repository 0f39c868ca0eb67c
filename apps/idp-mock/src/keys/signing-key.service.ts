import { Injectable } from '@nestjs/common';
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import { SigningKeyRepository } from './signing-key.repository';

interface ActiveKey {
  kid: string;
  privateKey: KeyObject;
}

/** The JWKS lists the newest keys, so a rotated-out key stays published while its tokens live. */
const PUBLISHED_KEYS = 5;

/**
 * RS256 signing keys, kept in the IdP's schema so that a restart (or a second replica) signs with
 * the same key the apps already cached from the JWKS.
 */
@Injectable()
export class SigningKeyService {
  private active?: ActiveKey;

  constructor(private readonly keys: SigningKeyRepository) {}

  async ensureKey(): Promise<void> {
    await this.keys.withKeyLock(async (em) => {
      const stored = await this.keys.findActive(em);
      if (stored) {
        this.active = { kid: stored.kid, privateKey: createPrivateKey(stored.privateKeyPem) };
        return;
      }
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const kid = randomUUID();
      const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
      await this.keys.insert(em, { kid, algorithm: 'RS256', privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, publicJwk });
      this.active = { kid, privateKey };
    });
  }

  /** Generates a new active key; the old one stays published so tokens it signed still verify. */
  async rotate(): Promise<string> {
    await this.keys.deactivateAll();
    await this.ensureKey();
    return this.signingKey().kid;
  }

  signingKey(): ActiveKey {
    if (!this.active) throw new Error('signing key not loaded');
    return this.active;
  }

  async jwks(): Promise<{ keys: object[] }> {
    return { keys: await this.keys.newestPublicJwks(PUBLISHED_KEYS) };
  }

  /** For tests that need the public half as a KeyObject. */
  publicKey(): KeyObject {
    return createPublicKey(this.signingKey().privateKey);
  }
}
