/**
 * `npm run openapi:publish [-- <app> ...]`: publishes the current OpenAPI documents as the
 * baseline that `npm run lint:breaking` compares against (openapi/<app>.openapi.json ->
 * openapi/baseline/<app>.openapi.json). This is the release step: once published, a document is
 * what clients were promised, and breaking it again needs another major version.
 *
 * Without arguments every app is published and baselines of apps that no longer exist are removed,
 * so the baseline mirrors what is released. With app names only those are published.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BASELINE_DIR, OPENAPI_DIR } from './check-breaking-changes';

const SUFFIX = '.openapi.json';

function documents(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(SUFFIX)).map((f) => f.slice(0, -SUFFIX.length)) : [];
}

/** A baseline without a version cannot anchor the major-version policy, so refuse it up front. */
function versionOf(path: string): string {
  const version = (JSON.parse(readFileSync(path, 'utf8')) as { info?: { version?: unknown } }).info?.version;
  if (typeof version !== 'string' || !/^v?\d+(\.|$)/.test(version.trim())) {
    throw new Error(`${path}: info.version ${JSON.stringify(version)} is not a semantic version`);
  }
  return version;
}

function main(requested: string[]): void {
  const current = documents(OPENAPI_DIR);
  const unknown = requested.filter((app) => !current.includes(app));
  if (unknown.length) throw new Error(`no document for ${unknown.join(', ')} under openapi/`);
  const apps = requested.length ? requested : current;
  // Check every document before copying any, so a bad one leaves the baseline untouched.
  const versions = new Map(apps.map((app) => [app, versionOf(join(OPENAPI_DIR, app + SUFFIX))]));
  mkdirSync(BASELINE_DIR, { recursive: true });
  for (const app of apps) {
    copyFileSync(join(OPENAPI_DIR, app + SUFFIX), join(BASELINE_DIR, app + SUFFIX));
    console.log(`published ${app} ${versions.get(app)} -> openapi/baseline/${app}${SUFFIX}`);
  }
  if (!requested.length) {
    for (const stale of documents(BASELINE_DIR).filter((app) => !current.includes(app))) {
      rmSync(join(BASELINE_DIR, stale + SUFFIX));
      console.log(`removed baseline of ${stale} (no document under openapi/ any more)`);
    }
  }
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`openapi:publish: ${(error as Error).message}`);
  process.exit(1);
}
