import { Logger } from '@nestjs/common';
import { AppMetrics } from '@threadline/platform';
import { Counter, Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { EventBus } from './event-bus';
import { MessagingMetricsRepository, OutboxFigures, QUEUE_DEPTH_STATES, QueueFigures, StepFigures } from './messaging-metrics.repository';
import type { Tier } from './tiers';

/** One of the app's steps: the queue it runs on, its flow and tier. */
export interface StepKind {
  queue: string;
  flow: string;
  tier: Tier;
}

interface Snapshot {
  outbox: OutboxFigures;
  steps: StepFigures[];
  queues: QueueFigures[];
}

/**
 * A scrape reads the tables once for all the gauges: the first gauge (registered first, collected
 * first) reads them, the others reuse its figures while they are this fresh.
 */
const SNAPSHOT_MAX_AGE_MS = 1000;

/**
 * Every known flow and tier with its figures, 0 where the ledger has none: a series that
 * disappears when its problem does would leave alerts and graphs without a value to read.
 */
export function stepSeries(kinds: StepKind[], figures: StepFigures[]): StepFigures[] {
  const byKey = new Map<string, StepFigures>();
  for (const k of kinds) byKey.set(`${k.flow}|${k.tier}`, { flow: k.flow, tier: k.tier, retrying: 0, oldestRetrySeconds: 0, deadOpen: 0 });
  for (const f of figures) byKey.set(`${f.flow}|${f.tier}`, f);
  return [...byKey.values()];
}

/** Every queue in every counted state, 0 where it has no jobs. */
export function queueSeries(queues: string[], figures: QueueFigures[]): QueueFigures[] {
  const jobs = new Map(figures.map((f) => [`${f.queue}|${f.state}`, f.jobs]));
  return queues.flatMap((queue) => QUEUE_DEPTH_STATES.map((state) => ({ queue, state, jobs: jobs.get(`${queue}|${state}`) ?? 0 })));
}

/**
 * The messaging figures of one app (names in the metrics list): outbox lag and backlog,
 * pg-boss queue depth, and per flow and tier the steps retrying, the oldest of them and the open
 * dead letters, all read from the tables when Prometheus scrapes; and counters of failed attempts
 * that will be retried and of steps that became dead letters, counted once their transaction
 * committed.
 */
export class MessagingMetrics {
  private readonly logger: Logger;
  private readonly retries: Counter<'flow' | 'tier'>;
  private readonly deadLetters: Counter<'flow' | 'tier'>;
  private current?: { at: number; value: Promise<Snapshot | undefined> };

  constructor(
    metrics: AppMetrics,
    private readonly app: string,
    private readonly repository: MessagingMetricsRepository,
    /** The app's consumers and workers, registered after construction. */
    private readonly kinds: () => StepKind[],
  ) {
    this.logger = new Logger(`MessagingMetrics:${app}`);
    const registers = [metrics.registry];
    const read = (fresh: boolean) => this.snapshot(fresh);
    const gauge = <L extends string>(name: string, help: string, labelNames: L[], set: (g: Gauge<L>, s: Snapshot) => void, fresh = false) =>
      new Gauge<L>({
        name,
        help,
        labelNames,
        registers,
        collect: async function (this: Gauge<L>) {
          const snapshot = await read(fresh);
          if (snapshot) set(this, snapshot);
        },
      });
    gauge('threadline_outbox_lag_seconds', 'Age of the oldest unpublished outbox row (0 when none)', [], (g, s) => g.set(s.outbox.lagSeconds), true);
    gauge('threadline_outbox_pending', 'Outbox rows not yet published', [], (g, s) => g.set(s.outbox.pending));
    gauge('threadline_queue_depth', "Jobs of the app's pg-boss queues by state (created, retry, active)", ['queue', 'state'], (g, s) => {
      for (const q of s.queues) g.set({ queue: q.queue, state: q.state }, q.jobs);
    });
    gauge('threadline_retrying_steps', 'Steps waiting for a retry', ['flow', 'tier'], (g, s) => {
      for (const f of s.steps) g.set({ flow: f.flow, tier: String(f.tier) }, f.retrying);
    });
    gauge('threadline_oldest_retry_seconds', 'How long the oldest retrying step has been failing (0 when none)', ['flow', 'tier'], (g, s) => {
      for (const f of s.steps) g.set({ flow: f.flow, tier: String(f.tier) }, f.oldestRetrySeconds);
    });
    gauge('threadline_dead_letters_open', 'Dead letters not yet replayed or discarded', ['flow', 'tier'], (g, s) => {
      for (const f of s.steps) g.set({ flow: f.flow, tier: String(f.tier) }, f.deadOpen);
    });
    // Counters start at 0 for every known flow, so rate() and increase() see the first failure.
    const zeroes = function (this: Counter<'flow' | 'tier'>) {
      for (const k of kinds()) this.inc({ flow: k.flow, tier: String(k.tier) }, 0);
    };
    this.retries = new Counter({ name: 'threadline_step_retries_total', help: 'Failed step attempts that will be retried', labelNames: ['flow', 'tier'], registers, collect: zeroes });
    this.deadLetters = new Counter({ name: 'threadline_dead_letters_total', help: 'Steps that became dead letters', labelNames: ['flow', 'tier'], registers, collect: zeroes });
  }

  /**
   * The metrics of the app being built (see AppMetrics.current), or undefined outside an app
   * (a test's own MessagingService): then nothing is counted.
   */
  static forApp(app: string, schema: string, dataSource: DataSource, bus: EventBus, kinds: () => StepKind[]): MessagingMetrics | undefined {
    const metrics = AppMetrics.current();
    if (!metrics) return undefined;
    // pg-boss keeps its jobs beside its subscriptions, in its own schema.
    const jobTable = bus.subscriptionTable.replace(/\.subscription$/, '.job');
    return new MessagingMetrics(metrics, app, new MessagingMetricsRepository(dataSource, schema, jobTable), kinds);
  }

  /** A step's attempt failed and was recorded: retried later, or a dead letter now. */
  stepFailed(flow: string, tier: Tier, outcome: 'retry' | 'dead-letter'): void {
    (outcome === 'retry' ? this.retries : this.deadLetters).inc({ flow, tier: String(tier) });
  }

  private snapshot(fresh: boolean): Promise<Snapshot | undefined> {
    if (fresh || !this.current || Date.now() - this.current.at > SNAPSHOT_MAX_AGE_MS) this.current = { at: Date.now(), value: this.load() };
    return this.current.value;
  }

  /** The figures, or undefined when the database cannot answer: the gauges keep their last values and the scrape still succeeds. */
  private async load(): Promise<Snapshot | undefined> {
    const kinds = this.kinds();
    const queues = [...new Set(kinds.map((k) => k.queue))];
    try {
      const [outbox, steps, jobs] = await Promise.all([this.repository.outbox(), this.repository.steps(this.app), this.repository.queues(queues)]);
      return { outbox, steps: stepSeries(kinds, steps), queues: queueSeries(queues, jobs) };
    } catch (error) {
      this.logger.warn(`messaging figures not read: ${(error as Error).message}`);
      return undefined;
    }
  }
}
