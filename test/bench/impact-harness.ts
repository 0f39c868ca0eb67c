/**
 * What the impact and release benchmarks share: a scratch database (on DATABASE_URL's server, or
 * an embedded PostgreSQL when it is unset), the servers in a child process, tokens, and figures.
 */
import { ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from '@threadline/platform';
import type { ImpactServerUrls } from './impact-servers';

export interface BenchEnvironment {
  databaseUrl: string;
  urls: ImpactServerUrls;
  /** CPU time the servers' process has used so far, ms. */
  serverCpuMs(): Promise<number>;
  /** Starts, or stops and writes to `file`, a CPU profile of the servers. */
  serverProfile(action: 'start' | 'stop', file?: string): Promise<void>;
  close(): Promise<void>;
}

function spawnServers(databaseUrl: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; urls: ImpactServerUrls }> {
  const child = fork(join(__dirname, 'impact-servers.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    env: { ...process.env, NODE_ENV: 'production', TS_NODE_PROJECT: join(__dirname, '..', '..', 'tsconfig.json') },
    stdio: ['ignore', process.env.BENCH_SERVER_LOGS ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (reply: { ready: boolean; urls: ImpactServerUrls; error?: string }) =>
      reply.ready ? resolve({ child, urls: reply.urls }) : reject(new Error(reply.error)),
    );
    child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
    child.send({ kind: 'start', databaseUrl, env });
  });
}

/** Stops the servers gracefully (their queues and pools close), then for sure. */
async function stopServers(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send({ kind: 'stop' });
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A scratch database and the servers on it; `close()` removes both (and the embedded server). */
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
  const dbUrl = new URL(server);
  dbUrl.pathname = `/threadline_bench_${label}_${process.pid}`;
  const databaseUrl = dbUrl.toString();
  await ensureDatabase(databaseUrl);
  const cleanUp = async (child?: ChildProcess): Promise<void> => {
    if (child) await stopServers(child);
    await dropDatabase(databaseUrl).catch(() => undefined);
    await stopPg?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const { child, urls } = await spawnServers(databaseUrl, env);
    const serverCpuMs = () =>
      new Promise<number>((resolve) => {
        const listener = (reply: { cpuMs?: number }) => {
          if (reply.cpuMs === undefined) return;
          child.off('message', listener);
          resolve(reply.cpuMs);
        };
        child.on('message', listener);
        child.send({ kind: 'cpu' });
      });
    const serverProfile = (action: 'start' | 'stop', file?: string) =>
      new Promise<void>((resolve) => {
        const listener = (reply: { profiling?: boolean }) => {
          if (reply.profiling === undefined) return;
          child.off('message', listener);
          resolve();
        };
        child.on('message', listener);
        child.send({ kind: 'profile', action, file });
      });
    return { databaseUrl, urls, serverCpuMs, serverProfile, close: () => cleanUp(child) };
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
