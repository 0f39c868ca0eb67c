import { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DestinationStream, Logger } from 'pino';
import { checkLogSettings, LogFormat, logFormatFor, levelOfNestLevels, LogLevelName, logLevelFor } from './log-settings';
import { createRootLogger, processRootLogger } from './root-logger';

export { LOG_LEVELS, appLevelEnvName, checkLogSettings, logLevelFor, logFormatFor } from './log-settings';
export type { LogFormat, LogLevelName } from './log-settings';

/**
 * Nest's start-up chatter (modules initialised, every route mapped, "successfully started"): at
 * info, `npm start` would print some 300 lines before the ones that matter. It is written at debug.
 */
const START_UP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

const appScope = new AsyncLocalStorage<string>();

/**
 * Runs `work` (an app's start) as `app`: what it logs, and what the work it starts logs later (its
 * requests, jobs and timers), is that app's, at that app's level. Nest keeps one logger per
 * process, so this is how nine apps in one process (`npm start`) tell their lines apart.
 */
export function runAsApp<T>(app: string, work: () => T): T {
  return appScope.run(app, work);
}

export interface ContextLoggerOptions {
  /** The app a line is from when no runAsApp names one (a process that runs one app). */
  app?: string;
  /** Levels (LOG_LEVEL, LOG_LEVEL_<APP>) and format (NODE_ENV, LOG_FORMAT); process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Nest's level list, overriding the environment's levels for every app (tests). */
  logLevels?: NestLogLevel[];
  /** A root of its own writing to this stream instead of the process's stdout root (tests). */
  destination?: DestinationStream;
  /** With destination: the format; by default the environment's. */
  format?: LogFormat;
}

/**
 * Nest's logger on pino. Every line names its app, the logger's context (`new Logger(Class.name)`)
 * and the correlation id and trace of the work in hand (an incoming request, a consumed event or a
 * job all run in a request context), so nothing needs passing by hand to follow a change across
 * hops. One pino root per process; a child per app, each at its own level.
 */
export class ContextLogger implements LoggerService {
  private readonly root: Logger;
  private readonly env: NodeJS.ProcessEnv;
  private readonly children = new Map<string, Logger>();

  /** Throws ConfigError on an unknown LOG_LEVEL, LOG_LEVEL_<APP> or LOG_FORMAT. */
  constructor(private readonly options: ContextLoggerOptions = {}) {
    this.env = options.env ?? process.env;
    checkLogSettings(this.env, options.app);
    this.root = options.destination
      ? createRootLogger({ format: options.format ?? logFormatFor(this.env), destination: options.destination, colors: false })
      : processRootLogger();
  }

  log(message: unknown, ...params: unknown[]): void {
    const { context } = splitParams(params);
    this.write(context && START_UP_CONTEXTS.has(context) ? 'debug' : 'info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Whether `level` would be written for the current app (to skip building an expensive message). */
  isLevelEnabled(level: Exclude<LogLevelName, 'silent'>): boolean {
    return this.logger().isLevelEnabled(level);
  }

  private write(level: Exclude<LogLevelName, 'silent'>, message: unknown, params: unknown[]): void {
    const logger = this.logger();
    if (!logger.isLevelEnabled(level)) return;
    const { context, rest } = splitParams(params);
    const fields: Record<string, unknown> = context ? { context } : {};
    const words: string[] = [];
    for (const part of [message, ...rest]) {
      if (part instanceof Error) {
        fields.err ??= part;
        words.push(part.message);
      } else if (isStack(part)) {
        // Nest's error(message, stack, context): the stack of what went wrong, as pino's err.
        fields.err ??= { stack: part };
      } else if (part !== undefined && typeof part === 'object' && part !== null) {
        fields.data = part;
      } else if (part !== undefined) {
        words.push(String(part));
      }
    }
    logger[level](fields, words.join(' '));
  }

  /** The current app's child logger, made (at its level) on first use. */
  private logger(): Logger {
    const app = appScope.getStore() ?? this.options.app ?? '';
    let child = this.children.get(app);
    if (!child) {
      const level = this.options.logLevels ? levelOfNestLevels(this.options.logLevels) : logLevelFor(app || undefined, this.env);
      child = this.root.child(app ? { app } : {}, { level });
      this.children.set(app, child);
    }
    return child;
  }
}

/** Nest passes the logger's context last, as a string: `log(message, context)`, `error(message, stack, context)`. */
function splitParams(params: unknown[]): { context?: string; rest: unknown[] } {
  const last = params[params.length - 1];
  return typeof last === 'string' && !isStack(last) ? { context: last, rest: params.slice(0, -1) } : { rest: params };
}

function isStack(value: unknown): value is string {
  return typeof value === 'string' && /^.+\n\s+at .+/.test(value);
}
