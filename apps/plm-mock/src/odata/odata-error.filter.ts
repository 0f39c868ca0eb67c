import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { AppError, DialectError, FieldError, InjectedFaultError, toProblem } from '@threadline/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';

interface ODataErrorDetail {
  code: string;
  message: string;
  target?: string;
}

/**
 * Renders every error of the simulated Windchill (including 401/403 from the gateway and body
 * validation) as an OData v4 error document, because that is what a Windchill client expects and
 * what the PLM connector has to translate.
 */
@Catch()
export class ODataErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('PlmMock');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error);
    // An injected fault is the mock doing its job, not a bug: one line, no stack.
    if (error instanceof InjectedFaultError) this.logger.log(`${request.method} ${request.url} -> ${problem.status} (injected fault)`);
    else if (problem.status >= 500) this.logger.error(`${request.method} ${request.url} -> ${problem.status}`, (error as Error)?.stack);
    let details = problem.details as ODataErrorDetail[] | undefined;
    if (problem.code === 'VALIDATION_FAILED') {
      details = ((problem.errors as FieldError[]) ?? []).map((e) => ({ code: 'InvalidProperty', target: e.field, message: e.messages.join(', ') }));
    }
    if (error instanceof AppError || error instanceof DialectError) for (const [k, v] of Object.entries(error.headers)) void reply.header(k, v);
    void reply
      .status(problem.status)
      .header('content-type', 'application/json; odata.metadata=minimal')
      .header('odata-version', '4.0')
      .send({ error: { code: odataCode(problem.code, problem.status), message: problem.detail ?? problem.title, ...(details?.length ? { details } : {}) } });
  }
}

const CODES: Record<string, string> = {
  VALIDATION_FAILED: 'InvalidRequestBody',
  UNAUTHENTICATED: 'Unauthorized',
  INSUFFICIENT_SCOPE: 'Forbidden',
  INTERNAL_ERROR: 'InternalServerError',
  RATE_LIMITED: 'TooManyRequests',
};

/** Injected faults (FaultInjectionModule) are named by their status, as an OData service names its own. */
const FAULT_CODES: Record<number, string> = { 502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'GatewayTimeout' };

function odataCode(code: string, status: number): string {
  if (code === 'BACKEND_FAULT') return FAULT_CODES[status] ?? 'InternalServerError';
  return CODES[code] ?? code;
}
