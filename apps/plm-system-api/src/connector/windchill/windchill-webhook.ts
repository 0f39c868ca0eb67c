import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookPayloadError, WebhookRejectedError } from '../../webhooks/webhook.errors';
import type { PlmWebhookNotification } from '../plm.connector';

/*
 * Windchill's webhook dialect (as the simulated Windchill sends it): the released change notice
 * as the JSON body, `X-PTC-Event: CHANGE_NOTICE_RELEASED`, `X-PTC-Timestamp: <unix seconds>` and
 * `X-PTC-Signature: sha256=<hex HMAC-SHA256 over "<timestamp>.<raw body>">`.
 */
export const RELEASED_EVENT = 'CHANGE_NOTICE_RELEASED';
/** Older (or further in the future) than this and a delivery is refused: a replay, or a clock gone wrong. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function signWindchillWebhook(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

/** Throws WebhookRejectedError unless the signature is the secret's over this timestamp and body, and the timestamp is recent. */
export function verifyWindchillSignature(headers: Headers, rawBody: Buffer, secret: string, nowSeconds: number): void {
  const timestampText = header(headers, 'x-ptc-timestamp');
  const signature = header(headers, 'x-ptc-signature');
  if (!timestampText || !signature) throw new WebhookRejectedError('X-PTC-Timestamp and X-PTC-Signature are required');
  if (!/^\d{1,12}$/.test(timestampText)) throw new WebhookRejectedError('X-PTC-Timestamp is not a Unix time in seconds');
  const timestamp = Number(timestampText);
  if (Math.abs(nowSeconds - timestamp) > WEBHOOK_TOLERANCE_SECONDS) {
    throw new WebhookRejectedError(`X-PTC-Timestamp is more than ${WEBHOOK_TOLERANCE_SECONDS} s away from now`);
  }
  const expected = Buffer.from(signWindchillWebhook(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new WebhookRejectedError('X-PTC-Signature does not match');
}

/** What a verified delivery says, in Threadline's terms. */
export function parseWindchillWebhook(headers: Headers, rawBody: Buffer): PlmWebhookNotification {
  const event = header(headers, 'x-ptc-event');
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new WebhookPayloadError('The body is not JSON');
  }
  const notice = body as { Number?: unknown; State?: { Value?: unknown } } | null;
  if (event !== RELEASED_EVENT) return { kind: 'ignored', reason: `event ${event ?? '(none)'} is not ${RELEASED_EVENT}` };
  if (typeof notice?.Number !== 'string' || !/^[A-Z0-9][A-Z0-9-]{0,39}$/.test(notice.Number)) {
    throw new WebhookPayloadError('The body is not a change notice with a Number');
  }
  return { kind: 'change-released', changeNumber: notice.Number };
}
