import { APP_NAMES, AppName, PlatformOptions, RunningPlatform, startPlatform } from '../../apps/launcher/src/platform-runner';
import { DEMO_CLIENTS } from '../../apps/idp-mock/src/clients/demo-clients';
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
  const platform = await startPlatform({ databaseUrl: db.url, ports: Object.fromEntries(APP_NAMES.map((a) => [a, 0])), env, ...options });
  const token = async (clientId: string): Promise<string> => {
    const secret = DEMO_CLIENTS.find((c) => c.clientId === clientId)!.secret;
    const response = await fetch(`${platform.url('idp-mock')}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  };
  return {
    platform,
    db,
    url: (app) => platform.url(app),
    token,
    close: async () => {
      await platform.close();
      await db.drop();
    },
  };
}
