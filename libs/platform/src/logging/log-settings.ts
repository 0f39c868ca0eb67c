import type { LogLevel as NestLogLevel } from '@nestjs/common';
import { ConfigError } from '../config/load-config';

/** pino's levels, most verbose first; `silent` writes nothing. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export type LogFormat = 'json' | 'pretty';

/** Nest's level names in pino's words (Nest's `log` is `info`, `verbose` is `trace`). */
export const NEST_TO_PINO: Record<NestLogLevel, Exclude<LogLevelName, 'silent'>> = {
  verbose: 'trace',
  debug: 'debug',
  log: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
};

/** `LOG_LEVEL_PROCESS_API` for `process-api`. */
export function appLevelEnvName(app: string): string {
  return `LOG_LEVEL_${app.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * An app's level: `LOG_LEVEL_<APP>`, else `LOG_LEVEL`, else `info` (`warn` under Jest's
 * NODE_ENV=test, so test runs show only what went wrong). Call checkLogSettings first.
 */
export function logLevelFor(app: string | undefined, env: NodeJS.ProcessEnv): LogLevelName {
  const own = app ? env[appLevelEnvName(app)] : undefined;
  return (own || env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'warn' : 'info')) as LogLevelName;
}

/** JSON in production (NODE_ENV=production) or when LOG_FORMAT=json; readable lines otherwise. */
export function logFormatFor(env: NodeJS.ProcessEnv): LogFormat {
  if (env.LOG_FORMAT) return env.LOG_FORMAT as LogFormat;
  return env.NODE_ENV === 'production' ? 'json' : 'pretty';
}

/**
 * Refuses an unknown level in LOG_LEVEL or any LOG_LEVEL_<APP>, and an unknown LOG_FORMAT, at boot:
 * a typo must not silently hide (or flood) the logs.
 */
export function checkLogSettings(env: NodeJS.ProcessEnv, app = 'logging'): void {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if ((name === 'LOG_LEVEL' || name.startsWith('LOG_LEVEL_')) && value && !(LOG_LEVELS as readonly string[]).includes(value)) {
      problems.push(`${name}=${JSON.stringify(value)} (one of ${LOG_LEVELS.join(', ')})`);
    }
  }
  if (env.LOG_FORMAT && !['json', 'pretty'].includes(env.LOG_FORMAT)) {
    problems.push(`LOG_FORMAT=${JSON.stringify(env.LOG_FORMAT)} (json or pretty)`);
  }
  if (problems.length > 0) throw new ConfigError(app, problems);
}

/** The most verbose of Nest's `logLevels` list, as one pino level (an empty list is silent). */
export function levelOfNestLevels(levels: NestLogLevel[]): LogLevelName {
  const order = LOG_LEVELS as readonly string[];
  const mapped = levels.map((level) => NEST_TO_PINO[level]);
  return mapped.length === 0 ? 'silent' : mapped.reduce((a, b) => (order.indexOf(a) <= order.indexOf(b) ? a : b));
}
