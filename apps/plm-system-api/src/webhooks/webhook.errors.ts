import { AppError } from '@threadline/platform';

/** A webhook whose signature or timestamp does not check out: 401, and nothing is done. */
export class WebhookRejectedError extends AppError {
  constructor(detail: string) {
    super('WEBHOOK_SIGNATURE_INVALID', 401, 'Webhook rejected', detail);
  }
}

/** A correctly signed webhook whose body is not a notification Threadline understands. */
export class WebhookPayloadError extends AppError {
  constructor(detail: string) {
    super('WEBHOOK_PAYLOAD_INVALID', 400, 'Invalid webhook payload', detail);
  }
}
