import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErpConnector } from '../connector/erp.connector';
import { ErpSystemApiConfig } from '../erp-system-api.config';
import { WorkOrderChangedAnnouncer } from './work-order-changed.announcer';
import { compareFeedCursors, WorkOrderFeedCursor, WorkOrderFeedCursorRepository } from './work-order-feed-cursor.repository';
import { FeedStep, nextFeedStep } from './work-order-feed.step';

export interface PlantFeedSync {
  plant: string;
  /** `skipped`: ERP failed for this plant; the next sync continues from its cursor. */
  outcome: 'synced' | 'skipped';
  announced: number;
  cursor: WorkOrderFeedCursor | null;
  reason: string | null;
}

export interface WorkOrderFeedSync {
  announced: number;
  plants: PlantFeedSync[];
}

const PAGE_SIZE = 200;
/** Bounds one plant's share of a sync; the next sync continues from the cursor. */
const MAX_PAGES = 50;

/**
 * The change feed of ERP's work orders: per plant, reads the orders changed after the stored
 * cursor in ERP's change order and announces each change once (the event id derives from plant,
 * order and change time, so reading a change again is the same event). The announcements and
 * the cursor commit in one transaction, so a crash can repeat an announcement, never skip one.
 *
 * The cursor is a millisecond plus, within it, the last order number (see nextFeedStep). Changes
 * younger than `feedSettleMs` are left for the next sync, so a change that commits late behind an
 * earlier-stamped one is not skipped.
 */
@Injectable()
export class WorkOrderFeedService {
  private readonly logger = new Logger(WorkOrderFeedService.name);

  constructor(
    @Inject(ErpConnector) private readonly erp: ErpConnector,
    @Inject(WorkOrderChangedAnnouncer) private readonly announcer: WorkOrderChangedAnnouncer,
    @Inject(WorkOrderFeedCursorRepository) private readonly cursors: WorkOrderFeedCursorRepository,
    @Inject(ErpSystemApiConfig) private readonly config: ErpSystemApiConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** One sync over every plant. Fails only when ERP cannot list its plants. */
  async sync(): Promise<WorkOrderFeedSync> {
    const plants = (await this.erp.listPlants()).map((p) => p.code);
    const results: PlantFeedSync[] = [];
    for (const plant of plants) results.push(await this.syncPlant(plant));
    return { announced: results.reduce((sum, r) => sum + r.announced, 0), plants: results };
  }

  private async syncPlant(plant: string): Promise<PlantFeedSync> {
    const horizon = new Date(Date.now() - this.config.feedSettleMs).toISOString();
    let cursor = await this.cursors.read(plant);
    let announced = 0;
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const step = await nextFeedStep((query) => this.erp.listWorkOrderChanges(plant, query), cursor, horizon, PAGE_SIZE);
        if (!step) break;
        const committed = await this.commit(plant, step);
        announced += committed.announced;
        cursor = committed.cursor;
      }
    } catch (error) {
      const reason = (error as Error).message;
      this.logger.warn(`${plant}: work-order feed skipped until the next sync: ${reason}`);
      return { plant, outcome: 'skipped', announced, cursor, reason };
    }
    if (announced > 0) this.logger.log(`${plant}: work-order feed announced ${announced} change(s), cursor ${cursor?.changedAt} ${cursor?.orderNumber ?? ''}`);
    return { plant, outcome: 'synced', announced, cursor, reason: null };
  }

  private async commit(plant: string, step: FeedStep): Promise<{ announced: number; cursor: WorkOrderFeedCursor }> {
    return this.dataSource.transaction(async (em) => {
      const current = await this.cursors.lock(em, plant);
      const announced = await this.announcer.announceAll(em, step.changes);
      // Another replica may have gone further meanwhile: the cursor never moves back.
      if (current && compareFeedCursors(step.next, current) <= 0) return { announced, cursor: current };
      await this.cursors.save(em, plant, step.next);
      return { announced, cursor: step.next };
    });
  }
}
