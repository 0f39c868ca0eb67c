import { AppError } from '@threadline/platform';

/** A webhook that is not provably the scheduler's, or is too old to be anything but a replay. */
export class WebhookAuthenticationError extends AppError {
  constructor(reason: string) {
    super('WEBHOOK_SIGNATURE_INVALID', 401, 'Webhook not authenticated', `Refused: ${reason}`);
  }
}
