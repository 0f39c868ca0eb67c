import pino, { DestinationStream, Logger } from 'pino';
import { isColorSupported, prettyFactory } from 'pino-pretty';
import { currentContext } from '../http/request-context';
import { LogFormat, logFormatFor } from './log-settings';

export interface RootLoggerOptions {
  format: LogFormat;
  /** Where lines go; stdout by default (tests pass a stream of their own). */
  destination?: DestinationStream;
  /** Readable lines in colour; by default when stdout is a terminal and NO_COLOR is unset. */
  colors?: boolean;
}

/** Fields the readable line shows in its own place (or not at all); the rest follow below it. */
const SHOWN_IN_LINE = 'pid,hostname,app,context,correlationId,traceId,spanId,err';

/**
 * pino over stdout. JSON: one object per line, the level as a word and the time in ISO 8601,
 * written asynchronously (pino flushes what is pending when the process exits). Readable: one line
 * per entry (`[12:00:00.000] INFO: process-api [Consumer] (correlation id) message`), written
 * synchronously so that it interleaves with what the launcher prints itself. Every line carries
 * the correlation id and trace of the work in hand (request context), taken when it is written.
 */
export function createRootLogger(options: RootLoggerOptions): Logger {
  const json = options.format === 'json';
  const destination = options.destination ?? pino.destination({ dest: 1, sync: !json });
  return pino(
    {
      level: 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      // JSON keeps pino's pid and hostname (which instance wrote it); the readable line needs neither.
      ...(json ? {} : { base: null }),
      formatters: json ? { level: (label) => ({ level: label }) } : {},
      mixin: () => {
        const context = currentContext();
        return context ? { correlationId: context.correlationId, traceId: context.traceId, spanId: context.spanId } : {};
      },
    },
    json ? destination : readable(destination, options.colors ?? (isColorSupported && process.stdout.isTTY === true)),
  );
}

function readable(destination: DestinationStream, colors: boolean): DestinationStream {
  const pretty = prettyFactory({
    colorize: colors,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: SHOWN_IN_LINE,
    messageFormat: (log, messageKey) => {
      const where = [log.app, log.context ? `[${String(log.context)}]` : '', log.correlationId ? `(${String(log.correlationId)})` : '']
        .filter(Boolean)
        .join(' ');
      return `${where} ${String(log[messageKey])}`;
    },
  });
  return {
    write: (line: string) => {
      const entry = JSON.parse(line) as { err?: { stack?: unknown } };
      // An error as its stack below the line, indented, rather than every property of the object.
      const stack = typeof entry.err?.stack === 'string' ? `${entry.err.stack.replace(/^/gm, '    ')}\n` : '';
      destination.write(pretty(entry) + stack);
    },
  };
}

let processRoot: Logger | undefined;

/** The one root logger of this process (every app in it logs through a child), made on first use. */
export function processRootLogger(): Logger {
  processRoot ??= createRootLogger({ format: logFormatFor(process.env) });
  return processRoot;
}
