import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErpConnector } from '../connector/erp.connector';
import { ErpSystemApiConfig } from '../erp-system-api.config';
import { MaterialAvailabilityChangedAnnouncer } from './material-availability-changed.announcer';
import { MaterialAvailabilityFeedCursorRepository } from './material-availability-feed-cursor.repository';
import { nextAvailabilityCursor } from './material-availability-feed.step';
import { MaterialAvailabilityFeedSyncResultDto, PlantAvailabilityFeedSyncDto } from './material-availability-feed.dto';

const PAGE_SIZE = 200;
/** Bounds one plant's share of a sync; the next sync continues from the cursor. */
const MAX_PAGES = 50;

/**
 * The change feed of material availability (ERP's change pointers, read as delta queries): per
 * plant, the purchase order lines changed and goods movements posted after the stored cursor,
 * each announced once as `threadline.erp.material-availability.changed.v1` (the event id derives
 * from the change, so reading it again is the same event). Announcements and cursor commit in one
 * transaction. A plant's first sync starts the feed now: what ERP changed before is its state,
 * which the consumers' reconciliation reads, not a change to announce. Changes younger than
 * `feedSettleMs` wait for the next sync, so one that commits late is not skipped.
 */
@Injectable()
export class MaterialAvailabilityFeedService {
  private readonly logger = new Logger(MaterialAvailabilityFeedService.name);

  constructor(
    @Inject(ErpConnector) private readonly erp: ErpConnector,
    @Inject(MaterialAvailabilityChangedAnnouncer) private readonly announcer: MaterialAvailabilityChangedAnnouncer,
    @Inject(MaterialAvailabilityFeedCursorRepository) private readonly cursors: MaterialAvailabilityFeedCursorRepository,
    @Inject(ErpSystemApiConfig) private readonly config: ErpSystemApiConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** One sync over every plant. Fails only when ERP cannot list its plants. */
  async sync(): Promise<MaterialAvailabilityFeedSyncResultDto> {
    const plants = (await this.erp.listPlants()).map((p) => p.code);
    const results: PlantAvailabilityFeedSyncDto[] = [];
    for (const plant of plants) results.push(await this.syncPlant(plant));
    return { announced: results.reduce((sum, r) => sum + r.announced, 0), plants: results };
  }

  private async syncPlant(plant: string): Promise<PlantAvailabilityFeedSyncDto> {
    let announced = 0;
    let cursor: string | null = null;
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const horizon = new Date(Date.now() - this.config.feedSettleMs).toISOString();
        const step = await this.dataSource.transaction(async (em) => {
          const from = await this.cursors.lock(em, plant);
          if (from === null) {
            await this.cursors.save(em, plant, horizon);
            return { announced: 0, cursor: horizon, more: false };
          }
          if (from >= horizon) return { announced: 0, cursor: from, more: false };
          const changes = await this.erp.listMaterialAvailabilityChanges(plant, { from, before: horizon, limit: PAGE_SIZE });
          const count = await this.announcer.announceAll(em, changes);
          const next = nextAvailabilityCursor(changes, from, horizon, PAGE_SIZE);
          await this.cursors.save(em, plant, next);
          return { announced: count, cursor: next, more: next < horizon };
        });
        announced += step.announced;
        cursor = step.cursor;
        if (!step.more) break;
      }
    } catch (error) {
      const reason = (error as Error).message;
      this.logger.warn(`${plant}: material availability feed skipped until the next sync: ${reason}`);
      return { plant, outcome: 'skipped', announced, cursor, reason };
    }
    if (announced > 0) this.logger.log(`${plant}: material availability feed announced ${announced} change(s), cursor ${cursor}`);
    return { plant, outcome: 'synced', announced, cursor, reason: null };
  }
}
