import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** A scrypt hash with its salt (`scrypt$salt$hash`): client secrets and user passwords are stored so. */
export function hashSecret(secret: string, salt = randomBytes(16)): string {
  return `scrypt$${salt.toString('base64')}$${scryptSync(secret, salt, 32).toString('base64')}`;
}

export function secretMatches(secret: string, stored: string): boolean {
  const [, salt, hash] = stored.split('$');
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(secret, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}
