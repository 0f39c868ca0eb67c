/**
 * Where the next read of ERP's change pointers starts within one sync: after a full page, at its
 * last change time (pointers at that time are read again, and dropping a cache entry twice is
 * harmless), one millisecond on when the whole page is at the position, rather than read it forever.
 */
export function nextPagePosition(lastChangedAt: string, position: string): string {
  return lastChangedAt > position ? lastChangedAt : new Date(Date.parse(position) + 1).toISOString();
}

/**
 * The cursor a sync leaves for the next one: never past the settle horizon (a change stamped
 * before it may still commit), so the newest pointers are read again next time; never backwards.
 * `position` is how far the sync read; `complete` whether it read to the end. Pure.
 */
export function nextMasterDataCursor(cursor: string, position: string, complete: boolean, horizon: string): string {
  const reached = complete ? horizon : position < horizon ? position : horizon;
  return reached > cursor ? reached : cursor;
}
