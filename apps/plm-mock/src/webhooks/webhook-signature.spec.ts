import { createHmac } from 'node:crypto';
import { signWebhook } from './webhook-signature';

describe('signWebhook', () => {
  it('is HMAC-SHA256 over "<timestamp>.<raw body>", hex, prefixed sha256=', () => {
    const body = '{"Number":"ECN-000001"}';
    const expected = createHmac('sha256', 's3cret').update(`1767225600.${body}`).digest('hex');
    expect(signWebhook('s3cret', 1767225600, body)).toBe(`sha256=${expected}`);
  });

  it('changes with the secret, the timestamp and every byte of the body', () => {
    const base = signWebhook('a', 1, '{"x":1}');
    expect(signWebhook('b', 1, '{"x":1}')).not.toBe(base);
    expect(signWebhook('a', 2, '{"x":1}')).not.toBe(base);
    expect(signWebhook('a', 1, '{"x": 1}')).not.toBe(base);
  });
});
