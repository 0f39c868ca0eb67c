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
  const breaks = report.breaks.filter((b) => !removed.has(b.operation) || b.rule === 'prevent operation removal');
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
