import { INestApplication, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { ProblemFilter } from '../errors/problem.filter';
import { applyOpenApiConventions } from './openapi-conventions';
import { contextFrom, runInContext, traceparentOf } from './request-context';
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
    routerOptions: { ignoreTrailingSlash: options.ignoreTrailingSlash ?? false },
    // Correlation ids come from the caller when it sends one, so a flow is traceable across hops.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-correlation-id'];
      return typeof given === 'string' && given.length <= 128 ? given : randomUUID();
    },
  });
  const fastify = adapter.getInstance();
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
  return adapter;
}

export function buildOpenApiDocument(app: INestApplication, options: Pick<HttpAppOptions, 'title' | 'description' | 'version'>): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion(options.version)
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'RS256/ES256 JWT from the IdP (client credentials), validated per RFC 8725: algorithm allow-list, issuer, audience (the app), exp/nbf.',
      },
      'bearer',
    )
    .addSecurityRequirements('bearer')
    .build();
  return applyOpenApiConventions(SwaggerModule.createDocument(app, config));
}

/**
 * Creates, configures and starts one Threadline app on Fastify: global validation, problem+json
 * errors, Swagger UI at /docs and the OpenAPI JSON at /docs-json.
 */
export async function startHttpApp(module: unknown, options: HttpAppOptions): Promise<RunningApp> {
  const adapter = createFastifyAdapter(options);
  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, {
    logger: options.logLevels ?? (process.env.NODE_ENV === 'test' ? ['error', 'warn'] : ['error', 'warn', 'log']),
    bufferLogs: false,
    // Throw start-up errors to the caller instead of exiting the process: in the all-in-one
    // launcher and in tests, one app failing must not take the others down unannounced.
    abortOnError: false,
  });
  configureApp(app);
  const document = buildOpenApiDocument(app, options);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await app.listen(options.port, options.host ?? '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`;
  new Logger(options.name).log(`listening on ${url}`);
  return { name: options.name, url, port, app, close: () => app.close() };
}

export function configureApp(app: INestApplication): void {
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
}
