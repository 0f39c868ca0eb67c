import { outcomeOf, targetOf } from './audit-entry';

describe('audit entry', () => {
  it.each([
    [201, 'succeeded'],
    [304, 'succeeded'],
    [400, 'rejected'],
    [401, 'denied'],
    [403, 'denied'],
    [409, 'rejected'],
    [429, 'rejected'],
    [502, 'failed'],
  ])('status %i is %s', (status, outcome) => {
    expect(outcomeOf(status)).toBe(outcome);
  });

  it('targets the path without query or fragment', () => {
    expect(targetOf('/v1/things/T-1/touch?force=true')).toBe('/v1/things/T-1/touch');
    expect(targetOf('/v1/things/T-1#x')).toBe('/v1/things/T-1');
    expect(targetOf('/v1/things')).toBe('/v1/things');
  });
});
