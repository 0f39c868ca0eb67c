import { createHmac } from 'node:crypto';
import { WebhookPayloadError, WebhookRejectedError } from '../../webhooks/webhook.errors';
import { parseWindchillWebhook, signWindchillWebhook, verifyWindchillSignature } from './windchill-webhook';

const SECRET = 'threadline-demo-plm-webhook-secret';
const NOW = 1_790_000_000;
const BODY = Buffer.from('{"ID":"OR:wt.change2.WTChangeOrder2:3001","Number":"ECN-000001","State":{"Value":"RELEASED","Display":"Released"}}');

function headers(overrides: Record<string, string | undefined> = {}) {
  return {
    'x-ptc-event': 'CHANGE_NOTICE_RELEASED',
    'x-ptc-timestamp': String(NOW),
    'x-ptc-signature': signWindchillWebhook(SECRET, NOW, BODY),
    ...overrides,
  };
}

describe('Windchill webhook signatures', () => {
  it('signs with HMAC-SHA256 over "<timestamp>.<raw body>"', () => {
    const hex = createHmac('sha256', SECRET).update(`${NOW}.${BODY.toString()}`).digest('hex');
    expect(signWindchillWebhook(SECRET, NOW, BODY)).toBe(`sha256=${hex}`);
  });

  it('accepts a correct signature within five minutes either way', () => {
    expect(() => verifyWindchillSignature(headers(), BODY, SECRET, NOW)).not.toThrow();
    expect(() => verifyWindchillSignature(headers(), BODY, SECRET, NOW + 300)).not.toThrow();
    expect(() => verifyWindchillSignature(headers(), BODY, SECRET, NOW - 300)).not.toThrow();
  });

  it('rejects a missing, forged or re-used signature, a changed body and a stale timestamp', () => {
    const reject = (h: Record<string, string | undefined>, body = BODY, now = NOW) => () => verifyWindchillSignature(h, body, SECRET, now);
    expect(reject(headers({ 'x-ptc-signature': undefined }))).toThrow(WebhookRejectedError);
    expect(reject(headers({ 'x-ptc-signature': signWindchillWebhook('another-secret-0000', NOW, BODY) }))).toThrow(/does not match/);
    expect(reject(headers(), Buffer.from(BODY.toString().replace('ECN-000001', 'ECN-000002')))).toThrow(/does not match/);
    // The signature binds the timestamp: moving it forward to pass the age check breaks the signature.
    expect(reject(headers({ 'x-ptc-timestamp': String(NOW + 600) }), BODY, NOW + 600)).toThrow(/does not match/);
    expect(reject(headers(), BODY, NOW + 301)).toThrow(/300 s/);
    expect(reject(headers({ 'x-ptc-timestamp': 'yesterday' }))).toThrow(/Unix time/);
  });
});

describe('parseWindchillWebhook', () => {
  it('reads a released change notice as a change-released notification', () => {
    expect(parseWindchillWebhook(headers(), BODY)).toEqual({ kind: 'change-released', changeNumber: 'ECN-000001' });
  });

  it('ignores other events and refuses bodies that are not change notices', () => {
    expect(parseWindchillWebhook(headers({ 'x-ptc-event': 'PART_CHECKED_IN' }), BODY)).toMatchObject({ kind: 'ignored' });
    expect(() => parseWindchillWebhook(headers(), Buffer.from('not json'))).toThrow(WebhookPayloadError);
    expect(() => parseWindchillWebhook(headers(), Buffer.from('{"Number": 42}'))).toThrow(WebhookPayloadError);
  });
});
