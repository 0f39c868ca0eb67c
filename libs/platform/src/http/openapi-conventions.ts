import type { OpenAPIObject } from '@nestjs/swagger';

type Responses = Record<string, { description?: string; content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
type Operation = { responses?: Responses; security?: unknown[]; requestBody?: unknown; 'x-required-scopes'?: string[] };

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
const PROBLEM_CONTENT = { 'application/problem+json': { schema: PROBLEM_REF } };

const STANDARD_ERRORS: Record<string, string> = {
  '400': 'Malformed request or failed validation; nothing was changed',
  '401': 'Missing, expired or invalid bearer token',
  '403': 'The token is not for this app, or lacks the scope',
  '429': 'Too many requests for this client\'s tier; see Retry-After',
  '500': 'Unexpected error; logged with the correlation id',
};

/**
 * What every Threadline operation answers besides its own responses, written into the document
 * once instead of on every route: RFC 9457 problem+json for every error (which is what the one
 * ProblemFilter produces), the standard error statuses, and the RateLimit headers.
 */
export function applyOpenApiConventions(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = {
    type: 'object',
    description: 'RFC 9457 problem details',
    required: ['type', 'title', 'status', 'code'],
    properties: {
      type: { type: 'string', format: 'uri', maxLength: 300, example: 'https://threadline.dev/problems/validation-failed' },
      title: { type: 'string', maxLength: 200, example: 'Request validation failed' },
      status: { type: 'integer', minimum: 400, maximum: 599, example: 400 },
      detail: { type: 'string', maxLength: 4000, example: 'targetPlants: targetPlants must contain at least 1 elements' },
      instance: { type: 'string', maxLength: 2000, example: '/v1/engineering-changes' },
      code: { type: 'string', maxLength: 80, example: 'VALIDATION_FAILED' },
      correlationId: { type: 'string', maxLength: 128, example: '3ce03047-3657-4bea-9124-23d09aa9e404' },
    },
    additionalProperties: true,
  };
  document.components.headers = {
    ...(document.components.headers ?? {}),
    RateLimit: { description: 'IETF draft RateLimit header: limit, remaining and reset (s) of this client\'s window', schema: { type: 'string', maxLength: 100 } },
    'RateLimit-Policy': { description: 'IETF draft RateLimit-Policy: requests per window of this client\'s tier', schema: { type: 'string', maxLength: 100 } },
    'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 0, maximum: 86400 } },
  };
  for (const path of Object.values(document.paths ?? {})) {
    for (const [method, op] of Object.entries(path as Record<string, Operation>)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const responses = (op.responses ??= {});
      const guarded = (op['x-required-scopes']?.length ?? 0) > 0;
      const wanted = ['400', '500', ...(guarded ? ['401', '403', '429'] : [])];
      for (const status of wanted) responses[status] ??= { description: STANDARD_ERRORS[status] };
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) >= 400) response.content ??= PROBLEM_CONTENT;
        if (guarded && (status.startsWith('2') || status.startsWith('4'))) {
          response.headers = { RateLimit: { $ref: '#/components/headers/RateLimit' }, 'RateLimit-Policy': { $ref: '#/components/headers/RateLimit-Policy' }, ...response.headers };
        }
        if (status === '429' || status === '503') response.headers = { 'Retry-After': { $ref: '#/components/headers/Retry-After' }, ...response.headers };
      }
      if (!guarded) op.security = [];
    }
  }
  return document;
}
