import { nextMasterDataCursor, nextPagePosition } from './master-data-feed.step';

const CURSOR = '2026-12-05T09:00:00.000Z';
const HORIZON = '2026-12-05T10:00:00.000Z';

describe('master-data feed cursor', () => {
  it('moves to the settle horizon after reading to the end, never beyond it, never backwards', () => {
    expect(nextMasterDataCursor(CURSOR, '2026-12-05T10:30:00.000Z', true, HORIZON)).toBe(HORIZON);
    expect(nextMasterDataCursor(CURSOR, CURSOR, true, HORIZON)).toBe(HORIZON);
    expect(nextMasterDataCursor(HORIZON, HORIZON, true, CURSOR)).toBe(HORIZON);
  });

  it('stops where a cut read got to, or at the horizon when it read past it', () => {
    expect(nextMasterDataCursor(CURSOR, '2026-12-05T09:20:00.000Z', false, HORIZON)).toBe('2026-12-05T09:20:00.000Z');
    expect(nextMasterDataCursor(CURSOR, '2026-12-05T10:20:00.000Z', false, HORIZON)).toBe(HORIZON);
  });

  it("continues a sync's next page at the last change time read, or a millisecond on when the page is all at the position", () => {
    expect(nextPagePosition('2026-12-05T09:10:00.000Z', CURSOR)).toBe('2026-12-05T09:10:00.000Z');
    expect(nextPagePosition(CURSOR, CURSOR)).toBe('2026-12-05T09:00:00.001Z');
  });
});
