import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { DeadLetterReplayEntity, DeadLetterReplayItemEntity } from './dead-letter-replay.entities';

/** The bulk replays' tables: each replay and its items, each item with the outcome it got. */
@Injectable()
export class DeadLetterReplayRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insert(em: EntityManager, replay: DeadLetterReplayEntity, deadLetterIds: string[]): Promise<void> {
    await em.insert(DeadLetterReplayEntity, replay);
    if (deadLetterIds.length === 0) return;
    await em.insert(
      DeadLetterReplayItemEntity,
      deadLetterIds.map((deadLetterId, position) => ({ replayId: replay.id, position, deadLetterId, outcome: null, detail: null, doneAt: null })),
    );
  }

  find(id: string): Promise<DeadLetterReplayEntity | null> {
    return this.dataSource.getRepository(DeadLetterReplayEntity).findOneBy({ id });
  }

  items(replayId: string): Promise<DeadLetterReplayItemEntity[]> {
    return this.dataSource.getRepository(DeadLetterReplayItemEntity).find({ where: { replayId }, order: { position: 'ASC' } });
  }

  /** The next item not handled yet, locked (a second worker on the same replay skips it). */
  nextPending(em: EntityManager, replayId: string): Promise<DeadLetterReplayItemEntity | null> {
    return em.findOne(DeadLetterReplayItemEntity, {
      where: { replayId, outcome: IsNull() },
      order: { position: 'ASC' },
      lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
    });
  }

  async recordItem(em: EntityManager, item: DeadLetterReplayItemEntity, outcome: NonNullable<DeadLetterReplayItemEntity['outcome']>, detail: string | null): Promise<void> {
    await em.update(DeadLetterReplayItemEntity, { replayId: item.replayId, position: item.position }, { outcome, detail: detail?.slice(0, 2000) ?? null, doneAt: new Date() });
  }

  async complete(replayId: string): Promise<void> {
    await this.dataSource.getRepository(DeadLetterReplayEntity).update({ id: replayId, state: 'running' }, { state: 'completed', finishedAt: new Date() });
  }
}
