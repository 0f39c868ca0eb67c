import { FIELD_LIMITS, LIST_LIMITS } from '@threadline/canonical';
import { toProblem } from './errors/problem.filter';
import { decodeCursor, encodeCursor, keysetCursor, MAX_CURSOR_LENGTH, MAX_PAGE_SIZE } from './pagination';

const refusal = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return toProblem(error);
  }
  return undefined;
};

describe('cursors', () => {
  it('round-trips the key a page was cut at', () => {
    const key = { t: '2026-12-01T10:00:00.000Z', id: '6f1c2a9e-0c1d-4c6e-9a53-1f0a3b2c4d5e' };
    expect(decodeCursor(encodeCursor(key), keysetCursor('t', 'id'))).toEqual(key);
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it('refuses a cursor that does not decode, or decodes to another shape, as INVALID_CURSOR (400)', () => {
    const shape = keysetCursor('t', 'id');
    for (const cursor of ['%%%', encodeCursor({ t: 'yesterday', id: 'x' }), encodeCursor({ t: '2026-12-01T10:00:00.000Z' }), Buffer.from('[1]').toString('base64url'), encodeCursor({ t: '', id: 'x' })]) {
      expect({ cursor, problem: refusal(() => decodeCursor(cursor, shape)) }).toMatchObject({ cursor, problem: { status: 400, code: 'INVALID_CURSOR' } });
    }
  });
});

// Here rather than in libs/canonical, which depends on no other lib (.dependency-cruiser.cjs).
describe('limits', () => {
  it('are the page size and cursor length canonical documents for every list', () => {
    expect(LIST_LIMITS.page).toBe(MAX_PAGE_SIZE);
    expect(FIELD_LIMITS.cursor).toBe(MAX_CURSOR_LENGTH);
  });
});
