import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The scheduler's webhook signature (see scheduler-mock's webhook-signature.ts):
 * `X-Frepple-Timestamp: <unix seconds>`, `X-Frepple-Signature: sha256=<hex>` = HMAC-SHA256 with the
 * shared secret of `<timestamp>.<raw body>`. A delivery whose timestamp is more than the tolerance
 * away from now is refused, so a captured delivery cannot be replayed later.
 */
export const SIGNATURE_HEADER = 'x-frepple-signature';
export const TIMESTAMP_HEADER = 'x-frepple-timestamp';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signFreppleDelivery(secret: string, timestampSeconds: number, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.`).update(rawBody).digest('hex')}`;
}

export interface SignedDelivery {
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: Buffer | string | undefined;
}

/** Why a delivery is refused, or null when it is authentic and fresh. */
export function signatureProblem(delivery: SignedDelivery, secret: string, now: Date = new Date(), toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS): string | null {
  if (!delivery.signature) return `the ${SIGNATURE_HEADER} header is missing`;
  if (!delivery.timestamp || !/^\d{1,12}$/.test(delivery.timestamp)) return `the ${TIMESTAMP_HEADER} header is missing or not in unix seconds`;
  if (delivery.rawBody === undefined) return 'the body is missing';
  const age = now.getTime() / 1000 - Number(delivery.timestamp);
  if (Math.abs(age) > toleranceSeconds) return `the timestamp is ${Math.round(age)} s away from now (at most ${toleranceSeconds} s allowed)`;
  const expected = Buffer.from(signFreppleDelivery(secret, Number(delivery.timestamp), delivery.rawBody));
  const given = Buffer.from(delivery.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'the signature does not match';
  return null;
}
