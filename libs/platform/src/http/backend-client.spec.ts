import { AppError, BackendError, NotFoundError } from '../errors/app-error';
import { toProblem } from '../errors/problem.filter';
import { BackendDialect, describeBackendFailure, isBackendConflict, isPermanentRefusal, translateBackendError } from './backend-client';
import { HttpStatusError, HttpUnavailableError } from './http-client';
import { ServiceTokenError } from './service-token.provider';

const dialect: BackendDialect = {
  backend: 'ERP',
  messageOf: (body) => (body as { message?: string } | undefined)?.message,
};

const answered = (status: number, body: unknown = { message: `refused with ${status}` }, headers: Record<string, string> = {}) =>
  new HttpStatusError('ERP', status, body, new Headers(headers));

describe('translateBackendError: a backend failure becomes one coded problem, by the backend status table', () => {
  it.each([
    [400, 'BACKEND_REJECTED', 422],
    [422, 'BACKEND_REJECTED', 422],
    [409, 'BACKEND_CONFLICT', 409],
    [401, 'BACKEND_AUTH_FAILED', 502],
    [403, 'BACKEND_AUTH_FAILED', 502],
    [429, 'BACKEND_UNAVAILABLE', 503],
    [503, 'BACKEND_UNAVAILABLE', 503],
    [504, 'BACKEND_TIMEOUT', 504],
    [500, 'BACKEND_ERROR', 502],
    [502, 'BACKEND_ERROR', 502],
    // A 404 on a call that names no object: the path itself is unknown, so our call is broken.
    [404, 'BACKEND_ERROR', 502],
  ])('backend %i -> %s (%i), with the backend, its status and its own error', (status, code, ours) => {
    const problem = toProblem(translateBackendError(answered(status), dialect));
    expect(problem).toMatchObject({ code, status: ours, backend: 'ERP', backendStatus: status, backendError: { message: `refused with ${status}` } });
    expect(problem.detail).toBe(`refused with ${status}`);
  });

  it("is NOT_FOUND for the object a call names, whatever the table says of 404", () => {
    const error = translateBackendError(answered(404), { ...dialect, statuses: { 404: 'rejected' } }, { what: 'WorkOrder', id: 'P1/1000001' });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(toProblem(error)).toMatchObject({ status: 404, code: 'NOT_FOUND', resource: 'WorkOrder', id: 'P1/1000001', backend: 'ERP', backendStatus: 404 });
  });

  it("reads a status the backend's own way where its dialect differs", () => {
    const error = translateBackendError(answered(404), { ...dialect, statuses: { 404: 'rejected' } });
    expect(toProblem(error)).toMatchObject({ status: 422, code: 'BACKEND_REJECTED' });
    expect(isPermanentRefusal(error)).toBe(true);
  });

  it("reads an answer by the backend's own error document where its dialect says so, else by the status table", () => {
    const busy: BackendDialect = { ...dialect, outcomeOf: (status, body) => (status === 409 && (body as { code?: string })?.code === 'STILL_RUNNING' ? 'unavailable' : undefined) };
    expect(toProblem(translateBackendError(answered(409, { code: 'STILL_RUNNING', message: 'retry later' }), busy))).toMatchObject({ status: 503, code: 'BACKEND_UNAVAILABLE', backendStatus: 409 });
    const conflict = translateBackendError(answered(409, { code: 'DUPLICATE' }), busy);
    expect(toProblem(conflict)).toMatchObject({ status: 409, code: 'BACKEND_CONFLICT' });
    expect(isPermanentRefusal(conflict)).toBe(true);
  });

  it("passes the backend's Retry-After on, and says who answered when the backend gave no message", () => {
    const error = translateBackendError(answered(503, null, { 'retry-after': '7' }), dialect) as BackendError;
    expect(error.headers['retry-after']).toBe('7');
    expect(error.detail).toBe('ERP answered 503');
  });

  it('is BACKEND_UNAVAILABLE or BACKEND_TIMEOUT when the backend did not answer', () => {
    expect(toProblem(translateBackendError(new HttpUnavailableError('ERP', 'connect ECONNREFUSED', false), dialect))).toMatchObject({ status: 503, code: 'BACKEND_UNAVAILABLE' });
    expect(toProblem(translateBackendError(new HttpUnavailableError('ERP', 'no answer within 100 ms', true), dialect))).toMatchObject({ status: 504, code: 'BACKEND_TIMEOUT' });
  });

  it('tells refused credentials (an operator must fix them) from an identity provider that is down', () => {
    const refused = translateBackendError(new ServiceTokenError('threadline-process', true, 'token request failed: 401'), dialect);
    expect(toProblem(refused)).toMatchObject({ status: 502, code: 'BACKEND_AUTH_FAILED', backend: 'ERP' });
    const down = translateBackendError(new ServiceTokenError('threadline-process', false, 'fetch failed'), dialect);
    expect(toProblem(down)).toMatchObject({ status: 503, code: 'BACKEND_UNAVAILABLE' });
  });

  it('leaves coded errors and anything that is not an HTTP failure as they are', () => {
    const coded = new NotFoundError('Item', 'X');
    expect(translateBackendError(coded, dialect)).toBe(coded);
    const bug = new TypeError('undefined is not a function');
    expect(translateBackendError(bug, dialect)).toBe(bug);
  });
});

describe('what a caller may decide from a translated failure', () => {
  it('counts a missing object, a rule and a state refusal as permanent, and never credentials or outages', () => {
    const permanent = [answered(404), answered(422), answered(409)].map((e, i) => translateBackendError(e, dialect, i === 0 ? { what: 'Item', id: 'X' } : undefined));
    expect(permanent.map(isPermanentRefusal)).toEqual([true, true, true]);
    const operational = [answered(401), answered(403), answered(429), answered(500), new HttpUnavailableError('ERP', 'down', false)].map((e) => translateBackendError(e, dialect));
    expect(operational.map(isPermanentRefusal)).toEqual([false, false, false, false, false]);
    expect(isBackendConflict(translateBackendError(answered(409), dialect))).toBe(true);
    expect(isBackendConflict(translateBackendError(answered(422), dialect))).toBe(false);
  });

  it('describes a failure in one line naming who answered what', () => {
    expect(describeBackendFailure(translateBackendError(answered(422), dialect))).toBe('ERP answered 422: refused with 422');
    expect(describeBackendFailure(translateBackendError(answered(404), dialect, { what: 'Item', id: 'X' }))).toBe("ERP answered 404: Item 'X' does not exist");
    expect(describeBackendFailure(new AppError('NOT_FOUND', 'gone'))).toBe('gone');
    expect(describeBackendFailure(new Error('boom'))).toBe('boom');
  });
});
