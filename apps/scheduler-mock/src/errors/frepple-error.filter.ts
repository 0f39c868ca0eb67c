import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { AppError, DialectError, toProblem } from '@threadline/platform';
import type { FastifyReply } from 'fastify';
import { FreppleApiError } from './frepple-api.error';

/**
 * Scoped to the frePPLe controllers: every error, including the gateway's 401/403, leaves in the
 * backend's plain JSON style with the right status code.
 */
@Catch()
export class FreppleErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('scheduler-mock');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let status = 500;
    let body: unknown = { detail: 'Internal server error.' };
    if (error instanceof FreppleApiError) {
      status = error.status;
      body = error.body;
    } else if (error instanceof AppError || error instanceof DialectError) {
      status = toProblem(error).status;
      body = { detail: error.detail ?? error.title };
      for (const [k, v] of Object.entries(error.headers)) void reply.header(k, v);
    } else if (error instanceof HttpException) {
      status = error.getStatus();
      body = { detail: error.message };
    } else if (typeof (error as { statusCode?: unknown })?.statusCode === 'number' && (error as { statusCode: number }).statusCode < 500) {
      status = (error as { statusCode: number }).statusCode;
      body = { detail: (error as Error).message };
    } else {
      this.logger.error(`unexpected error: ${(error as Error)?.message}`, (error as Error)?.stack);
    }
    void reply.status(status).header('content-type', 'application/json').send(body);
  }
}
