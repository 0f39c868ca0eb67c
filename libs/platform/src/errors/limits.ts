import { AppError } from './app-error';

/**
 * A backend answered with more entries than this API documents for a list (its OpenAPI maxItems).
 * Cutting the list would hand callers an answer that looks complete and is not, and passing it on
 * would break the documented contract, so the answer is refused: 502, the backend is at fault
 * (OWASP API10, unsafe consumption of APIs: a backend's answer is validated like a client's request).
 */
export class BackendLimitExceededError extends AppError<'BACKEND_LIMIT_EXCEEDED'> {
  constructor(what: string, limit: number, count: number) {
    super('BACKEND_LIMIT_EXCEEDED', `${what}: ${count} entries, more than the ${limit} this API documents`, {
      list: what,
      limit,
      count,
    });
  }
}

/**
 * `items` unchanged when it holds at most `limit` entries, else BackendLimitExceededError. A read
 * that asks the backend for `limit + 1` entries sees an oversized list as `limit + 1`, so `count`
 * may be a lower bound.
 */
export function assertWithinLimit<T extends readonly unknown[]>(items: T, limit: number, what: string): T {
  if (items.length > limit) throw new BackendLimitExceededError(what, limit, items.length);
  return items;
}
