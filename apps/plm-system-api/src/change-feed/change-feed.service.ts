import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlmConnector } from '../connector/plm.connector';
import { ReleaseAnnouncer } from '../engineering-changes/release-announcer';
import { FeedCursor, FeedCursorRepository, compareFeedPositions } from './feed-cursor.repository';

export interface FeedSyncResult {
  announced: number;
  cursor: FeedCursor | null;
}

const PAGE_SIZE = 50;
/** Bounds one sync; the next one continues from the cursor. */
const MAX_PAGES = 40;

/**
 * Catches up on releases a webhook did not bring: reads PLM's released changes after the stored
 * cursor, in release order, and announces each. The announcements and the new cursor commit in
 * one transaction, so a crash never skips a change; a change announced twice (webhook and feed)
 * is one event, as the id is deterministic. PLM is read outside the transaction; the cursor row
 * is then locked and re-read, so two syncs running at once never move it backwards.
 */
@Injectable()
export class ChangeFeedService {
  private readonly logger = new Logger(ChangeFeedService.name);

  constructor(
    @Inject(PlmConnector) private readonly plm: PlmConnector,
    @Inject(ReleaseAnnouncer) private readonly announcer: ReleaseAnnouncer,
    @Inject(FeedCursorRepository) private readonly cursors: FeedCursorRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async sync(): Promise<FeedSyncResult> {
    let announced = 0;
    let cursor = await this.cursors.read();
    for (let page = 0; page < MAX_PAGES; page++) {
      const changes = await this.plm.listChanges({
        state: 'RELEASED',
        order: 'released',
        after: cursor ? { number: cursor.changeNumber, releasedAt: cursor.releasedAt } : undefined,
        limit: PAGE_SIZE,
      });
      const positioned = changes.filter((c) => c.releasedAt !== null);
      if (positioned.length === 0) break;
      const result = await this.dataSource.transaction(async (em) => {
        const current = await this.cursors.lock(em);
        const fresh = positioned.filter((c) => !current || compareFeedPositions({ releasedAt: c.releasedAt!, changeNumber: c.number }, current) > 0);
        for (const change of fresh) await this.announcer.announce(em, change);
        const last = fresh[fresh.length - 1];
        const next = last ? { releasedAt: new Date(last.releasedAt!).toISOString(), changeNumber: last.number } : current;
        if (last) await this.cursors.save(em, next!);
        return { count: fresh.length, next };
      });
      announced += result.count;
      cursor = result.next;
      if (changes.length < PAGE_SIZE) break;
    }
    if (announced > 0) this.logger.log(`change feed: announced ${announced} release(s), cursor ${cursor?.changeNumber} at ${cursor?.releasedAt}`);
    return { announced, cursor };
  }
}
