import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Authenticated encryption (AES-256-GCM) for what the dashboard keeps but nobody may read or
 * forge: the tokens in a session row, the sign-in state cookie. The key is derived from the cookie
 * secret for one purpose, so one sealed value cannot be passed off as another.
 */
export class Sealer {
  private readonly key: Buffer;

  constructor(secret: string, purpose: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'threadline-dashboard', purpose, 32));
  }

  seal(value: unknown): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  }

  /** The sealed value, or undefined when it was tampered with, sealed with another key, or malformed. */
  open<T>(sealed: string | undefined): T | undefined {
    const [iv, tag, body] = (sealed ?? '').split('.').map((p) => Buffer.from(p, 'base64url'));
    if (!iv || !tag || !body || iv.length !== 12 || tag.length !== 16) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAuthTag(tag);
      return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as T;
    } catch {
      return undefined;
    }
  }
}

/** A fresh opaque id (256 bits) for a cookie or a CSRF token. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** How a session id is stored: its hash, so the table alone opens nothing. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
