import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { APP_NAMES, AppName, portEnvName } from '../../apps/launcher/src/platform-runner';

const ROOT = join(__dirname, '..', '..');
export const LAUNCHER_MAIN = join(ROOT, 'dist/apps/launcher/main.js');

/**
 * The built launcher (`npm run build`; .ci/run builds before `npm test`). Missing, it throws at
 * once with what to do, rather than letting a test wait for a platform that cannot start. Older
 * than the sources, it says so: the test then runs yesterday's code.
 */
export function requireBuiltLauncher(): void {
  if (!existsSync(LAUNCHER_MAIN)) {
    throw new Error(`${LAUNCHER_MAIN} is missing: run \`npm run build\` before this test (.ci/run does)`);
  }
  const built = statSync(LAUNCHER_MAIN).mtimeMs;
  const newer = newestSource(['apps', 'libs'].map((dir) => join(ROOT, dir)));
  if (newer && newer.mtimeMs > built) {
    process.stdout.write(`[launcher] warning: ${LAUNCHER_MAIN} is older than ${newer.path}; run \`npm run build\` to test the current code\n`);
  }
}

function newestSource(dirs: string[]): { path: string; mtimeMs: number } | undefined {
  let newest: { path: string; mtimeMs: number } | undefined;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/(?<!\.(spec|int-spec|e2e-spec))\.ts$/.test(entry.name)) {
        const mtimeMs = statSync(path).mtimeMs;
        if (!newest || mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
      }
    }
  };
  for (const dir of dirs) walk(dir);
  return newest;
}

export interface LaunchOptions {
  /** Embedded PostgreSQL's data directory (THREADLINE_DATA_DIR); ignored with databaseUrl. */
  dataDir?: string;
  /** Embedded PostgreSQL's port (THREADLINE_PG_PORT). */
  pgPort?: number;
  /** An external PostgreSQL (DATABASE_URL) instead of the embedded one. */
  databaseUrl?: string;
  /** How long the launcher may take to print its banner. */
  timeoutMs?: number;
  /** THREADLINE_PROCESSES: all apps in the launcher's process (the default) or one process per app. */
  processes?: string;
  /** In a process group of its own, as a terminal runs it: `process.kill(-pid, 'SIGINT')` is a Ctrl-C. */
  ownProcessGroup?: boolean;
}

export interface LaunchedPlatform {
  child: ChildProcess;
  pid: number;
  urls: Record<AppName, string>;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process has exited. */
  exited: Promise<number | null>;
}

/**
 * Runs the built launcher as `npm start` does (`node dist/apps/launcher/main.js`), every app on a
 * free port, and resolves once it prints its banner, with the URLs it printed. Rejects, with its
 * output, when it exits or takes longer than `timeoutMs`; it is killed then.
 */
export function startLauncher(options: LaunchOptions): Promise<LaunchedPlatform> {
  // NO_COLOR: Nest's logger then prints plain text, which a test can match.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NO_COLOR: '1' };
  delete env.DATABASE_URL;
  delete env.TEST_SERVER_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.dataDir) env.THREADLINE_DATA_DIR = options.dataDir;
  if (options.pgPort) env.THREADLINE_PG_PORT = String(options.pgPort);
  if (options.processes) env.THREADLINE_PROCESSES = options.processes;
  for (const app of APP_NAMES) env[portEnvName(app)] = '0';
  const child = spawn(process.execPath, [LAUNCHER_MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: options.ownProcessGroup });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => {
      clearInterval(check);
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      reject(new Error(`launcher ${why}:\n${tail(out)}`));
    };
    const timer = setTimeout(() => fail(`printed no banner within ${(options.timeoutMs ?? 180_000) / 1000} s`), options.timeoutMs ?? 180_000);
    const check = setInterval(() => {
      if (!out.includes('Threadline is running')) return;
      clearInterval(check);
      clearTimeout(timer);
      const urls = {} as Record<AppName, string>;
      for (const app of APP_NAMES) {
        const match = new RegExp(`^\\s+${app}\\s+(http://\\S+)`, 'm').exec(out);
        if (match) urls[app] = match[1];
      }
      resolve({ child, pid: child.pid!, urls, output: () => out, exited });
    }, 100);
    void exited.then((code) => {
      if (!out.includes('Threadline is running')) fail(`exited with ${code ?? child.signalCode} before it was up`);
    });
  });
}

/** The last lines of a process's output, for an error message. */
export function tail(text: string, lines = 60): string {
  return text.split('\n').slice(-lines).join('\n');
}

/** Sends `signal` (Ctrl-C by default) and resolves with the exit code; SIGKILL after `graceMs`. */
export async function stopLauncher(launched: LaunchedPlatform, signal: NodeJS.Signals = 'SIGINT', graceMs = 30_000): Promise<number | null> {
  if (launched.child.exitCode !== null || launched.child.signalCode !== null) return launched.exited;
  launched.child.kill(signal);
  const timer = setTimeout(() => launched.child.kill('SIGKILL'), graceMs);
  try {
    return await launched.exited;
  } finally {
    clearTimeout(timer);
  }
}

export interface ProcessEntry {
  pid: number;
  args: string[];
}

/**
 * Live processes whose command line names `text` (a data directory: its postgres runs with
 * `-D <dir>/pg`, its watchdog with the directory as an argument). Zombies have no command line
 * and do not count. Linux only (/proc).
 */
export function processesNaming(text: string): ProcessEntry[] {
  const found: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (args.some((arg) => arg.includes(text))) found.push({ pid: Number(name), args });
    } catch {
      /* gone meanwhile */
    }
  }
  return found;
}

/**
 * Stops whatever still runs on `text` (see processesNaming): a postgres with SIGINT (fast
 * shutdown), anything else with SIGKILL, then SIGKILL for what is left after 20 s. For a test's
 * clean-up, so that a failed test leaves nothing running.
 */
export async function killProcessesNaming(text: string): Promise<ProcessEntry[]> {
  const found = processesNaming(text);
  for (const { pid, args } of found) {
    try {
      process.kill(pid, /postgres$/.test(args[0] ?? '') ? 'SIGINT' : 'SIGKILL');
    } catch {
      /* gone meanwhile */
    }
  }
  const deadline = Date.now() + 20_000;
  while (processesNaming(text).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  for (const { pid } of processesNaming(text)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone meanwhile */
    }
  }
  return found;
}

/** Pids of the live processes whose parent is `parent` (zombies excluded). Linux only (/proc). */
export function childPids(parent: number): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The fields after the command name (which may hold spaces and parentheses): state, ppid, ...
      const [state, ppid] = readFileSync(`/proc/${name}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
      if (state !== 'Z' && Number(ppid) === parent) found.push(Number(name));
    } catch {
      /* gone meanwhile */
    }
  }
  return found;
}

/** Whether `pid` is a live process (not gone, not a zombie). */
export function alive(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').startsWith('Z');
  } catch {
    return false;
  }
}

/**
 * Which of `candidates` listens on TCP `port`: the inode of the listening socket (/proc/net/tcp
 * and tcp6) among the open files of each candidate. Linux only; undefined when none does.
 */
export function listeningPid(port: number, candidates: number[]): number | undefined {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; the inode is the tenth field.
      if (fields.length > 9 && fields[3] === '0A' && parseInt(fields[1].split(':')[1], 16) === port) inodes.add(`socket:[${fields[9]}]`);
    }
  }
  return candidates.find((pid) => {
    try {
      return readdirSync(`/proc/${pid}/fd`).some((fd) => {
        try {
          return inodes.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
        } catch {
          return false;
        }
      });
    } catch {
      return false;
    }
  });
}
