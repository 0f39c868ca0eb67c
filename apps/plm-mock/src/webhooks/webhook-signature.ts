import { createHmac } from 'node:crypto';

/**
 * How the simulated Windchill signs a webhook: HMAC-SHA256 with the subscription's secret over
 * `<timestamp>.<raw body>`, sent as `X-PTC-Signature: sha256=<hex>` next to
 * `X-PTC-Timestamp: <unix seconds>`. Binding the timestamp into the signature lets a receiver
 * refuse replays of an old delivery.
 */
export const SIGNATURE_HEADER = 'X-PTC-Signature';
export const TIMESTAMP_HEADER = 'X-PTC-Timestamp';
export const EVENT_HEADER = 'X-PTC-Event';
export const DELIVERY_HEADER = 'X-PTC-Delivery';

export function signWebhook(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}
