import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErpConnector } from '../connector/erp.connector';
import { ErpSystemApiConfig } from '../erp-system-api.config';
import { ErpMasterDataCache } from '../plants/erp-master-data.cache';
import { MasterDataFeedSyncResultDto } from './master-data-feed.dto';
import { nextMasterDataCursor, nextPagePosition } from './master-data-feed.step';

const PAGE_SIZE = 500;
/** Bounds one sync; the next continues from the cursor. */
const MAX_PAGES = 20;

/**
 * The master-data change feed (S/4HANA's change pointers of materials, BOMs and routings, read
 * as delta queries by change time): each pointer drops the cached answers of its item in its
 * plant (every plant when plant-neutral), so a change made in ERP directly is read right after
 * the sync that sees it. The cursor lives in this process, as the cache it serves does: every
 * instance reads the pointers for its own cache (a cursor shared in the database would let one
 * instance's sync skip the others' caches). It starts `feedSettleMs` before the instance did,
 * when its cache was empty. Reads run from the cursor to the newest pointer, and the cursor
 * stays behind the settle horizon, so a change that commits late (stamped at its transaction's
 * start) is still read. Syncs run one at a time.
 */
@Injectable()
export class MasterDataFeedService {
  private readonly logger = new Logger(MasterDataFeedService.name);
  private cursor: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(ErpConnector) private readonly erp: ErpConnector,
    @Inject(ErpMasterDataCache) private readonly cache: ErpMasterDataCache,
    @Inject(ErpSystemApiConfig) private readonly config: ErpSystemApiConfig,
  ) {
    this.cursor = new Date(Date.now() - config.feedSettleMs).toISOString();
  }

  /** One sync, after any in flight (a sync asked for after a change reads it). Fails when ERP does; the cursor then stays. */
  sync(): Promise<MasterDataFeedSyncResultDto> {
    const run = this.queue.then(
      () => this.syncOnce(),
      () => this.syncOnce(),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async syncOnce(): Promise<MasterDataFeedSyncResultDto> {
    const horizon = new Date(Date.now() - this.config.feedSettleMs).toISOString();
    let position = this.cursor;
    let complete = false;
    let changes = 0;
    for (let page = 0; page < MAX_PAGES && !complete; page++) {
      const read = await this.erp.listMasterDataChanges({ from: position, limit: PAGE_SIZE });
      for (const change of read) this.cache.changedInErp(change.itemNumber, change.plant);
      changes += read.length;
      complete = read.length < PAGE_SIZE;
      if (!complete) position = nextPagePosition(read[read.length - 1].changedAt, position);
    }
    this.cursor = nextMasterDataCursor(this.cursor, position, complete, horizon);
    if (changes > 0) this.logger.debug(`master-data feed dropped the cached answers of ${changes} change(s), cursor ${this.cursor}`);
    return { changes, cursor: this.cursor };
  }
}
