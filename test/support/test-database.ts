import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase } from '@threadline/platform';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database on the test server for one test file: migrations run from scratch, nothing
 * leaks between files, and drop() removes it.
 */
export async function createTestDatabase(label = 't'): Promise<TestDatabase> {
  const server = process.env.TEST_SERVER_URL;
  if (!server) throw new Error('TEST_SERVER_URL is not set: run the tests through jest (global setup)');
  const url = new URL(server);
  url.pathname = `/threadline_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(url.toString());
  return { url: url.toString(), drop: () => dropDatabase(url.toString()) };
}
