/**
 * `npm run lint:breaking`: compares each app's OpenAPI document (openapi/<app>.openapi.json) with
 * the published baseline (openapi/baseline/<app>.openapi.json) using Optic's breaking-changes
 * ruleset. A breaking change fails the check unless the document's info.version has a greater
 * major than the baseline's: a client pinned to the old major must be told, not surprised.
 *
 * Optic is driven through its CLI (its diff has no public JS API). It runs fully offline: no login,
 * no upload, telemetry and the update check switched off, and a timeout so an attempt to reach
 * the network shows up as a failure instead of a hang.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const OPENAPI_DIR = join(ROOT, 'openapi');
export const BASELINE_DIR = join(OPENAPI_DIR, 'baseline');
export const OPTIC_STANDARD = join(OPENAPI_DIR, 'optic.yml');
const OPTIC_CLI = require.resolve('@useoptic/optic/build/index.js');
const OPTIC_TIMEOUT_MS = 90_000;

export interface BreakingChange {
  /** `GET /v1/plants`, as Optic names the operation. */
  operation: string;
  rule: string;
  message: string;
}

export interface Comparison {
  /** unchanged: no differences; compatible: only non-breaking ones; allowed: breaks under a new major; breaking: fails. */
  verdict: 'unchanged' | 'compatible' | 'allowed' | 'breaking';
  ok: boolean;
  baselineVersion: string | undefined;
  currentVersion: string | undefined;
  /** Operations Optic saw added, changed or removed, breaking or not. */
  changedOperations: number;
  breaks: BreakingChange[];
}

/** Environment for Optic: no telemetry, no update check against the registry, plain text. */
function opticEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OPTIC_TELEMETRY_LEVEL: 'off', // Optic's own switch: no Segment events, no Sentry reports
    NO_UPDATE_NOTIFIER: '1', // update-notifier would ask registry.npmjs.org for a newer Optic
    FORCE_COLOR: '0',
  };
  // With CI set Optic writes ci-run-details.json into its working directory and prints CI links.
  delete env.CI;
  delete env.OPTIC_TOKEN;
  return env;
}

function runOptic(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // Run outside the repository: Optic would otherwise run `git status` (which may take the index
  // lock others need) and pick up any optic.yml it finds on the way up.
  const cwd = mkdtempSync(join(tmpdir(), 'threadline-optic-'));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [OPTIC_CLI, ...args],
      { cwd, env: opticEnv(), timeout: OPTIC_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        rmSync(cwd, { recursive: true, force: true });
        if (error && (error.killed || error.signal)) {
          reject(new Error(`optic ${args[0]} did not finish within ${OPTIC_TIMEOUT_MS / 1000}s (is it trying to reach the network?)`));
        } else if (error && typeof error.code !== 'number') {
          reject(new Error(`optic ${args[0]} could not run: ${error.message}`, { cause: error }));
        } else {
          resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
        }
      },
    );
  });
}

function infoVersion(path: string): string | undefined {
  try {
    const version = (JSON.parse(readFileSync(path, 'utf8')) as { info?: { version?: unknown } }).info?.version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

function major(version: string | undefined): number | undefined {
  const match = version?.trim().match(/^v?(\d+)(?:\.|$)/);
  return match ? Number(match[1]) : undefined;
}

/** True only when both versions parse and the current major is greater: anything unclear is no bump. */
export function isMajorBump(baselineVersion: string | undefined, currentVersion: string | undefined): boolean {
  const before = major(baselineVersion);
  const after = major(currentVersion);
  return before !== undefined && after !== undefined && after > before;
}

/**
 * Reads Optic's terminal report. Failed checks look like
 *   Operations: 1 operation added, 2 changed
 *   x  Checks: 8/10 passed
 *   x GET /v1/plants:            (or `x GET /v1/plants: removed`)
 *     ...
 *         x [prevent removing response property] cannot remove response property 'timeZone'. This is a breaking change.
 * The Checks line appears whenever any operation changed.
 */
function parseReport(stdout: string): { changedOperations: number; checks?: { passed: number; total: number }; breaks: BreakingChange[] } {
  const breaks: BreakingChange[] = [];
  let operation = '(document)';
  let changedOperations = 0;
  let checks: { passed: number; total: number } | undefined;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('Operations: ')) {
      for (const count of line.matchAll(/(\d+) (?:operations? )?(?:added|changed|removed)/g)) changedOperations += Number(count[1]);
    }
    const summary = line.match(/Checks: (\d+)\/(\d+) passed/);
    if (summary) checks = { passed: Number(summary[1]), total: Number(summary[2]) };
    const endpoint = line.match(/^\S+ ((?:GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE) \/\S*):/);
    if (endpoint) operation = endpoint[1];
    const failure = line.match(/^\s*x \[(.+?)\] (.*?)\s*$/);
    if (failure) breaks.push({ operation, rule: failure[1], message: failure[2].replace(/\s*This is a breaking change\.$/, '') });
  }
  return { changedOperations, checks, breaks };
}

type JsonSchema = {
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
};
type OpenApiDocument = { paths?: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> };

function readDocument(path: string): OpenApiDocument {
  return JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
}

/** Follows local `$ref`s (`#/components/schemas/X`); undefined when one does not resolve. */
function resolveSchema(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  let current = schema;
  for (let hops = 0; current?.$ref && hops < 32; hops++) {
    current = current.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc) as JsonSchema | undefined;
  }
  return current;
}

/** The schema and its allOf/oneOf/anyOf parts, resolved: where properties and `required` may sit. */
function schemaParts(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema[] {
  const resolved = resolveSchema(doc, schema);
  if (!resolved) return [];
  return [resolved, ...[...(resolved.allOf ?? []), ...(resolved.oneOf ?? []), ...(resolved.anyOf ?? [])].flatMap((part) => schemaParts(doc, part))];
}

/** Property chains (a '[]' step is an array's items) from `schema` to each object that requires `property`. */
function pathsRequiring(doc: OpenApiDocument, schema: JsonSchema | undefined, property: string, path: string[] = [], depth = 0): string[][] {
  if (depth > 12) return [];
  const found: string[][] = [];
  for (const part of schemaParts(doc, schema)) {
    if (part.required?.includes(property)) found.push(path);
    for (const [name, child] of Object.entries(part.properties ?? {})) found.push(...pathsRequiring(doc, child, property, [...path, name], depth + 1));
    if (part.items) found.push(...pathsRequiring(doc, part.items, property, [...path, '[]'], depth + 1));
  }
  return found;
}

/** The schema at a property chain, or undefined when some step of it does not exist. */
function schemaAt(doc: OpenApiDocument, schema: JsonSchema | undefined, path: string[]): JsonSchema | undefined {
  let current = schema;
  for (const step of path) {
    const parts = schemaParts(doc, current);
    current = step === '[]' ? parts.find((p) => p.items)?.items : parts.find((p) => p.properties?.[step])?.properties?.[step];
    if (!current) return undefined;
  }
  return current;
}

function isRequiredAt(doc: OpenApiDocument, schema: JsonSchema | undefined, path: string[]): boolean {
  if (path.length === 0) return true;
  const last = path[path.length - 1];
  if (last === '[]') return false;
  return schemaParts(doc, schemaAt(doc, schema, path.slice(0, -1))).some((p) => p.required?.includes(last));
}

/**
 * Optic reports "cannot add a required request property 'x'" also when 'x' is required only inside
 * an object that is itself new and optional (a new optional array of entries that each need an
 * 'x'): no request a client sends today lacks it, so nothing breaks. True for exactly that case:
 * every object of the request body requiring 'x' either required it in the baseline already or
 * sits below a property the baseline lacks and the current document does not require.
 */
export function requiredOnlyInsideNewOptionalProperty(b: BreakingChange, baseline: OpenApiDocument, current: OpenApiDocument): boolean {
  const property = /^cannot add a required request property '(.+)'/.exec(b.message)?.[1];
  const [method, path] = b.operation.split(' ');
  if (!property || !method || !path) return false;
  const bodies = (doc: OpenApiDocument) => Object.values(doc.paths?.[path]?.[method.toLowerCase()]?.requestBody?.content ?? {}).map((c) => c.schema);
  const [before, after] = [bodies(baseline), bodies(current)];
  if (before.length === 0 || after.length === 0) return false;
  return after.every((body) =>
    pathsRequiring(current, body, property).every((chain) => {
      const old = before.map((b0) => schemaAt(baseline, b0, chain)).find((s) => s !== undefined);
      if (old) return schemaParts(baseline, old).some((p) => p.required?.includes(property));
      const firstNew = chain.findIndex((_, i) => before.every((b0) => schemaAt(baseline, b0, chain.slice(0, i + 1)) === undefined));
      return firstNew >= 0 && !isRequiredAt(current, body, chain.slice(0, firstNew + 1));
    }),
  );
}

/** Diffs two OpenAPI documents with Optic's breaking-changes ruleset and applies the major-version policy. */
export async function compare(baselinePath: string, currentPath: string): Promise<Comparison> {
  const { code, stdout, stderr } = await runOptic(['diff', baselinePath, currentPath, '--check', '--standard', OPTIC_STANDARD]);
  const report = parseReport(stdout);
  const failedChecks = report.checks ? report.checks.total - report.checks.passed : 0;
  // Optic exits 1 both for failed checks and for its own errors (unreadable or invalid document);
  // only a report whose failed checks were all read counts as a verdict.
  if (code !== 0 && (failedChecks === 0 || report.breaks.length !== failedChecks)) {
    throw new Error(`optic diff failed (exit ${code}): ${(stderr + stdout).trim().split('\n').slice(0, 6).join(' | ')}`);
  }
  if (code === 0 && report.breaks.length > 0) {
    throw new Error(`optic diff exited 0 but reported ${report.breaks.length} failed checks`);
  }
  const baselineVersion = infoVersion(baselinePath);
  const currentVersion = infoVersion(currentPath);
  // A removed operation also fails the checks for each of its responses and their properties;
  // the removal says it all.
  const removed = new Set(report.breaks.filter((b) => b.rule === 'prevent operation removal').map((b) => b.operation));
  const [baselineDoc, currentDoc] = [readDocument(baselinePath), readDocument(currentPath)];
  const breaks = report.breaks
    .filter((b) => !removed.has(b.operation) || b.rule === 'prevent operation removal')
    .filter((b) => !requiredOnlyInsideNewOptionalProperty(b, baselineDoc, currentDoc));
  const base = { baselineVersion, currentVersion, changedOperations: report.changedOperations, breaks };
  if (breaks.length === 0) {
    return { ...base, verdict: report.changedOperations > 0 ? 'compatible' : 'unchanged', ok: true };
  }
  return isMajorBump(baselineVersion, currentVersion) ? { ...base, verdict: 'allowed', ok: true } : { ...base, verdict: 'breaking', ok: false };
}

/** Runs `task` over `items` with at most `limit` at a time, keeping the input order in the result. */
export async function mapLimited<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** One Optic process per app; each is a few seconds of CPU, so run as many as there are cores. */
export const OPTIC_CONCURRENCY = Math.min(4, availableParallelism());

const MAX_DETAILS = 15;

type AppResult = { app: string; comparison?: Comparison; error?: string; note?: string };

function apps(): string[] {
  const names = (dir: string) =>
    existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.openapi.json')).map((f) => f.replace(/\.openapi\.json$/, '')) : [];
  return [...new Set([...names(BASELINE_DIR), ...names(OPENAPI_DIR)])].sort();
}

async function checkApp(app: string): Promise<AppResult> {
  const baseline = join(BASELINE_DIR, `${app}.openapi.json`);
  const current = join(OPENAPI_DIR, `${app}.openapi.json`);
  // A new app has no published contract yet, so nothing of it can break; a published app whose
  // document vanished has broken every client.
  if (!existsSync(baseline)) return { app, note: 'new API, no published baseline yet (npm run openapi:publish)' };
  if (!existsSync(current)) return { app, error: 'published API has no document any more (openapi/<app>.openapi.json removed)' };
  try {
    return { app, comparison: await compare(baseline, current) };
  } catch (error) {
    return { app, error: (error as Error).message };
  }
}

function formatResult(result: AppResult, width: number): string[] {
  const name = result.app.padEnd(width);
  if (result.note) return [`  ok        ${name}  ${result.note}`];
  if (result.error || !result.comparison) return [`  ERROR     ${name}  ${result.error}`];
  const c = result.comparison;
  const versions = `${c.baselineVersion ?? '?'} -> ${c.currentVersion ?? '?'}`;
  const count = `${c.breaks.length} breaking change${c.breaks.length === 1 ? '' : 's'}`;
  // A change to a shared schema can fail checks on many operations; the first few show what it is.
  const details = [
    ...c.breaks.slice(0, MAX_DETAILS).map((b) => `      ${b.operation}: ${b.message} [${b.rule}]`),
    ...(c.breaks.length > MAX_DETAILS ? [`      ... and ${c.breaks.length - MAX_DETAILS} more; all of them: npx optic diff openapi/baseline/${result.app}.openapi.json openapi/${result.app}.openapi.json --check --standard openapi/optic.yml`] : []),
  ];
  switch (c.verdict) {
    case 'unchanged':
      return [`  ok        ${name}  ${versions}  no operation changed`];
    case 'compatible':
      return [`  ok        ${name}  ${versions}  ${c.changedOperations} operation(s) changed, none breaking`];
    case 'allowed':
      return [`  allowed   ${name}  ${versions}  ${count}, allowed by the major version bump`, ...details];
    case 'breaking':
      return [`  BREAKING  ${name}  ${versions}  ${count} without a major version bump`, ...details];
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const names = apps();
  console.log(`Breaking changes against openapi/baseline (Optic breaking-changes ruleset, ${names.length} APIs):`);
  const results = await mapLimited(names, OPTIC_CONCURRENCY, checkApp);
  const width = Math.max(...names.map((n) => n.length));
  for (const result of results) for (const line of formatResult(result, width)) console.log(line);
  const breaking = results.filter((r) => r.comparison?.verdict === 'breaking').length;
  const errors = results.filter((r) => r.error).length;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (breaking + errors === 0) {
    console.log(`No disallowed breaking changes (${seconds}s).`);
    return 0;
  }
  console.log(
    `${breaking} API(s) with breaking changes, ${errors} error(s) (${seconds}s). Keep the change compatible, or raise ` +
      `info.version to the next major (and publish the new baseline on release: npm run openapi:publish).`,
  );
  return 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`lint:breaking: ${error.message}`);
      process.exit(1);
    },
  );
}
