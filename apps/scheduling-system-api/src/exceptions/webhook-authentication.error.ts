import { WebhookSignatureError } from '@threadline/gateway-auth';

/** A webhook that is not provably the scheduler's, or is too old to be anything but a replay. */
export class WebhookAuthenticationError extends WebhookSignatureError {
  constructor(reason: string) {
    super(`Refused: ${reason}`);
  }
}
