import { Logger } from '@nestjs/common';
import { ConfigError, ContextLogger, runAsApp } from '@threadline/platform';
import { ChildProcess, fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { APP_NAMES, APP_STARTERS, AppName, BootedPlatform, bootPlatform, PlatformOptions, StartedApp } from './platform-runner';

/**
 * THREADLINE_PROCESSES=per-app: each app in a process of its own, as in production. The launcher
 * forks its own script once per app with THREADLINE_APP=<app> and the environment the app gets in
 * one process; the child starts that app alone and reports its URL over IPC. The launcher stops
 * them in reverse order; a child whose launcher is gone (killed, crashed) stops itself.
 */

/** Environment variable that makes the launcher's script run one app, as a child of the launcher. */
export const APP_ENV = 'THREADLINE_APP';

/** How long an app's process may take to stop before it is killed. */
const STOP_TIMEOUT_MS = 15_000;

type Question = { kind: 'cpu' } | { kind: 'profile'; action: 'start' | 'stop'; file?: string };
type Request = Question & { id: number };
type Reply =
  | { kind: 'ready'; url: string }
  | { kind: 'failed'; error: string }
  | { kind: 'cpu'; id: number; cpuMs: number }
  | { kind: 'profile'; id: number; error?: string };

/** One app running in a child process of the launcher. */
export interface AppProcess extends StartedApp {
  name: AppName;
  pid: number;
  /** CPU time (user + system) the app's process has used so far, ms. */
  cpuMs(): Promise<number>;
  /** Starts, or stops and writes to `file`, a V8 CPU profile of the app's process (benchmarks). */
  profile(action: 'start' | 'stop', file?: string): Promise<void>;
}

export interface ProcessOptions {
  /** The script each app's process runs (the launcher's main); by default the one running. */
  entry?: string;
  /** Node options of the apps' processes; by default this process's, without --inspect. */
  execArgv?: string[];
  /** What the apps' processes inherit besides their own settings; process.env by default. */
  processEnv?: NodeJS.ProcessEnv;
  /** Their stdout: this process's (the default) or nowhere. Their stderr is always this process's. */
  stdout?: 'inherit' | 'ignore';
  /** An app's process ended while the platform was up and nobody stopped it. */
  onExit?: (app: AppName, code: number | null, signal: NodeJS.Signals | null) => void;
}

export type PlatformProcesses = BootedPlatform<AppProcess>;

/**
 * Boots the apps as bootPlatform does, each in a child process. An app that cannot start, or one
 * started before it that dies meanwhile, fails the boot: every process started is stopped first.
 */
export async function startPlatformProcesses(options: PlatformOptions & ProcessOptions): Promise<PlatformProcesses> {
  const children: ChildProcess[] = [];
  let up = false;
  let stopping = false;
  let failBoot: (error: Error) => void = () => undefined;
  const bootFailed = new Promise<never>((_, reject) => (failBoot = reject));
  bootFailed.catch(() => undefined);
  const exited = (app: AppName, code: number | null, signal: NodeJS.Signals | null): void => {
    if (stopping) return;
    if (!up) failBoot(new Error(`${app} stopped while the platform was starting (${exitStatus(code, signal)})`));
    else options.onExit?.(app, code, signal);
  };
  try {
    const platform = await bootPlatform(options, (app, env) =>
      Promise.race([forkApp(app, env, options, children, (code, signal) => exited(app, code, signal)), bootFailed]),
    );
    up = true;
    return {
      ...platform,
      close: () => {
        stopping = true;
        return platform.close();
      },
    };
  } catch (error) {
    // bootPlatform closed those it had; one still starting, or left behind by a race, goes too.
    stopping = true;
    await Promise.all(children.map((child) => stopChild(child)));
    throw error;
  }
}

export function exitStatus(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

function forkApp(
  app: AppName,
  appEnv: NodeJS.ProcessEnv,
  options: ProcessOptions,
  children: ChildProcess[],
  onExit: (code: number | null, signal: NodeJS.Signals | null) => void,
): Promise<AppProcess> {
  const env = Object.fromEntries(
    Object.entries({ ...(options.processEnv ?? process.env), ...appEnv, [APP_ENV]: app }).filter(([, value]) => value !== undefined),
  );
  const child = fork(options.entry ?? process.argv[1], [], {
    // Nine debuggers on one port would not start: --inspect stays with the launcher.
    execArgv: options.execArgv ?? process.execArgv.filter((arg) => !arg.startsWith('--inspect')),
    env,
    stdio: ['ignore', options.stdout ?? 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  let closing = false;
  let nextId = 0;
  const request = <T extends Reply>(message: Question): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      const listener = (reply: Reply) => {
        if (!('id' in reply) || reply.id !== id) return;
        child.off('message', listener);
        resolve(reply as T);
      };
      child.on('message', listener);
      child.send({ ...message, id } satisfies Request, (error) => {
        if (!error) return;
        child.off('message', listener);
        reject(error);
      });
    });
  const running: AppProcess = {
    name: app,
    url: '',
    pid: child.pid!,
    cpuMs: async () => (await request<Extract<Reply, { kind: 'cpu' }>>({ kind: 'cpu' })).cpuMs,
    profile: async (action, file) => {
      const reply = await request<Extract<Reply, { kind: 'profile' }>>({ kind: 'profile', action, file });
      if (reply.error) throw new Error(`${app}: profile ${action}: ${reply.error}`);
    },
    close: async () => {
      closing = true;
      await stopChild(child);
    },
  };
  return new Promise((resolve, reject) => {
    let why = '';
    child.on('message', (reply: Reply) => {
      if (reply.kind === 'failed') why = `: ${reply.error}`;
      if (reply.kind !== 'ready') return;
      running.url = reply.url;
      resolve(running);
    });
    child.once('exit', (code, signal) => {
      reject(new Error(`${app} did not start (${exitStatus(code, signal)})${why}`));
      if (!closing && running.url) onExit(code, signal);
    });
  });
}

/** SIGTERM, then SIGKILL after STOP_TIMEOUT_MS; resolves once the process has gone. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await gone;
  clearTimeout(timer);
}

function isAppName(name: string): name is AppName {
  return (APP_NAMES as readonly string[]).includes(name);
}

/**
 * The child's side (THREADLINE_APP=<app>): starts that app from this process's environment, says
 * `ready` with its URL, answers the launcher's questions (CPU used, profiles), and stops on SIGTERM
 * or when the launcher is gone. Ctrl-C reaches every process of the terminal: the launcher stops
 * the apps itself, in reverse order, so the child leaves SIGINT to it.
 */
export function runAppProcess(name: string): void {
  const fail = (line: string, code: number): void => {
    process.stderr.write(`${line}\n`);
    process.exit(code);
  };
  if (!isAppName(name)) return fail(`${APP_ENV}=${name}: not an app (${APP_NAMES.join(', ')})`, 2);
  const send = process.send?.bind(process);
  if (!send) {
    return fail(`${APP_ENV} is set by the launcher for the processes it starts; to run ${name} alone, run dist/apps/${name}/main.js`, 2);
  }
  const logger = new Logger(name);
  // Why it did not start goes to the launcher too, which may not show this process's output.
  const failed = (error: Error, code: number): void => void send({ kind: 'failed', error: error.message } satisfies Reply, () => process.exit(code));
  let stop: (why: string) => void = () => process.exit(1);
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('disconnect', () => stop('the launcher is gone'));
  try {
    Logger.overrideLogger(new ContextLogger({ app: name }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return failed(error as Error, 2);
  }
  runAsApp(name, () => APP_STARTERS[name](process.env)).then(
    (running) => {
      let closing = false;
      stop = (why) => {
        if (closing) return;
        closing = true;
        logger.log(`${why}: shutting down`);
        setTimeout(() => process.exit(1), STOP_TIMEOUT_MS - 5_000).unref();
        running.close().then(
          () => process.exit(0),
          (error: Error) => {
            logger.error(`shutdown failed: ${error.message}`);
            process.exit(1);
          },
        );
      };
      process.on('message', (message: Request) => answer(message, send));
      send({ kind: 'ready', url: running.url } satisfies Reply);
    },
    (error: Error) => {
      if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
      else logger.error(`failed to start: ${error.message}`, error.stack);
      failed(error, error instanceof ConfigError ? 2 : 1);
    },
  );
}

let profiler: Session | undefined;

function answer(message: Request, send: (reply: Reply) => void): void {
  if (message.kind === 'cpu') {
    const usage = process.cpuUsage();
    send({ kind: 'cpu', id: message.id, cpuMs: (usage.user + usage.system) / 1000 });
    return;
  }
  const done = (error?: Error | null) => send({ kind: 'profile', id: message.id, ...(error ? { error: error.message } : {}) });
  if (message.action === 'start') {
    profiler = new Session();
    profiler.connect();
    profiler.post('Profiler.enable', () => profiler!.post('Profiler.start', done));
    return;
  }
  if (!profiler) return done(new Error('no profile was started'));
  profiler.post('Profiler.stop', (error, result) => {
    if (!error && message.file) writeFileSync(message.file, JSON.stringify(result.profile));
    profiler?.disconnect();
    profiler = undefined;
    done(error);
  });
}
