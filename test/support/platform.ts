import { APP_NAMES, AppName, PlatformOptions, RunningPlatform, startPlatform } from '../../apps/launcher/src/platform-runner';
import { demoClientToken } from './idp';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestPlatform {
  platform: RunningPlatform;
  db: TestDatabase;
  url(app: AppName): string;
  token(clientId: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * All nine apps in this process on free ports, on a fresh database. `upstreamUrl` lets a contract
 * test put a proxy between the process API and the system APIs.
 */
export async function startTestPlatform(
  label: string,
  env: NodeJS.ProcessEnv = {},
  options: Pick<PlatformOptions, 'upstreamUrl'> = {},
): Promise<TestPlatform> {
  const db = await createTestDatabase(label);
  // startPlatform closes the apps it started when one fails to start; the database is ours to drop.
  const platform = await startPlatform({ databaseUrl: db.url, ports: Object.fromEntries(APP_NAMES.map((a) => [a, 0])), env, ...options }).catch(
    async (error: unknown) => {
      await db.drop();
      throw error;
    },
  );
  return {
    platform,
    db,
    url: (app) => platform.url(app),
    token: (clientId) => demoClientToken(`${platform.url('idp-mock')}/oauth/token`, clientId),
    close: async () => {
      await platform.close();
      await db.drop();
    },
  };
}
