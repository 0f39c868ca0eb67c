import { createHmac } from 'node:crypto';

/**
 * How the mock signs a webhook delivery (modelled on Stripe's and GitHub's schemes):
 * `X-Frepple-Timestamp: <unix seconds>` and `X-Frepple-Signature: sha256=<hex>`, the HMAC-SHA256
 * with the subscription's secret of `<timestamp>.<raw body>`. The timestamp is inside the signed
 * string, so a receiver that refuses old timestamps cannot be fed a replayed delivery.
 * The receiver (scheduling-system-api) verifies with its own copy of this scheme.
 */
export const SIGNATURE_HEADER = 'x-frepple-signature';
export const TIMESTAMP_HEADER = 'x-frepple-timestamp';
export const EVENT_HEADER = 'x-frepple-event';
export const DELIVERY_HEADER = 'x-frepple-delivery';

export function signDelivery(secret: string, timestampSeconds: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex')}`;
}
