import { INestApplication, Logger, LogLevel } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { SecuritySchemeObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemFilter, toProblem } from '../errors/problem.filter';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { DEFAULT_IN_FLIGHT_TIMEOUT_SECONDS, IDEMPOTENCY_OPTIONS, IdempotencyOptions } from '../idempotency/idempotency.interceptor';
import { ContextLogger } from '../logging/context-logger';
import { AppMetrics } from '../metrics/app-metrics';
import { observeHttpServer } from '../metrics/http-metrics';
import { applyOpenApiConventions, MAX_PATH_PARAM_LENGTH } from './openapi-conventions';
import { contextFrom, runInContext, traceparentOf } from './request-context';
import { flushTracing, inAppScope, instrumentFastify } from '../telemetry/tracing';
import { createValidationPipe } from './validation';

export interface HttpAppOptions {
  /** App name as in apps/, used in logs and the OpenAPI title. */
  name: string;
  title: string;
  description: string;
  version: string;
  port: number;
  host?: string;
  bodyLimitBytes?: number;
  logLevels?: LogLevel[];
  /** Route `/x/` like `/x` (a backend dialect whose URLs end in a slash, such as frePPLe's). */
  ignoreTrailingSlash?: boolean;
  /**
   * Authentication schemes besides the bearer token, for routes that authenticate otherwise (an
   * HMAC-signed webhook, client credentials at a token endpoint); routes name them with @ApiSecurity.
   */
  securitySchemes?: Record<string, SecuritySchemeObject>;
  /** Browser origins allowed to call this app; default CORS_ALLOWED_ORIGINS, and none (CORS off) when unset. */
  corsOrigins?: string[];
}

/**
 * CORS_ALLOWED_ORIGINS: comma-separated origins (`https://dash.example.com`). Anything that is not a
 * bare http(s) origin stops the app at boot: a typo must not silently open or close the API.
 */
export function parseCorsOrigins(value: string | undefined): string[] {
  const origins = (value ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
      throw new Error(`CORS_ALLOWED_ORIGINS: '${origin}' is not an origin like https://dash.example.com (no path, no wildcard)`);
    }
  }
  return origins;
}

export interface RunningApp {
  name: string;
  url: string;
  port: number;
  app: NestFastifyApplication;
  close(): Promise<void>;
}

export const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

export function createFastifyAdapter(options: Pick<HttpAppOptions, 'bodyLimitBytes' | 'ignoreTrailingSlash'>): FastifyAdapter {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    // The documents promise MAX_PATH_PARAM_LENGTH for path parameters; the router enforces it.
    routerOptions: { ignoreTrailingSlash: options.ignoreTrailingSlash ?? false, maxParamLength: MAX_PATH_PARAM_LENGTH },
    // The router's own refusals (a malformed URL, a path parameter over the limit) never reach Nest's
    // filter; they still leave as problem+json with the hardening headers.
    frameworkErrors: ((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const problem = { ...toProblem(error), instance: request.url };
      void reply.headers(SECURITY_HEADERS).status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
      // The adapter is typed against @nestjs/platform-fastify's own copy of fastify's types.
    }) as never,
    // Correlation ids come from the caller when it sends one, so a flow is traceable across hops.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-correlation-id'];
      return typeof given === 'string' && given.length <= 128 ? given : randomUUID();
    },
  });
  const fastify = adapter.getInstance();
  // Tracing (when on): the request's span starts first, so the context below takes its ids.
  instrumentFastify(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    request.headers['x-correlation-id'] = String(request.id);
    void reply.header('x-correlation-id', request.id);
    // An API answers JSON to programs: no sniffing, no framing, no referrer, no caching of
    // responses that carry business data. Fastify sends no X-Powered-By; CORS stays off.
    void reply.headers(SECURITY_HEADERS);
    // The rest of the request runs in its context, so calls and events made while serving it carry
    // the same correlation id and trace (W3C traceparent) without passing them by hand.
    const traceparent = request.headers.traceparent;
    const context = contextFrom(String(request.id), typeof traceparent === 'string' ? traceparent : undefined);
    void reply.header('traceparent', traceparentOf(context));
    runInContext(context, done);
  });
  // A request still running when the app closes would keep its connection alive afterwards, and the
  // server's close would wait for it until the keep-alive timeout (72 s): its answer says
  // `Connection: close`, so the client lets go of the connection once it has the answer.
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  return adapter;
}

export function buildOpenApiDocument(app: INestApplication, options: Pick<HttpAppOptions, 'title' | 'description' | 'version' | 'securitySchemes'>): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion(options.version)
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'RS256/ES256 JWT from the IdP (client credentials), validated per RFC8725 (JSON Web Token Best Current Practices): algorithm allow-list, issuer, audience (the app), exp/nbf.',
      },
      'bearer',
    )
    .addSecurityRequirements('bearer');
  for (const [name, scheme] of Object.entries(options.securitySchemes ?? {})) builder.addSecurity(name, scheme);
  const idempotency = optionalProvider<IdempotencyOptions>(app, IDEMPOTENCY_OPTIONS);
  return applyOpenApiConventions(SwaggerModule.createDocument(app, builder.build()), {
    idempotency: idempotency && {
      ttlHours: idempotency.ttlHours ?? 24,
      inFlightTimeoutSeconds: idempotency.inFlightTimeoutSeconds ?? DEFAULT_IN_FLIGHT_TIMEOUT_SECONDS,
    },
  });
}

/** A provider's value if some module of the app declares it (app.get would log a miss as an error). */
function optionalProvider<T>(app: INestApplication, token: symbol): T | undefined {
  for (const module of app.get(ModulesContainer).values()) {
    const wrapper = module.providers.get(token);
    if (wrapper) return wrapper.instance as T;
  }
  return undefined;
}

/**
 * Creates, configures and starts one Threadline app on Fastify: global validation, problem+json
 * errors, Swagger UI at /docs and the OpenAPI JSON at /docs-json.
 */
export function startHttpApp(module: unknown, options: HttpAppOptions): Promise<RunningApp> {
  // Spans started by what the app sets going (requests, jobs, pollers) name it, also in the launcher.
  return inAppScope(options.name, () => startHttpAppInScope(module, options));
}

async function startHttpAppInScope(module: unknown, options: HttpAppOptions): Promise<RunningApp> {
  const adapter = createFastifyAdapter(options);
  // The app's own registry (GET /metrics), handed to its providers while they are built.
  const metrics = new AppMetrics(options.name);
  observeHttpServer(adapter.getInstance(), metrics);
  const app = await AppMetrics.building(metrics, () => NestFactory.create<NestFastifyApplication>(module as never, adapter, {
    // pino: readable lines, or one JSON object per line in production (LOG_FORMAT overrides);
    // levels from LOG_LEVEL and LOG_LEVEL_<APP>, checked here (see libs/platform/src/logging).
    logger: new ContextLogger({ app: options.name, logLevels: options.logLevels }),
    bufferLogs: false,
    // Throw start-up errors to the caller instead of exiting the process: in the all-in-one
    // launcher and in tests, one app failing must not take the others down unannounced.
    abortOnError: false,
  }));
  configureApp(app);
  const corsOrigins = options.corsOrigins ?? parseCorsOrigins(process.env.CORS_ALLOWED_ORIGINS);
  // Off unless configured: these APIs serve programs; a browser dashboard's origin is allowed by name.
  if (corsOrigins.length > 0) {
    app.enableCors({ origin: corsOrigins, methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], exposedHeaders: ['ETag', 'Location', 'RateLimit', 'RateLimit-Policy', 'Retry-After', 'X-Correlation-Id'], maxAge: 600 });
  }
  const document = buildOpenApiDocument(app, options);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await app.listen(options.port, options.host ?? '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`;
  new Logger(options.name).log(`listening on ${url}`);
  const close = async (): Promise<void> => {
    await app.close();
    await flushTracing();
  };
  return { name: options.name, url, port, app, close };
}

export function configureApp(app: INestApplication): void {
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
}
