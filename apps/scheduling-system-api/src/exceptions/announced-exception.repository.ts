import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SCHEDULING_SYSTEM_API_SCHEMA } from '../scheduling-system-api.schema';

const TABLE = `${SCHEDULING_SYSTEM_API_SCHEMA}.announced_exception`;

/** Which scheduler exceptions were announced, kept for as long as the schema (the outbox forgets). */
@Injectable()
export class AnnouncedExceptionRepository {
  /**
   * Records the exception as announced in the caller's transaction; false when it was already.
   * A concurrent transaction recording the same exception waits for this one, so only one wins.
   */
  async record(em: EntityManager, plant: string, exceptionId: string, eventId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO ${TABLE} (plant, exception_id, event_id) VALUES ($1, $2, $3) ON CONFLICT (plant, exception_id) DO NOTHING RETURNING 1`,
      [plant, exceptionId, eventId],
    );
    return rows.length > 0;
  }
}
