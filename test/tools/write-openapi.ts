/**
 * `npm run openapi`: boots every app (on a scratch database) and writes the OpenAPI document each
 * one serves to openapi/<app>.openapi.json. The end-to-end test fails when these files and the
 * code disagree, so the committed contract cannot drift.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from '@threadline/platform';
import { APP_NAMES, startPlatform } from '../../apps/launcher/src/platform-runner';
import { formatOpenApi, OPENAPI_DIR, openApiPath, servedOpenApiDocuments } from '../support/openapi';

async function main(): Promise<void> {
  process.env.NODE_ENV = 'test';
  let stopPg: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  let server = process.env.DATABASE_URL;
  if (!server) {
    dataDir = mkdtempSync(join(tmpdir(), 'threadline-openapi-pg-'));
    const pg = await startEmbeddedPostgres({ dataDir, ephemeral: true, database: 'postgres' });
    stopPg = pg.stop;
    server = pg.url;
  }
  const url = new URL(server);
  url.pathname = `/threadline_openapi_${process.pid}`;
  await ensureDatabase(url.toString());
  const platform = await startPlatform({ databaseUrl: url.toString(), ports: Object.fromEntries(APP_NAMES.map((a) => [a, 0])) });
  try {
    const documents = await servedOpenApiDocuments(platform);
    mkdirSync(OPENAPI_DIR, { recursive: true });
    for (const app of APP_NAMES) {
      writeFileSync(openApiPath(app), formatOpenApi(documents[app]));
      console.log(`wrote ${openApiPath(app)}`);
    }
  } finally {
    await platform.close();
    await dropDatabase(url.toString()).catch(() => undefined);
    await stopPg?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`openapi: ${error.message}`);
    process.exit(1);
  },
);
