import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { ComponentAvailabilityDto } from '@threadline/canonical';
import { InjectDataSource } from '@nestjs/typeorm';
import { MessagingService } from '@threadline/messaging';
import { DataSource } from 'typeorm';
import { ProcessApiConfig } from '../process-api.config';
import { SystemApis } from '../system-apis/system-apis.client';
import { MaterialPushJob, PRODUCTION_READINESS_FLOW, PRODUCTION_READINESS_QUEUE } from './production-readiness.jobs';
import { ProductionReadinessRepository } from './production-readiness.repository';
import { componentAvailability, plantAvailability, workCalendarDays } from './production-readiness.rules';

/**
 * Pushes ERP's current material availability to a plant's scheduler through the scheduling system
 * API, which re-plans. `changes`: the plant's pending items, read together (stock and open
 * purchase orders, one call each) however many announcements marked them; `reconciliation`: everything ERP has for
 * the plant. Pushes of one plant run one at a time (a job finding another running goes after it).
 * A push sets state, so a retried or repeated one does no harm; failures retry with the
 * tier's backoff and end as a visible dead letter (flow production-readiness) like any step.
 */
@Injectable()
export class PushMaterialAvailabilityWorker implements OnModuleInit {
  private readonly logger = new Logger(PushMaterialAvailabilityWorker.name);

  constructor(
    @Inject(MessagingService) private readonly messaging: MessagingService,
    @Inject(ProductionReadinessRepository) private readonly readiness: ProductionReadinessRepository,
    @Inject(SystemApis) private readonly systemApis: SystemApis,
    @Inject(ProcessApiConfig) private readonly config: ProcessApiConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.messaging.registerWorker<MaterialPushJob>({
      queue: PRODUCTION_READINESS_QUEUE,
      flow: PRODUCTION_READINESS_FLOW,
      tier: 1,
      labels: (job) => ({ plant: job.plant }),
      handle: (job) => this.push(job),
    });
  }

  async push(job: MaterialPushJob): Promise<void> {
    if ((await this.readiness.exclusivelyForPlant(job.plant, () => this.pushNow(job))) === 'done') return;
    // Another push of the plant runs: this one goes after it (it reads ERP again then).
    await this.dataSource.transaction((em) => this.messaging.enqueue(em, PRODUCTION_READINESS_QUEUE, job, { startAfter: Math.max(1, this.config.materialCoalesceSeconds) }));
  }

  private async pushNow(job: MaterialPushJob): Promise<void> {
    const readFrom = new Date();
    let components: ComponentAvailabilityDto[];
    let items: string[] | undefined;
    if (job.kind === 'reconciliation') {
      // The plant's days off first: the material push's re-plan then plans with them too.
      await this.syncWorkCalendar(job.plant);
      const [inventory, orders] = await Promise.all([this.systemApis.plantInventory(job.plant), this.systemApis.plantPurchaseOrders(job.plant)]);
      components = plantAvailability(inventory, orders);
    } else {
      items = (await this.readiness.pending(job.plant)).map((p) => p.itemNumber);
      // Taken by an earlier job of the same burst.
      if (items.length === 0) return;
      // All the pending items' stock and open orders in one call each (up to 100 items a call).
      const [inventory, orders] = await Promise.all([this.systemApis.itemInventory(job.plant, items), this.systemApis.openPurchaseOrders(job.plant, items)]);
      components = items.map((item) => componentAvailability(item, inventory, orders));
    }
    const result = await this.systemApis.putMaterialAvailability(job.plant, {
      asOf: readFrom.toISOString(),
      trigger: job.kind === 'reconciliation' ? 'erp-reconciliation' : 'erp-change',
      components,
    });
    await this.readiness.completePush(
      { plant: job.plant, kind: job.kind, components: components.length, applied: result.applied.length, unknown: result.unknown.length, planRunId: result.planRun?.id ?? null },
      readFrom,
      items,
    );
    this.logger.log(`${job.plant}: ${job.kind} pushed ${result.applied.length} of ${components.length} component(s) to the scheduler${result.planRun ? `, plan run ${result.planRun.id}` : ''}`);
  }
  /**
   * ERP's non-working days of the plant to its scheduler, which re-plans if they changed. A plant
   * ERP holds no calendar for keeps the scheduler's as it is.
   */
  private async syncWorkCalendar(plant: string): Promise<void> {
    const calendar = await this.systemApis.erpWorkCalendar(plant);
    if (!calendar) {
      this.logger.log(`${plant}: ERP holds no work calendar; the scheduler keeps its own`);
      return;
    }
    const result = await this.systemApis.putWorkCalendar(plant, { nonWorkingDays: workCalendarDays(calendar), trigger: 'erp-calendar' });
    if (result.changed) this.logger.log(`${plant}: work calendar synced (${result.nonWorkingDays} day-off entries), plan run ${result.planRun?.id ?? '-'}`);
  }

}
