import { AppError, defineErrorCodes } from '@threadline/platform';

/** Signed webhooks from a backend authenticate by their HMAC signature, not a bearer token. */
export const WEBHOOK_ERRORS = defineErrorCodes({
  WEBHOOK_SIGNATURE_INVALID: {
    status: 401,
    title: 'Webhook rejected',
    description: 'The signature or its timestamp does not check out (not provably the backend\'s, or a replay); nothing was done',
  },
});

/** A webhook that is not provably the backend's (signature), or too old to be anything but a replay. */
export class WebhookSignatureError extends AppError<keyof typeof WEBHOOK_ERRORS> {
  constructor(detail: string) {
    super('WEBHOOK_SIGNATURE_INVALID', detail);
  }
}
