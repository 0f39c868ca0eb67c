import { rmSync } from 'node:fs';

/** Stops the embedded PostgreSQL global-setup started, if it started one; once, however often it is called. */
export default async function globalTeardown(): Promise<void> {
  const state = globalThis as Record<string, unknown>;
  const pg = state.__THREADLINE_PG__ as { stop(): Promise<void>; dataDir: string } | undefined;
  if (!pg) return;
  delete state.__THREADLINE_PG__;
  delete process.env.TEST_SERVER_URL;
  await pg.stop();
  rmSync(pg.dataDir, { recursive: true, force: true });
}
