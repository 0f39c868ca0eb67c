import { LRUCache } from 'lru-cache';
import type { Principal } from './principal';

/** How many verified tokens an app remembers (the least recently used go first). */
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

interface Verified {
  principal: Principal;
  /** The token's `exp`, in ms. */
  expiresAt: number;
}

/**
 * The principals of tokens this app has verified, by the token's full text (signature included),
 * until the token's `exp`: a client sends the same token with every call until it expires, and
 * verifying its RSA signature each time was the gateway's main cost. A token that differs in any
 * character (a forged signature, other claims) is not found and is verified as usual; a token
 * without `exp` is never remembered. Expiry is strict here (no leeway): at `exp` the token is
 * verified again, and refused once past the verifier's leeway. Access tokens are not revocable
 * before `exp` (the IdP has no introspection), so remembering them changes nothing there.
 */
export class VerifiedTokenCache {
  private readonly entries: LRUCache<string, Verified>;

  constructor(
    max = VERIFIED_TOKEN_CACHE_SIZE,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new LRUCache({ max });
  }

  /** The principal of a token verified before and not yet expired, or undefined. */
  get(token: string): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.principal;
  }

  /** Remembers a token that has just been verified; `exp` in seconds, as in the token. */
  remember(token: string, principal: Principal, exp: unknown): void {
    if (typeof exp !== 'number' || !Number.isFinite(exp)) return;
    const expiresAt = exp * 1000;
    if (expiresAt <= this.now()) return;
    this.entries.set(token, { principal, expiresAt });
  }

  get size(): number {
    return this.entries.size;
  }
}
