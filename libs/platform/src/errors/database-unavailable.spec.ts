import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { BackendUnavailableError } from './app-error';
import { databaseFailureReason, isDatabaseUnavailable } from './database-unavailable';
import { toProblem } from './problem.filter';

/** A server error as node-postgres builds it from the ErrorResponse message. */
function serverError(code: string, message: string): DatabaseError {
  return Object.assign(new DatabaseError(message, 100, 'error'), { code, severity: 'FATAL' });
}

/** A socket error as node's net module hands it to node-postgres. */
function socketError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code, errno: -111, syscall: 'connect' });
}

/** The same error as TypeORM throws it from a query (QueryFailedError copies the driver's fields). */
const viaTypeorm = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('isDatabaseUnavailable (connection failures vs query errors)', () => {
  it.each([
    ['refused', socketError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['reset', socketError('ECONNRESET', 'read ECONNRESET')],
    ['unknown host', socketError('ENOTFOUND', 'getaddrinfo ENOTFOUND db.internal')],
    ['timed out', socketError('ETIMEDOUT', 'connect ETIMEDOUT 10.0.0.5:5432')],
    ['terminated by an administrator (57P01)', serverError('57P01', 'terminating connection due to administrator command')],
    ['crash shutdown (57P02)', serverError('57P02', 'terminating connection because of crash of another server process')],
    ['starting up (57P03)', serverError('57P03', 'the database system is starting up')],
    ['too many connections (53300)', serverError('53300', 'sorry, too many clients already')],
    ['connection failure (08006)', serverError('08006', 'connection failure')],
    ['cannot establish (08001)', serverError('08001', 'could not connect')],
    ['dropped under a client', new Error('Connection terminated unexpectedly')],
    ["pg-pool's wait for a connection", new Error('timeout exceeded when trying to connect')],
    ["pg-pool's connection timeout", new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') })],
    ['every address refused (AggregateError)', new AggregateError([socketError('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432')], 'connect failed')],
  ])('recognises %s, raw and wrapped by TypeORM', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(viaTypeorm(error))).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', serverError('23505', 'duplicate key value violates unique constraint "items_pkey"')],
    ['a missing table (42P01)', serverError('42P01', 'relation "nope" does not exist')],
    ['a syntax error (42601)', serverError('42601', 'syntax error at or near "SELEC"')],
    ['a statement timeout (57014)', serverError('57014', 'canceling statement due to statement timeout')],
    ['a client this process ended', new Error('Connection terminated')],
    ['a pool this process ended', new Error('Cannot use a pool after calling end on the pool')],
  ])('leaves %s to be a bug, raw and wrapped by TypeORM', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(isDatabaseUnavailable(viaTypeorm(error))).toBe(false);
  });

  it('ignores a backend call that failed on the same socket codes, and things that are not errors', () => {
    expect(isDatabaseUnavailable(new TypeError('fetch failed', { cause: socketError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:4010') }))).toBe(false);
    expect(isDatabaseUnavailable(new BackendUnavailableError('erp', 'refused'))).toBe(false);
    for (const value of [undefined, null, 'ECONNREFUSED', 42, {}]) expect(isDatabaseUnavailable(value)).toBe(false);
  });

  it('names the failure for the log', () => {
    expect(databaseFailureReason(viaTypeorm(serverError('57P01', 'terminating connection due to administrator command')))).toBe(
      '57P01: terminating connection due to administrator command',
    );
    expect(databaseFailureReason(new Error('Connection terminated unexpectedly'))).toBe('Connection terminated unexpectedly');
    expect(databaseFailureReason(new Error('other'))).toBe('');
  });
});

describe('toProblem of a database failure', () => {
  it('answers a connection failure as 503 DATABASE_UNAVAILABLE without the address', () => {
    const problem = toProblem(socketError('ECONNREFUSED', 'connect ECONNREFUSED 10.1.2.3:5432'));
    expect(problem).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', type: 'https://threadline.dev/problems/database-unavailable' });
    expect(JSON.stringify(problem)).not.toContain('10.1.2.3');
  });

  it('keeps a query error a 500', () => {
    expect(toProblem(viaTypeorm(serverError('23505', 'duplicate key')))).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
  });
});
