import type { OpenAPIObject } from '@nestjs/swagger';
import { DATABASE_ERRORS } from '../errors/database-unavailable';
import { errorCodeSpec } from '../errors/error-codes';
import { PROBLEM_CODES_EXTENSION } from './api-problems.decorator';

type Responses = Record<string, { description?: string; content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
type Operation = {
  responses?: Responses;
  security?: Record<string, unknown>[];
  requestBody?: unknown;
  parameters?: { in?: string; name?: string; schema?: Record<string, unknown> }[];
  'x-required-scopes'?: string[];
  'x-unmetered'?: boolean;
  [PROBLEM_CODES_EXTENSION]?: string[];
};

/**
 * Fastify's router refuses a path parameter longer than this (414 URI Too Long, as problem+json),
 * so the documents can promise it for every path parameter that declares no tighter limit.
 */
export const MAX_PATH_PARAM_LENGTH = 200;

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
const PROBLEM_CONTENT = { 'application/problem+json': { schema: PROBLEM_REF } };

/** A route that authenticates by a scheme of its own (a webhook's signature) and declares no code for it. */
const OWN_SCHEME_401 = 'Missing or invalid credentials';

/** The codes an operation answers by the platform's doing (router, body parser, pipes, limits), whatever its handler does. */
function platformCodes(op: Operation, metered: boolean, idempotentPost: boolean): string[] {
  const pathParameters = (op.parameters ?? []).some((p) => p.in === 'path');
  return [
    'BAD_REQUEST',
    'VALIDATION_FAILED',
    'INTERNAL_ERROR',
    // Every app keeps its state (and its audit trail, its idempotency keys) in its own PostgreSQL.
    ...Object.keys(DATABASE_ERRORS),
    ...(pathParameters ? ['URI_TOO_LONG'] : []),
    ...(op.requestBody ? ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] : []),
    ...(metered ? ['RATE_LIMITED'] : []),
    ...(idempotentPost ? ['IDEMPOTENCY_KEY_INVALID', 'IDEMPOTENCY_REQUEST_IN_FLIGHT', 'IDEMPOTENCY_KEY_REUSED'] : []),
  ];
}

/**
 * What every Threadline operation answers besides its own responses, written into the document
 * once instead of on every route: RFC 9457 problem+json for every error (which is what the one
 * ProblemFilter produces), one response per status its error codes leave as (the codes it
 * declares with @ApiProblems and the platform's own, each status from the codes' declarations,
 * listed in `x-problem-codes`), the RateLimit headers (every route but the
 * health probes is rate limited: per client, or per address on public routes), the CORS header
 * (sent only when CORS_ALLOWED_ORIGINS names the caller's origin) and the router's limit on path
 * parameters.
 */
export interface ConventionOptions {
  /** Set when the app honours Idempotency-Key on POST (IdempotencyModule): how long keys are kept. */
  idempotency?: { ttlHours: number; inFlightTimeoutSeconds: number };
}

export function applyOpenApiConventions(document: OpenAPIObject, options: ConventionOptions = {}): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = {
    type: 'object',
    description: 'RFC 9457 problem details',
    required: ['type', 'title', 'status', 'code'],
    properties: {
      type: { type: 'string', format: 'uri', maxLength: 300, example: 'https://threadline.dev/problems/validation-failed' },
      title: { type: 'string', maxLength: 200, example: 'Request validation failed' },
      status: { type: 'integer', format: 'int32', minimum: 400, maximum: 599, example: 400 },
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
    'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86400 } },
    'Access-Control-Allow-Origin': {
      description: 'Sent only when the request\'s Origin is one of CORS_ALLOWED_ORIGINS; CORS is off (never sent) by default',
      schema: { type: 'string', format: 'uri', maxLength: 2048 },
    },
  };
  if (options.idempotency) {
    document.components.parameters = {
      ...(document.components.parameters ?? {}),
      IdempotencyKey: {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          `IETF draft Idempotency-Key: a retry with the same key and payload gets the stored response (Idempotent-Replayed: true); ` +
          `while the first request runs, 409 (a request in flight for more than ${options.idempotency.inFlightTimeoutSeconds} s is taken to be abandoned); ` +
          `the same key with another payload, 422. Keys are scoped to the client and kept ${options.idempotency.ttlHours} h.`,
        schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$', example: '6f1c2a9e-release-ECN-000042' },
      },
    };
  }
  for (const path of Object.values(document.paths ?? {})) {
    for (const [method, op] of Object.entries(path as Record<string, Operation>)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const responses = (op.responses ??= {});
      const guarded = (op['x-required-scopes']?.length ?? 0) > 0;
      // A public route may name its own scheme (a webhook's HMAC signature, client credentials at a
      // token endpoint); otherwise it needs no credentials at all.
      const ownScheme = !guarded && (op.security ?? []).some((requirement) => Object.keys(requirement).some((name) => name !== 'bearer'));
      const metered = !op['x-unmetered'];
      const idempotentPost = method === 'post' && !!options.idempotency;
      if (idempotentPost) op.parameters = [...(op.parameters ?? []), { $ref: '#/components/parameters/IdempotencyKey' } as never];
      const codes = [...new Set([...platformCodes(op, metered, idempotentPost), ...(op[PROBLEM_CODES_EXTENSION] ?? [])])].sort();
      op[PROBLEM_CODES_EXTENSION] = codes;
      documentProblemCodes(responses, codes);
      if (ownScheme) responses['401'] ??= { description: OWN_SCHEME_401 };
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) >= 400) response.content ??= PROBLEM_CONTENT;
        if (metered && (status.startsWith('2') || status.startsWith('4'))) {
          response.headers = { RateLimit: { $ref: '#/components/headers/RateLimit' }, 'RateLimit-Policy': { $ref: '#/components/headers/RateLimit-Policy' }, ...response.headers };
        }
        if (status === '429' || status === '503') response.headers = { 'Retry-After': { $ref: '#/components/headers/Retry-After' }, ...response.headers };
        response.headers = { ...response.headers, 'Access-Control-Allow-Origin': { $ref: '#/components/headers/Access-Control-Allow-Origin' } };
      }
      for (const parameter of op.parameters ?? []) {
        if (parameter.in === 'path' && parameter.schema?.type === 'string' && parameter.schema.maxLength === undefined && !parameter.schema.enum) {
          parameter.schema.maxLength = MAX_PATH_PARAM_LENGTH;
        }
      }
      if (!guarded && !ownScheme) op.security = [];
    }
  }
  return document;
}

/**
 * One response per status the codes leave as, its description listing each code with what it
 * means; a description written by hand on the route comes first.
 */
function documentProblemCodes(responses: Responses, codes: string[]): void {
  const byStatus = new Map<string, string[]>();
  for (const code of codes) {
    const spec = errorCodeSpec(code);
    if (!spec) throw new Error(`@ApiProblems names ${code}, which no module declares (defineErrorCodes)`);
    const lines = byStatus.get(String(spec.status)) ?? [];
    lines.push(`\`${code}\`: ${spec.description}`);
    byStatus.set(String(spec.status), lines);
  }
  for (const [status, lines] of byStatus) {
    const byHand = responses[status]?.description;
    responses[status] = { ...responses[status], description: [byHand, ...lines].filter(Boolean).join('\n\n') };
  }
}
