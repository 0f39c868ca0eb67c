import { BadRequestException, NotFoundException } from '@nestjs/common';
import { AppError, BackendUnavailableError, NotFoundError } from './app-error';
import { defineErrorCodes } from './error-codes';
import { toProblem } from './problem.filter';

defineErrorCodes({ ECO_EFFECTIVITY_IN_PAST: { status: 422, title: 'Change rejected', description: 'The change starts before today' } });

describe('toProblem (RFC 9457 mapping)', () => {
  it('maps a coded AppError with its status, a type URI from the code, and its extension members', () => {
    const problem = toProblem(new AppError('ECO_EFFECTIVITY_IN_PAST', 'starts before today', { object: 'ECN-1' }));
    expect(problem).toEqual({
      type: 'https://threadline.dev/problems/eco-effectivity-in-past',
      title: 'Change rejected',
      status: 422,
      detail: 'starts before today',
      code: 'ECO_EFFECTIVITY_IN_PAST',
      object: 'ECN-1',
    });
  });

  it('maps the backend errors to 404, 503 and 504', () => {
    expect(toProblem(new NotFoundError('Item', 'X')).status).toBe(404);
    expect(toProblem(new BackendUnavailableError('plm-mock', 'refused')).status).toBe(503);
    expect(toProblem(new BackendUnavailableError('plm-mock', 'slow', true))).toMatchObject({ status: 504, code: 'BACKEND_TIMEOUT' });
  });

  it("maps Nest's HTTP exceptions (unknown route, bad request) without losing their status", () => {
    expect(toProblem(new NotFoundException('Cannot GET /x'))).toMatchObject({ status: 404, code: 'NOT_FOUND', detail: 'Cannot GET /x' });
    expect(toProblem(new BadRequestException(['a is bad', 'b is bad']))).toMatchObject({ status: 400, detail: 'a is bad; b is bad' });
  });

  it("keeps Fastify's own 4xx errors (body too large, bad media type)", () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(toProblem(tooLarge)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('hides the message and stack of an unexpected error', () => {
    const problem = toProblem(new TypeError("Cannot read properties of undefined (reading 'secret')"));
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('secret');
  });
});
