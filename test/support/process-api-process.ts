import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '@threadline/platform';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'apps/process-api/src/main.ts');

export interface ProcessApiProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM (the app closes its workers and HTTP server), SIGKILL if it has not exited in 15 s. */
  stop(): Promise<void>;
}

/**
 * One more process API as its own OS process (`apps/process-api/src/main.ts` under ts-node, as
 * `nest start process-api` would run it), on `env`'s database and system APIs; resolves once it
 * answers /health/ready. Rejects with its output when it exits or is not ready in time.
 */
export async function startProcessApiProcess(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ProcessApiProcess> {
  const port = await freePort();
  // NODE_ENV production: it logs what it does (under Jest's NODE_ENV=test only warnings); NO_COLOR:
  // Nest's logger prints plain text, which a test can match.
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', ...env, PORT: String(port), HOST: '127.0.0.1', NO_COLOR: '1' };
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', MAIN], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the process API process exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${out.slice(-4000)}`);
    }
    const ready = await fetch(`${url}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the process API process was not ready after ${timeoutMs} ms:\n${out.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, pid: child.pid!, url, output: () => out, stop };
}
