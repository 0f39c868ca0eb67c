/* Runs in Jest's parent process, with Node's own require: relative imports only. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../libs/platform/src/database/embedded-postgres';

/**
 * Provides the PostgreSQL server the integration and e2e tiers create their databases on, as
 * TEST_SERVER_URL: DATABASE_URL's server when set, else an embedded one that global-teardown stops.
 * Both tiers name this module; Jest runs it once per run, and a second call would find the server
 * already provided and start nothing.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_SERVER_URL) return;
  if (process.env.DATABASE_URL) {
    process.env.TEST_SERVER_URL = process.env.DATABASE_URL;
    process.stdout.write(`\n[test] PostgreSQL: DATABASE_URL server (${new URL(process.env.DATABASE_URL).host})\n`);
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'threadline-test-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir, ephemeral: true, database: 'threadline_test' });
  (globalThis as Record<string, unknown>).__THREADLINE_PG__ = { stop: pg.stop, dataDir };
  process.env.TEST_SERVER_URL = pg.url;
  process.stdout.write(`\n[test] PostgreSQL: embedded, port ${pg.port}\n`);
}
