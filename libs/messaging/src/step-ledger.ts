import { AppError, defineErrorCodes, NotFoundError } from '@threadline/platform';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventBus } from './event-bus';
import { executorFor } from './sql-executor';
import type { ErrorClass } from './step-failure';
import { StepAttempt, StepFilter, StepLedgerRepository, StepRecord } from './step-ledger.repository';

export const STEP_LEDGER_ERRORS = defineErrorCodes({
  DEAD_LETTER_NOT_OPEN: {
    status: 409,
    title: 'Conflict',
    description: 'The dead letter was replayed or discarded already, or its step is still retrying (`state` says which)',
  },
});

export class StepLedgerError extends AppError<keyof typeof STEP_LEDGER_ERRORS> {}

/** The job data keys the messaging layer adds to a job: who enqueued it, which step it is, its attempt. */
export const STEP_KEYS = { context: '$context', work: '$work', attempt: '$attempt' } as const;

export interface StepPage {
  items: StepRecord[];
  countsByErrorClass: Partial<Record<ErrorClass, number>>;
  nextCursor: { t: string; id: string } | null;
}

/**
 * What operators see of the failing steps of every app on the database, and do with them: the
 * steps still retrying, the dead letters with every attempt, a replay that sends a dead letter back
 * to the one queue that failed it (never a re-broadcast), a discard with a reason.
 */
export class StepLedger {
  readonly repository: StepLedgerRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
  ) {
    this.repository = new StepLedgerRepository(dataSource);
  }

  async list(filter: StepFilter, after: { t: string; id: string } | undefined, limit: number): Promise<StepPage> {
    const [rows, countsByErrorClass] = await Promise.all([this.repository.list(filter, after, limit + 1), this.repository.countByErrorClass(filter)]);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, countsByErrorClass, nextCursor: rows.length > limit && last ? { t: last.lastFailedAt.toISOString(), id: last.workId } : null };
  }

  /** The current records of these steps (those that exist). */
  findMany(workIds: string[]): Promise<StepRecord[]> {
    return this.repository.findMany(workIds);
  }

  async get(workId: string): Promise<{ step: StepRecord; attempts: StepAttempt[] }> {
    const step = await this.repository.find(workId);
    if (!step) throw new NotFoundError('DeadLetter', workId);
    return { step, attempts: await this.repository.attempts(workId) };
  }

  /**
   * Sends a dead letter's payload back to the queue that failed it, as a fresh attempt of the same
   * step (its retry budget starts again, its history goes on). Returns the step before and after.
   */
  async replay(workId: string, by: string, reason: string, inTransaction?: EntityManager): Promise<{ before: StepRecord; after: StepRecord }> {
    const run = <R>(work: (em: EntityManager) => Promise<R>) => (inTransaction ? work(inTransaction) : this.dataSource.transaction(work));
    return run(async (em) => {
      const before = await this.openDeadLetter(em, workId);
      const data = {
        ...(before.payload as Record<string, unknown>),
        // The replay continues the trace of the step's last attempt (its `process` span is that attempt's child).
        [STEP_KEYS.context]:
          before.correlationId || before.traceparent ? { correlationid: before.correlationId ?? undefined, traceparent: before.traceparent ?? undefined } : undefined,
        [STEP_KEYS.work]: before.workId,
        [STEP_KEYS.attempt]: 0,
      };
      const jobId = await this.bus.send(before.queue, data, { db: await executorFor(em) });
      if (!jobId) throw new Error(`the bus refused to send to ${before.queue}`);
      await this.repository.markReplaying(em, workId, jobId, by, reason);
      return { before, after: (await this.repository.find(workId, em))! };
    });
  }

  /** Gives a dead letter up; `onDiscard` (the owning flow's consequence, when this app owns it) runs in the same transaction. */
  async discard(
    workId: string,
    by: string,
    reason: string,
    onDiscard?: (step: StepRecord, em: EntityManager) => Promise<void>,
  ): Promise<{ before: StepRecord; after: StepRecord }> {
    return this.dataSource.transaction(async (em) => {
      const before = await this.openDeadLetter(em, workId);
      await this.repository.markDiscarded(em, workId, by, reason);
      await onDiscard?.(before, em);
      return { before, after: (await this.repository.find(workId, em))! };
    });
  }

  private async openDeadLetter(em: EntityManager, workId: string): Promise<StepRecord> {
    const step = await this.repository.lock(em, workId);
    if (!step) throw new NotFoundError('DeadLetter', workId);
    if (step.state !== 'dead') throw new StepLedgerError('DEAD_LETTER_NOT_OPEN', `the step is ${step.state}, not a dead letter`, { state: step.state });
    return step;
  }
}
