import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase } from '@threadline/platform';

export interface TestDatabase {
  url: string;
  /** Runs `work` on a connection of its own, closed afterwards (a test reading or arranging tables directly). */
  withClient<T>(work: (client: Client) => Promise<T>): Promise<T>;
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
  const withClient = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return { url: url.toString(), withClient, drop: () => dropDatabase(url.toString()) };
}
