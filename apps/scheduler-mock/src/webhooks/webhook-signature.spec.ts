import { createHmac } from 'node:crypto';
import { signDelivery } from './webhook-signature';

describe('signDelivery', () => {
  const body = '{"event":"problem","plant":"P2"}';

  it('is sha256= and the hex HMAC of "<timestamp>.<raw body>" with the secret', () => {
    const expected = createHmac('sha256', 'a-secret-of-16-chars').update(`1764567890.${body}`).digest('hex');
    expect(signDelivery('a-secret-of-16-chars', 1764567890, body)).toBe(`sha256=${expected}`);
  });

  it('changes with the timestamp, the body and the secret', () => {
    const signature = signDelivery('a-secret-of-16-chars', 1764567890, body);
    expect(signDelivery('a-secret-of-16-chars', 1764567891, body)).not.toBe(signature);
    expect(signDelivery('a-secret-of-16-chars', 1764567890, body.replace('P2', 'P3'))).not.toBe(signature);
    expect(signDelivery('another-secret-16ch', 1764567890, body)).not.toBe(signature);
  });
});
