import { contextFrom, traceparentOf } from './request-context';

describe('contextFrom', () => {
  it('makes well-formed, distinct trace and span ids, across refills of its random pool', () => {
    // 1000 contexts draw 24 KB: the 4 KiB pool is refilled several times.
    const contexts = Array.from({ length: 1000 }, () => contextFrom('c', undefined));
    expect(contexts.every((c) => /^[0-9a-f]{32}$/.test(c.traceId) && /^[0-9a-f]{16}$/.test(c.spanId))).toBe(true);
    expect(new Set(contexts.map((c) => c.traceId)).size).toBe(1000);
    expect(new Set(contexts.map((c) => c.spanId)).size).toBe(1000);
  });

  it("continues a caller's trace with a span of its own", () => {
    const caller = contextFrom('c', undefined);
    const hop = contextFrom('c', traceparentOf(caller));
    expect(hop.traceId).toBe(caller.traceId);
    expect(hop.spanId).not.toBe(caller.spanId);
  });
});
