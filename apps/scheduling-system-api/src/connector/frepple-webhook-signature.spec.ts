import { createHmac } from 'node:crypto';
import { signatureProblem, signFreppleDelivery } from './frepple-webhook-signature';

const SECRET = 'threadline-demo-scheduler-webhook-secret';
const NOW = new Date('2026-12-01T09:00:00Z');
const TS = NOW.getTime() / 1000;
const BODY = '{"event":"problem","plant":"P2","problem":{"id":"P2-EXC-000017"}}';

describe('scheduler webhook signatures', () => {
  const valid = () => ({ signature: signFreppleDelivery(SECRET, TS, BODY), timestamp: String(TS), rawBody: Buffer.from(BODY) });

  it('signs "<timestamp>.<raw body>" with HMAC-SHA256, as sha256=<hex>', () => {
    expect(signFreppleDelivery(SECRET, TS, BODY)).toBe(`sha256=${createHmac('sha256', SECRET).update(`${TS}.${BODY}`).digest('hex')}`);
    expect(signFreppleDelivery(SECRET, TS, Buffer.from(BODY))).toBe(signFreppleDelivery(SECRET, TS, BODY));
  });

  it('accepts an authentic delivery within five minutes either way', () => {
    expect(signatureProblem(valid(), SECRET, NOW)).toBeNull();
    expect(signatureProblem(valid(), SECRET, new Date(NOW.getTime() + 299_000))).toBeNull();
    expect(signatureProblem(valid(), SECRET, new Date(NOW.getTime() - 299_000))).toBeNull();
  });

  it('refuses a delivery older than five minutes, even with a valid signature (a replay)', () => {
    expect(signatureProblem(valid(), SECRET, new Date(NOW.getTime() + 301_000))).toContain('timestamp');
  });

  it('refuses a changed body, a changed timestamp, another secret, or missing headers', () => {
    expect(signatureProblem({ ...valid(), rawBody: BODY.replace('P2', 'P3') }, SECRET, NOW)).toBe('the signature does not match');
    expect(signatureProblem({ ...valid(), timestamp: String(TS - 1) }, SECRET, NOW)).toBe('the signature does not match');
    expect(signatureProblem(valid(), 'another-secret-of-some-length', NOW)).toBe('the signature does not match');
    expect(signatureProblem({ ...valid(), signature: 'sha256=00' }, SECRET, NOW)).toBe('the signature does not match');
    expect(signatureProblem({ ...valid(), signature: undefined }, SECRET, NOW)).toContain('missing');
    expect(signatureProblem({ ...valid(), timestamp: undefined }, SECRET, NOW)).toContain('missing');
    expect(signatureProblem({ ...valid(), timestamp: '2026-12-01T09:00:00Z' }, SECRET, NOW)).toContain('unix seconds');
    expect(signatureProblem({ ...valid(), rawBody: undefined }, SECRET, NOW)).toContain('body');
  });
});
