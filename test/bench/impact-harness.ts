/**
 * What the impact and release benchmarks share: the apps an engineering change goes through (IdP,
 * the three mocks, the three system APIs, process-api; not the experience API), each in a process
 * of its own as the launcher runs them with THREADLINE_PROCESSES=per-app, on two scratch databases
 * (on DATABASE_URL's server, or an embedded PostgreSQL when it is unset): one for the simulated
 * backends, one for our platform apps, so that what each side costs the database shows apart.
 * Load generator and servers never share an event loop. Also tokens, figures and profiles.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from '@threadline/platform';
import { AppProcess, startPlatformProcesses } from '../../apps/launcher/src/app-processes';
import { AppName, isBackend } from '../../apps/launcher/src/platform-runner';

const ROOT = join(__dirname, '..', '..');
const APPS: AppName[] = ['idp-mock', 'plm-mock', 'erp-mock', 'scheduler-mock', 'plm-system-api', 'erp-system-api', 'scheduling-system-api', 'process-api'];

export interface ImpactServerUrls {
  idp: string;
  plmMock: string;
  erpMock: string;
  schedulerMock: string;
  plmApi: string;
  erpApi: string;
  schedulingApi: string;
  processApi: string;
}

/** Our apps (the system APIs and the process API) and the simulated systems of record (with the IdP). */
export interface Sides<T> {
  platform: T;
  backends: T;
}

export interface BenchEnvironment {
  /** The backends' database (the seeds write the mocks' tables there) and the platform apps'. */
  databases: Sides<string>;
  urls: ImpactServerUrls;
  /** CPU time each side's processes have used so far, ms. */
  serverCpuMs(): Promise<Sides<number>>;
  /**
   * BENCH_CPU_PROF=<prefix>: starts V8 CPU profiles of every platform app's process (with
   * BENCH_CPU_PROF_BACKENDS=1 the backends' too); nothing when unset.
   */
  startProfiles(): Promise<void>;
  /** Stops them and writes `<prefix>.<app>.cpuprofile` (`<prefix>.backends.<app>.cpuprofile`); prints and answers the files. */
  stopProfiles(): Promise<string[]>;
  close(): Promise<void>;
}

/** The scratch databases and the apps on them; `close()` removes them all (and the embedded server). */
export async function startBenchEnvironment(label: string, env: NodeJS.ProcessEnv = {}): Promise<BenchEnvironment> {
  let stopPg: (() => Promise<void>) | undefined;
  let server: string;
  let dataDir: string | undefined;
  if (process.env.DATABASE_URL) {
    server = process.env.DATABASE_URL;
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'threadline-bench-pg-'));
    const pg = await startEmbeddedPostgres({ dataDir, ephemeral: true, database: 'postgres' });
    stopPg = pg.stop;
    server = pg.url;
  }
  const database = (side: string): string => {
    const url = new URL(server);
    url.pathname = `/threadline_bench_${label}_${process.pid}_${side}`;
    return url.toString();
  };
  const databases: Sides<string> = { platform: database('platform'), backends: database('backends') };
  await Promise.all([ensureDatabase(databases.platform), ensureDatabase(databases.backends)]);
  let apps: AppProcess[] = [];
  let close = async (): Promise<void> => undefined;
  const cleanUp = async (): Promise<void> => {
    await close();
    await Promise.all([dropDatabase(databases.platform), dropDatabase(databases.backends)].map((drop) => drop.catch(() => undefined)));
    await stopPg?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const platform = await startPlatformProcesses({
      apps: APPS,
      databaseUrl: databases.platform,
      databaseUrls: Object.fromEntries(APPS.filter(isBackend).map((app) => [app, databases.backends])),
      ports: Object.fromEntries(APPS.map((app) => [app, 0])),
      env,
      // The launcher's own script, through ts-node: no build needed.
      entry: join(ROOT, 'apps/launcher/src/main.ts'),
      execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
      processEnv: { ...process.env, NODE_ENV: 'production', TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
      stdout: process.env.BENCH_SERVER_LOGS ? 'inherit' : 'ignore',
      onExit: (app, code, signal) => {
        console.error(`bench failed: ${app} stopped during the run (${signal ?? `exit code ${code}`})`);
        void cleanUp().finally(() => process.exit(1));
      },
    });
    close = () => platform.close();
    apps = APPS.map((app) => platform.apps[app]);
    const urls: ImpactServerUrls = {
      idp: platform.url('idp-mock'),
      plmMock: platform.url('plm-mock'),
      erpMock: platform.url('erp-mock'),
      schedulerMock: platform.url('scheduler-mock'),
      plmApi: platform.url('plm-system-api'),
      erpApi: platform.url('erp-system-api'),
      schedulingApi: platform.url('scheduling-system-api'),
      processApi: platform.url('process-api'),
    };
    const serverCpuMs = async (): Promise<Sides<number>> => {
      const used = await Promise.all(apps.map(async (app) => ({ backend: isBackend(app.name), ms: await app.cpuMs() })));
      const sum = (backend: boolean) => used.filter((u) => u.backend === backend).reduce((total, u) => total + u.ms, 0);
      return { platform: sum(false), backends: sum(true) };
    };
    const prefix = process.env.BENCH_CPU_PROF?.replace(/\.cpuprofile$/, '');
    const profiled = apps.filter((app) => !isBackend(app.name) || process.env.BENCH_CPU_PROF_BACKENDS);
    const profileFile = (app: AppProcess) => `${prefix}.${isBackend(app.name) ? 'backends.' : ''}${app.name}.cpuprofile`;
    const startProfiles = async (): Promise<void> => {
      if (prefix) await Promise.all(profiled.map((app) => app.profile('start')));
    };
    const stopProfiles = async (): Promise<string[]> => {
      if (!prefix) return [];
      const files = profiled.map(profileFile);
      await Promise.all(profiled.map((app) => app.profile('stop', profileFile(app))));
      console.log(`CPU profiles (npx ts-node --transpile-only test/tools/profile-top.ts <files>):\n  ${files.join('\n  ')}`);
      return files;
    };
    return { databases, urls, serverCpuMs, startProfiles, stopProfiles, close: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

export async function token(idpUrl: string, clientId: string, clientSecret: string): Promise<string> {
  const response = await fetch(`${idpUrl}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  if (!response.ok) throw new Error(`token for ${clientId}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const ms = (n: number): string => n.toFixed(1);

/** Runs `main`, prints a failure in one line, exits with its status (the servers are gone by then). */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(`bench failed: ${error.stack ?? error.message}`);
      process.exit(1);
    },
  );
}
