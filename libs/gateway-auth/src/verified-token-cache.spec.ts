import type { Principal } from './principal';
import { VerifiedTokenCache } from './verified-token-cache';

const principal = (clientId: string): Principal => ({ subject: clientId, clientId, scopes: ['plm:read'], issuer: 'https://idp', audience: 'plm-system-api' });

describe('VerifiedTokenCache', () => {
  let now = 1_000_000;
  const clock = () => now;

  beforeEach(() => (now = 1_000_000));

  it('answers a verified token until its exp, and nothing from exp on', () => {
    const cache = new VerifiedTokenCache(10, clock);
    const exp = now / 1000 + 60;
    cache.remember('token-a', principal('a'), exp);
    expect(cache.get('token-a')).toEqual(principal('a'));
    now = exp * 1000 - 1;
    expect(cache.get('token-a')?.clientId).toBe('a');
    now = exp * 1000;
    expect(cache.get('token-a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('answers only the exact token: another signature or other claims are not found', () => {
    const cache = new VerifiedTokenCache(10, clock);
    cache.remember('header.payload.signature', principal('a'), now / 1000 + 60);
    expect(cache.get('header.payload.forged')).toBeUndefined();
    expect(cache.get('header.other.signature')).toBeUndefined();
    expect(cache.get('header.payload.signature ')).toBeUndefined();
  });

  it('never remembers a token without a numeric exp, or one already expired', () => {
    const cache = new VerifiedTokenCache(10, clock);
    cache.remember('no-exp', principal('a'), undefined);
    cache.remember('string-exp', principal('a'), String(now / 1000 + 60));
    cache.remember('expired', principal('a'), now / 1000 - 1);
    expect(cache.size).toBe(0);
  });

  it('is bounded: the least recently used token goes first', () => {
    const cache = new VerifiedTokenCache(2, clock);
    const exp = now / 1000 + 60;
    cache.remember('t1', principal('1'), exp);
    cache.remember('t2', principal('2'), exp);
    expect(cache.get('t1')).toBeDefined();
    cache.remember('t3', principal('3'), exp);
    expect(cache.get('t2')).toBeUndefined();
    expect(cache.get('t1')?.clientId).toBe('1');
    expect(cache.get('t3')?.clientId).toBe('3');
  });
});
