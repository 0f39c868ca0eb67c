import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from './app-error';
import { databaseFailureReason, DatabaseUnavailableError, isDatabaseUnavailable } from './database-unavailable';
import { DialectError } from './dialect-error';
import { errorCodeSpec } from './error-codes';
import { PROBLEM_CONTENT_TYPE, ProblemDocument, problemType, statusCode, statusTitle } from './problem';

/**
 * The single place where errors become HTTP responses: every 4xx and 5xx leaves as RFC 9457
 * problem+json, and no stack trace ever reaches a client.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(thrown: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const error = coded(thrown);
    const problem = problemOf(request, error);
    if (problem.status >= 500) {
      // A coded error is expected (a backend or the database is down): one line. Anything else is a bug: the stack.
      if (error instanceof DatabaseUnavailableError) this.logger.warn(`${request.method} ${request.url} -> ${problem.status} ${problem.code}: ${error.reason}`);
      else if (error instanceof AppError || error instanceof DialectError) this.logger.warn(`${request.method} ${request.url} -> ${problem.status} ${problem.code}: ${error.detail ?? ''}`);
      else this.logger.error(`${request.method} ${request.url} -> ${problem.status} ${problem.code}`, (error as Error)?.stack);
    }
    sendProblem(reply, error, problem);
  }
}

/**
 * A connection-level failure of the app's own database (down, restarting, out of connections) is
 * an outage, answered as 503 DATABASE_UNAVAILABLE with Retry-After; a failed query stays a bug.
 */
function coded(error: unknown): unknown {
  if (error instanceof AppError || error instanceof DialectError || error instanceof HttpException) return error;
  return isDatabaseUnavailable(error) ? new DatabaseUnavailableError(databaseFailureReason(error)) : error;
}

/** The problem document of `error` as answered to `request` (its URL as instance, its correlation id). */
function problemOf(request: FastifyRequest, error: unknown): ProblemDocument {
  const problem = toProblem(error);
  problem.instance = request.url;
  const correlationId = request.headers['x-correlation-id'];
  if (typeof correlationId === 'string') problem.correlationId = correlationId;
  return problem;
}

/**
 * Answers `error` as problem+json with the headers it carries: the filter's answer, also used where
 * a request is answered before Nest runs (the gateway's cached-read front).
 */
export function sendProblem(reply: FastifyReply, thrown: unknown, problem: ProblemDocument = problemOf(reply.request, thrown)): void {
  const error = coded(thrown);
  if (error instanceof AppError || error instanceof DialectError) {
    for (const [k, v] of Object.entries(error.headers)) void reply.header(k, v);
  }
  if (error instanceof HttpException) {
    const headers = (error as HttpException & { headers?: Record<string, string> }).headers;
    if (headers) for (const [k, v] of Object.entries(headers)) void reply.header(k, v);
  }
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}

/** The HTTP status an error leaves as: a coded error's from its declaration (defineErrorCodes). */
export function statusOf(error: unknown): number {
  return toProblem(error).status;
}

export function toProblem(thrown: unknown): ProblemDocument {
  const error = coded(thrown);
  if (isAppError(error)) {
    // AppError refuses undeclared codes when it is made, so the declaration is there.
    const spec = errorCodeSpec(error.code)!;
    return {
      type: problemType(error.code),
      title: spec.title,
      status: spec.status,
      ...(error.detail ? { detail: error.detail } : {}),
      code: error.code,
      ...error.extensions,
    };
  }
  if (error instanceof DialectError) {
    return {
      type: problemType(error.code),
      title: error.title,
      status: error.status,
      ...(error.detail ? { detail: error.detail } : {}),
      code: error.code,
      ...error.extensions,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const detail = typeof response === 'string' ? response : extractMessage(response);
    const code = statusCode(status);
    return { type: problemType(code), title: statusTitle(status), status, detail, code };
  }
  // Errors raised by Fastify itself (unsupported media type, body too large, malformed JSON)
  // carry a 4xx statusCode and a message that is safe to show.
  const fastifyStatus = (error as { statusCode?: number })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    const code = statusCode(fastifyStatus);
    return {
      type: problemType(code),
      title: statusTitle(fastifyStatus),
      status: fastifyStatus,
      detail: (error as Error).message,
      code,
    };
  }
  return {
    type: problemType('INTERNAL_ERROR'),
    title: statusTitle(500),
    status: 500,
    detail: 'An unexpected error occurred; it has been logged with the correlation id.',
    code: 'INTERNAL_ERROR',
  };
}

function extractMessage(response: object): string | undefined {
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : undefined;
}
