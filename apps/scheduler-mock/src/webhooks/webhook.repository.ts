import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SCHEDULER_MOCK_SCHEMA } from '../scheduler-mock.schema';

const WEBHOOK = `${SCHEDULER_MOCK_SCHEMA}.webhook`;

export interface WebhookRow {
  id: number;
  plant: string;
  url: string;
  secret: string;
  events: string[];
  created: Date;
  lastmodified: Date;
}

/** The webhook subscriptions of each plant, one per (plant, url). */
@Injectable()
export class WebhookRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Subscribing again updates the secret and events of the one subscription; `inserted` tells which happened. */
  async upsert(plant: string, subscription: { url: string; secret: string; events: string[] }): Promise<WebhookRow & { inserted: boolean }> {
    const [row]: Array<WebhookRow & { inserted: boolean }> = await this.dataSource.query(
      `INSERT INTO ${WEBHOOK} (plant, url, secret, events) VALUES ($1, $2, $3, $4)
       ON CONFLICT (plant, url) DO UPDATE SET secret = EXCLUDED.secret, events = EXCLUDED.events, lastmodified = now()
       RETURNING *, (xmax = 0) AS inserted`,
      [plant, subscription.url, subscription.secret, subscription.events],
    );
    return row;
  }

  list(plant: string): Promise<WebhookRow[]> {
    return this.dataSource.query(`SELECT * FROM ${WEBHOOK} WHERE plant = $1 ORDER BY id`, [plant]);
  }

  /** Answers whether there was such a subscription. */
  async delete(plant: string, id: number): Promise<boolean> {
    // TypeORM answers a DELETE with [rows, affected].
    const [, deleted]: [unknown[], number] = await this.dataSource.query(`DELETE FROM ${WEBHOOK} WHERE plant = $1 AND id = $2`, [plant, id]);
    return deleted > 0;
  }

  subscribersTo(plant: string, event: string): Promise<WebhookRow[]> {
    return this.dataSource.query(`SELECT * FROM ${WEBHOOK} WHERE plant = $1 AND $2 = ANY(events) ORDER BY id`, [plant, event]);
  }
}
