import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENAPI_DIR } from '../support/openapi';
import { PUBLIC_ROUTES } from '../support/routes';

/**
 * Reads the committed OpenAPI documents (the e2e suite proves they equal what the code serves) and
 * checks house rules every operation must follow.
 */
const documents = readdirSync(OPENAPI_DIR)
  .filter((f) => f.endsWith('.openapi.json'))
  .map((f) => ({ app: f.replace('.openapi.json', ''), spec: JSON.parse(readFileSync(join(OPENAPI_DIR, f), 'utf8')) }));

type Operation = {
  operationId?: string;
  summary?: string;
  tags?: string[];
  'x-required-scopes'?: string[];
  'x-unmetered'?: boolean;
  parameters?: { $ref?: string }[];
  responses?: Record<string, { headers?: Record<string, unknown> }>;
};

/** The apps that honour Idempotency-Key on POST (IdempotencyModule). */
const IDEMPOTENT_APPS = ['plm-system-api', 'erp-system-api', 'scheduling-system-api', 'process-api'];

function operations(spec: { paths: Record<string, Record<string, Operation>> }): { path: string; method: string; op: Operation }[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ path, method, op })),
  );
}

describe('committed OpenAPI documents', () => {
  it('cover all nine apps', () => {
    expect(documents.map((d) => d.app).sort()).toEqual(
      ['erp-mock', 'erp-system-api', 'experience-api', 'idp-mock', 'plm-mock', 'plm-system-api', 'process-api', 'scheduler-mock', 'scheduling-system-api'].sort(),
    );
  });

  it.each(documents.map((d) => [d.app, d.spec]))('%s: every non-public operation declares its scopes', (_app, spec) => {
    const missing = operations(spec)
      .filter(({ path }) => !PUBLIC_ROUTES.some((p) => p.test(path)))
      .filter(({ op }) => !(op['x-required-scopes'] && op['x-required-scopes'].length > 0))
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(missing).toEqual([]);
  });

  it.each(documents.map((d) => [d.app, d.spec]))('%s: every operation has an operationId, a summary and a tag', (_app, spec) => {
    const incomplete = operations(spec)
      .filter(({ op }) => !op.operationId || !op.summary || !op.tags?.length)
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(incomplete).toEqual([]);
  });

  it.each(documents.map((d) => [d.app, d.spec]))('%s: operationIds are unique', (_app, spec) => {
    const ids = operations(spec).map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(IDEMPOTENT_APPS.map((app) => [app, documents.find((d) => d.app === app)!.spec]))('%s: every POST declares the Idempotency-Key header and its 409/422', (_app, spec) => {
    const posts = operations(spec).filter(({ method }) => method === 'post');
    expect(posts.length).toBeGreaterThan(0);
    const undeclared = posts
      .filter(({ op }) => !op.parameters?.some((p) => p.$ref === '#/components/parameters/IdempotencyKey') || !op.responses?.['409'] || !op.responses?.['422'])
      .map(({ path }) => `POST ${path}`);
    expect(undeclared).toEqual([]);
    expect(spec.components.parameters.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header', schema: { maxLength: 255 } });
  });

  it.each(documents.map((d) => [d.app, d.spec]))('%s: only the health probes are unmetered; every other answer documents the RateLimit headers', (_app, spec) => {
    const unmetered = operations(spec).filter(({ op }) => op['x-unmetered']).map(({ path }) => path);
    expect(unmetered.every((path) => /^\/health\//.test(path))).toBe(true);
    const withoutHeaders = operations(spec)
      .filter(({ op }) => !op['x-unmetered'])
      .flatMap(({ method, path, op }) =>
        Object.entries(op.responses ?? {})
          .filter(([status, response]) => /^[24]/.test(status) && !response.headers?.RateLimit)
          .map(([status]) => `${method.toUpperCase()} ${path} ${status}`),
      );
    expect(withoutHeaders).toEqual([]);
  });
});
