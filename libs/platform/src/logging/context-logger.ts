import { ConsoleLogger, ConsoleLoggerOptions, LogLevel } from '@nestjs/common';
import { currentContext } from '../http/request-context';

/**
 * Nest's console logger, with the correlation id (and, as JSON, the trace id) of the work in hand
 * on every line: an incoming request, a consumed event or a job all run in a request context, so
 * `new Logger(Class.name)` anywhere needs nothing passed by hand to be followed across hops.
 */
export class ContextLogger extends ConsoleLogger {
  constructor(options: ConsoleLoggerOptions = {}) {
    super(options);
  }

  protected override formatContext(context: string): string {
    const correlationId = currentContext()?.correlationId;
    const own = super.formatContext(context);
    return correlationId ? `${own}${this.options.colors ? `\x1B[90m(${correlationId})\x1B[39m` : `(${correlationId})`} ` : own;
  }

  protected override getJsonLogObject(message: unknown, options: { context: string; logLevel: LogLevel; writeStreamType?: 'stdout' | 'stderr'; errorStack?: unknown }) {
    const context = currentContext();
    return { ...super.getJsonLogObject(message, options), ...(context ? { correlationId: context.correlationId, traceId: context.traceId } : {}) };
  }
}
