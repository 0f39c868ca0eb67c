import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PLM_SYSTEM_API_SCHEMA } from '../plm-system-api.schema';

/** A position in PLM's release order: the last change announced from the feed. */
export interface FeedCursor {
  releasedAt: string;
  changeNumber: string;
}

const FEED = 'plm-releases';
const TABLE = `${PLM_SYSTEM_API_SCHEMA}.feed_cursor`;

/** Orders two positions in the feed's order: release time, then number (byte order). */
export function compareFeedPositions(a: FeedCursor, b: FeedCursor): number {
  const t = Date.parse(a.releasedAt) - Date.parse(b.releasedAt);
  if (t !== 0) return t;
  return a.changeNumber < b.changeNumber ? -1 : a.changeNumber > b.changeNumber ? 1 : 0;
}

@Injectable()
export class FeedCursorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(em: EntityManager = this.dataSource.manager, lock = false): Promise<FeedCursor | null> {
    const rows: Array<{ released_at: Date; change_number: string }> = await em.query(
      `SELECT released_at, change_number FROM ${TABLE} WHERE feed = $1${lock ? ' FOR UPDATE' : ''}`,
      [FEED],
    );
    return rows[0] ? { releasedAt: rows[0].released_at.toISOString(), changeNumber: rows[0].change_number } : null;
  }

  /** Creates the row if needed and locks it, so concurrent syncs (replicas) take turns. */
  async lock(em: EntityManager): Promise<FeedCursor | null> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('${TABLE}'))`);
    return this.read(em, true);
  }

  async save(em: EntityManager, cursor: FeedCursor): Promise<void> {
    await em.query(
      `INSERT INTO ${TABLE} (feed, released_at, change_number) VALUES ($1, $2, $3)
       ON CONFLICT (feed) DO UPDATE SET released_at = EXCLUDED.released_at, change_number = EXCLUDED.change_number, updated_at = now()`,
      [FEED, cursor.releasedAt, cursor.changeNumber],
    );
  }
}
