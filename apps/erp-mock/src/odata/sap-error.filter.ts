import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { AppError, DialectError, InjectedFaultError, toProblem } from '@threadline/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SapError, sapErrorDocument } from './sap-error';

/**
 * The simulated S/4HANA answers errors the way SAP Gateway does, not as problem+json: connectors
 * must be able to read a backend's native error. Bound to the OData controller, so it also
 * covers the gateway's 401/403.
 */
@Catch()
export class SapErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(SapErrorFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    let status = 500;
    let code = '/IWBEP/CM_MGW_RT/000';
    let message = 'An internal server error occurred';
    if (error instanceof AppError || error instanceof DialectError) {
      status = toProblem(error).status;
      code = error instanceof SapError ? error.code : `/IWFND/CM_CONSUMER/${status}`;
      message = error.detail ?? error.title;
      for (const [k, v] of Object.entries(error.headers)) void reply.header(k, v);
    } else if (error instanceof HttpException) {
      status = error.getStatus();
      code = `/IWFND/CM_CONSUMER/${status}`;
      message = error.message;
    } else if (typeof (error as { statusCode?: unknown })?.statusCode === 'number') {
      status = (error as { statusCode: number }).statusCode;
      code = `/IWFND/CM_CONSUMER/${status}`;
      message = (error as Error).message;
    }
    // An injected fault is the mock doing its job, not a bug: one line, no stack.
    if (error instanceof InjectedFaultError) this.logger.log(`${request.method} ${request.url} -> ${status} (injected fault)`);
    else if (status >= 500) this.logger.error(`${request.method} ${request.url} -> ${status}`, (error as Error)?.stack);
    void reply
      .status(status)
      .header('content-type', 'application/json; charset=utf-8')
      .send(sapErrorDocument(code, message, String(request.id).replace(/-/g, '').toUpperCase()));
  }
}
