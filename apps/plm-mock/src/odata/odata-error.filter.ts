import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { AppError, FieldError, toProblem } from '@threadline/platform';
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
    if (problem.status >= 500) this.logger.error(`${request.method} ${request.url} -> ${problem.status}`, (error as Error)?.stack);
    let details = problem.details as ODataErrorDetail[] | undefined;
    if (problem.code === 'VALIDATION_FAILED') {
      details = ((problem.errors as FieldError[]) ?? []).map((e) => ({ code: 'InvalidProperty', target: e.field, message: e.messages.join(', ') }));
    }
    if (error instanceof AppError) for (const [k, v] of Object.entries(error.headers)) void reply.header(k, v);
    void reply
      .status(problem.status)
      .header('content-type', 'application/json; odata.metadata=minimal')
      .header('odata-version', '4.0')
      .send({ error: { code: odataCode(problem.code), message: problem.detail ?? problem.title, ...(details?.length ? { details } : {}) } });
  }
}

const CODES: Record<string, string> = {
  VALIDATION_FAILED: 'InvalidRequestBody',
  UNAUTHENTICATED: 'Unauthorized',
  INSUFFICIENT_SCOPE: 'Forbidden',
  INTERNAL_ERROR: 'InternalServerError',
};

function odataCode(code: string): string {
  return CODES[code] ?? code;
}
