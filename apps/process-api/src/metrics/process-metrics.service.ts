import { Inject, Injectable, Logger } from '@nestjs/common';
import { EXCEPTION_KINDS } from '@threadline/canonical';
import { AppMetrics } from '@threadline/platform';
import { Counter, Gauge, Histogram } from 'prom-client';
import { ProcessMetricsRepository } from './process-metrics.repository';
import { ADOPTION_STATES, adoptionState, CASE_AGE_BOUNDS, CASE_AGE_BUCKETS, caseAgeOfBucket, LEAD_TIME_BUCKETS, leadTimeSeconds } from './process-metrics.rules';

/**
 * The process API's business figures at GET /metrics (names in the metrics list):
 * revision adoption per plant and open exception cases by age, counted from the tables when
 * Prometheus scrapes; release lead time, failed work-order updates and schedule exceptions,
 * recorded where they happen. Labels are plants, kinds and states, never an id.
 */
@Injectable()
export class ProcessMetrics {
  private readonly logger = new Logger(ProcessMetrics.name);
  private readonly leadTime: Histogram<'plant'>;
  private readonly workOrderFailures: Counter<'plant'>;
  private readonly scheduleExceptions: Counter<'plant' | 'kind'>;
  /** Plants seen in the tables, so the counters show 0 for them before their first event. */
  private readonly plants = new Set<string>();

  constructor(
    @Inject(AppMetrics) metrics: AppMetrics,
    @Inject(ProcessMetricsRepository) private readonly repository: ProcessMetricsRepository,
  ) {
    const registers = [metrics.registry];
    const plants = this.plants;
    const adoption = () => this.read('adoption', () => this.repository.rollouts());
    const openCases = () => this.read('open cases', () => this.repository.openCases(CASE_AGE_BOUNDS));
    new Gauge({
      name: 'threadline_revision_adoption_plants',
      help: 'Plant rollouts of engineering releases by plant and state (adopted, pending, failed)',
      labelNames: ['plant', 'state'],
      registers,
      async collect() {
        const rows = await adoption();
        if (!rows) return;
        this.reset();
        for (const plant of new Set(rows.map((r) => r.plant))) {
          plants.add(plant);
          for (const state of ADOPTION_STATES) this.set({ plant, state }, 0);
        }
        for (const r of rows) this.inc({ plant: r.plant, state: adoptionState(r.rolloutState, r.releaseState) }, r.count);
      },
    });
    new Gauge({
      name: 'threadline_exception_cases_open',
      help: 'Open exception cases by plant, kind and age since opened (lt_1h, 1h_to_24h, 1d_to_7d, gt_7d)',
      labelNames: ['plant', 'kind', 'age'],
      registers,
      async collect() {
        const rows = await openCases();
        if (!rows) return;
        this.reset();
        for (const r of rows) {
          plants.add(r.plant);
          for (const { label } of CASE_AGE_BUCKETS) this.inc({ plant: r.plant, kind: r.kind, age: label }, 0);
          if (r.bucket !== null) this.inc({ plant: r.plant, kind: r.kind, age: caseAgeOfBucket(r.bucket) }, r.count);
        }
      },
    });
    this.leadTime = new Histogram({
      name: 'threadline_release_lead_time_seconds',
      help: "Time from PLM's release of a change to the plant being production-effective (its rollout completed)",
      labelNames: ['plant'],
      buckets: LEAD_TIME_BUCKETS,
      registers,
    });
    this.workOrderFailures = new Counter({
      name: 'threadline_work_order_update_failures_total',
      help: 'ERP work-order updates (flag, hold, release of a hold) that failed',
      labelNames: ['plant'],
      registers,
      collect() {
        for (const plant of plants) this.inc({ plant }, 0);
      },
    });
    this.scheduleExceptions = new Counter({
      name: 'threadline_schedule_exceptions_total',
      help: 'Schedule exceptions received from the plant schedulers, by plant and kind (each opens a case)',
      labelNames: ['plant', 'kind'],
      registers,
      collect() {
        for (const plant of plants) for (const kind of EXCEPTION_KINDS) this.inc({ plant, kind }, 0);
      },
    });
  }

  /** A plant's rollout completed: the change is production-effective there. */
  rolloutCompleted(plant: string, plmReleasedAt: string | null, receivedAt: Date, completedAt = new Date()): void {
    this.leadTime.observe({ plant }, leadTimeSeconds(plmReleasedAt, receivedAt, completedAt));
  }

  workOrderUpdateFailed(plant: string): void {
    this.workOrderFailures.inc({ plant });
  }

  scheduleExceptionReceived(plant: string, kind: string): void {
    this.scheduleExceptions.inc({ plant, kind });
  }

  /** A scrape still answers when the database does not: the gauge keeps its last values. */
  private async read<T>(what: string, query: () => Promise<T>): Promise<T | undefined> {
    try {
      return await query();
    } catch (error) {
      this.logger.warn(`${what} not read for /metrics: ${(error as Error).message}`);
      return undefined;
    }
  }
}
