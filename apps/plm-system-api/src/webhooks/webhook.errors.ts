import { WebhookSignatureError } from '@threadline/gateway-auth';
import { AppError, defineErrorCodes } from '@threadline/platform';

export const PLM_WEBHOOK_ERRORS = defineErrorCodes({
  WEBHOOK_PAYLOAD_INVALID: { status: 400, title: 'Invalid webhook payload', description: 'Correctly signed, but not a notification Threadline understands' },
});

/** A webhook whose signature or timestamp does not check out: nothing is done. */
export class WebhookRejectedError extends WebhookSignatureError {}

/** A correctly signed webhook whose body is not a notification Threadline understands. */
export class WebhookPayloadError extends AppError<keyof typeof PLM_WEBHOOK_ERRORS> {
  constructor(detail: string) {
    super('WEBHOOK_PAYLOAD_INVALID', detail);
  }
}
