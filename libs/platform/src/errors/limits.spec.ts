import { assertWithinLimit, BackendLimitExceededError } from './limits';
import { toProblem } from './problem.filter';

describe('assertWithinLimit', () => {
  it('passes a list of up to the limit through unchanged (the same array)', () => {
    const three = ['a', 'b', 'c'];
    expect(assertWithinLimit(three, 3, 'plants')).toBe(three);
    expect(assertWithinLimit([], 0, 'plants')).toEqual([]);
  });

  it('refuses one entry more with a coded 502 problem naming the list, the limit and the count', () => {
    let thrown: unknown;
    try {
      assertWithinLimit(['a', 'b', 'c', 'd'], 3, 'plants of the ERP');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BackendLimitExceededError);
    expect(toProblem(thrown)).toMatchObject({
      status: 502,
      code: 'BACKEND_LIMIT_EXCEEDED',
      type: 'https://threadline.dev/problems/backend-limit-exceeded',
      detail: 'plants of the ERP: 4 entries, more than the 3 this API documents',
      list: 'plants of the ERP',
      limit: 3,
      count: 4,
    });
  });
});
