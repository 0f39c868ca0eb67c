import { defineErrorCodes } from '@threadline/platform';

/** What the gateway refuses before a handler runs. */
export const GATEWAY_ERRORS = defineErrorCodes({
  UNAUTHENTICATED: { status: 401, title: 'Unauthorized', description: 'Missing, expired or invalid bearer token (see WWW-Authenticate)' },
  TOKEN_AUDIENCE_MISMATCH: { status: 403, title: 'Forbidden', description: 'The token was issued for another app' },
  INSUFFICIENT_SCOPE: { status: 403, title: 'Forbidden', description: 'The token lacks the scope this operation needs (`requiredScopes`)' },
  PLANT_NOT_ALLOWED: { status: 403, title: 'Forbidden', description: "The token is limited to other plants than the one asked for (its `plants` claim)" },
  IDP_UNAVAILABLE: { status: 503, title: 'Identity provider unreachable', description: "The identity provider's signing keys could not be fetched; retry shortly" },
});

/** Every code a route behind the gateway may answer before its handler runs. */
export const GATEWAY_ERROR_CODES = Object.keys(GATEWAY_ERRORS);
