import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CompiledQuery } from '../odata/odata-query';
import { EventSubscriptionRow } from './event-subscription.odata';
import { PLM_MOCK_SCHEMA } from '../plm-mock.schema';

const EVENT_SUBSCRIPTIONS = `${PLM_MOCK_SCHEMA}.event_subscriptions`;

export interface DeliveryOutcome {
  status: number | null;
  attempts: number;
  error: string | null;
}

@Injectable()
export class EventSubscriptionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(query: CompiledQuery, limit: number, offset: number): Promise<EventSubscriptionRow[]> {
    const n = query.params.length;
    return this.dataSource.query(
      `SELECT s.* FROM ${EVENT_SUBSCRIPTIONS} s WHERE ${query.where} ORDER BY ${query.orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...query.params, limit, offset],
    );
  }

  async findById(id: string): Promise<EventSubscriptionRow | undefined> {
    const rows: EventSubscriptionRow[] = await this.dataSource.query(`SELECT * FROM ${EVENT_SUBSCRIPTIONS} WHERE id = $1`, [id]);
    return rows[0];
  }

  forEvent(event: string): Promise<EventSubscriptionRow[]> {
    return this.dataSource.query(`SELECT * FROM ${EVENT_SUBSCRIPTIONS} WHERE $1 = ANY(events) ORDER BY id`, [event]);
  }

  /** One subscription per URL: subscribing again replaces its secret and events (idempotent). */
  async upsert(url: string, secret: string, events: string[]): Promise<{ row: EventSubscriptionRow; created: boolean }> {
    const rows: Array<EventSubscriptionRow & { created: boolean }> = await this.dataSource.query(
      `INSERT INTO ${EVENT_SUBSCRIPTIONS} (url, secret, events) VALUES ($1, $2, $3)
       ON CONFLICT (url) DO UPDATE SET secret = EXCLUDED.secret, events = EXCLUDED.events,
         last_modified = date_trunc('milliseconds', now())
       RETURNING *, (xmax = 0) AS created`,
      [url, secret, events],
    );
    const { created, ...row } = rows[0];
    return { row, created };
  }

  async delete(id: string): Promise<boolean> {
    const rows: Array<{ n: number }> = await this.dataSource.query(
      `WITH d AS (DELETE FROM ${EVENT_SUBSCRIPTIONS} WHERE id = $1 RETURNING id) SELECT count(*)::int AS n FROM d`,
      [id],
    );
    return rows[0].n > 0;
  }

  async recordDelivery(id: string, outcome: DeliveryOutcome): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${EVENT_SUBSCRIPTIONS}
          SET last_delivery_at = date_trunc('milliseconds', now()), last_delivery_status = $2, last_delivery_attempts = $3, last_delivery_error = $4
        WHERE id = $1`,
      [id, outcome.status, outcome.attempts, outcome.error],
    );
  }
}
