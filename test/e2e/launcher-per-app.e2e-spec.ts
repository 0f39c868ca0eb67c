import { APP_NAMES, AppName } from '../../apps/launcher/src/platform-runner';
import { call } from '../support/http';
import { demoClientToken } from '../support/idp';
import {
  alive,
  childPids,
  LaunchedPlatform,
  listeningPid,
  requireBuiltLauncher,
  startLauncher,
  stopLauncher,
  tail,
} from '../support/launcher-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * `npm start` with THREADLINE_PROCESSES=per-app: the built launcher runs every app in a child
 * process of its own, as in production. Checked from outside, with the operating system's view
 * (/proc): which process listens on each app's port, what each process logs, what is left after
 * Ctrl-C or after one app dies.
 */

/** The launcher's JSON log lines (NODE_ENV=production), with the pid of the process that wrote each. */
function logLines(output: string): Array<{ pid: number; app?: string; msg?: string }> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => {
      try {
        return JSON.parse(line) as { pid: number; app?: string; msg?: string };
      } catch {
        return { pid: 0 };
      }
    });
}

/** The process serving each app: a child of the launcher listening on the app's port. */
function appPids(launched: LaunchedPlatform): Record<AppName, number | undefined> {
  const children = childPids(launched.pid);
  return Object.fromEntries(APP_NAMES.map((app) => [app, listeningPid(Number(new URL(launched.urls[app]).port), children)])) as Record<
    AppName,
    number | undefined
  >;
}

describe('npm start with THREADLINE_PROCESSES=per-app: one process per app', () => {
  let db: TestDatabase;
  const launched: LaunchedPlatform[] = [];

  beforeAll(async () => {
    requireBuiltLauncher();
    db = await createTestDatabase('per_app');
  });

  afterAll(async () => {
    // A failed assertion must leave nothing running: the launcher, then any app it left.
    for (const platform of launched) {
      const children = childPids(platform.pid);
      await stopLauncher(platform, 'SIGKILL');
      for (const pid of children.filter(alive)) process.kill(pid, 'SIGKILL');
    }
    await db?.drop();
  });

  it('refuses an unknown THREADLINE_PROCESSES in one line, before it starts anything', async () => {
    const failure = await startLauncher({ databaseUrl: db.url, processes: 'two', timeoutMs: 60_000 }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/exited with 2 before it was up/);
    expect((failure as Error).message).toContain('THREADLINE_PROCESSES="two" (one of: one, per-app)');
  }, 90_000);

  it('runs each app in a child process that logs as that app, serves a call across them, and stops them all in reverse order on Ctrl-C', async () => {
    const platform = await startLauncher({ databaseUrl: db.url, processes: 'per-app', ownProcessGroup: true });
    launched.push(platform);
    expect(platform.output()).toContain('one process per app');

    const pids = appPids(platform);
    const distinct = new Set(Object.values(pids));
    expect(distinct.size).toBe(APP_NAMES.length);
    expect(distinct.has(undefined)).toBe(false);
    expect(distinct.has(platform.pid)).toBe(false);
    expect(childPids(platform.pid).filter((pid) => distinct.has(pid)).length).toBe(APP_NAMES.length);

    const lines = logLines(platform.output());
    for (const app of APP_NAMES) {
      expect((await call('GET', `${platform.urls[app]}/health/ready`)).status).toBe(200);
      // Every line the app's process wrote names that app, and it wrote its "listening on" line.
      const own = lines.filter((line) => line.pid === pids[app]);
      expect(own.length).toBeGreaterThan(0);
      expect(own.filter((line) => line.app !== app)).toEqual([]);
      expect(own.some((line) => line.msg === `listening on ${platform.urls[app]}`)).toBe(true);
    }

    // plm-system-api checks the IdP's token and reads the PLM mock: three processes in one call.
    const token = await demoClientToken(`${platform.urls['idp-mock']}/oauth/token`, 'demo-integrator');
    const item = await call('GET', `${platform.urls['plm-system-api']}/v1/items/PUMP-100`, { token });
    expect(item.status).toBe(200);
    expect(item.body.number).toBe('PUMP-100');

    // Ctrl-C in a terminal reaches the whole process group; the launcher alone orders the stop.
    process.kill(-platform.pid, 'SIGINT');
    expect(await platform.exited).toBe(0);
    expect(Object.values(pids).filter((pid) => alive(pid!))).toEqual([]);
    const stopped = logLines(platform.output())
      .filter((line) => line.msg === 'SIGTERM: shutting down')
      .map((line) => line.app);
    expect(stopped).toEqual([...APP_NAMES].reverse());
  }, 240_000);

  it('stops every app and exits non-zero, naming it, when one app dies', async () => {
    const platform = await startLauncher({ databaseUrl: db.url, processes: 'per-app' });
    launched.push(platform);
    const pids = appPids(platform);
    process.kill(pids['erp-mock']!, 'SIGKILL');

    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([platform.exited, new Promise((resolve) => (timer = setTimeout(() => resolve('still running'), 60_000)))]);
    clearTimeout(timer);
    expect({ code, output: code === 1 ? '' : tail(platform.output()) }).toEqual({ code: 1, output: '' });
    expect(platform.output()).toContain('erp-mock stopped unexpectedly (killed by SIGKILL)');
    expect(Object.values(pids).filter((pid) => alive(pid!))).toEqual([]);
  }, 240_000);
});
