import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ERP_SYSTEM_API_SCHEMA } from '../erp-system-api.schema';

const TABLE = `${ERP_SYSTEM_API_SCHEMA}.material_availability_feed_cursor`;

/** A plant's position in the material availability feed: ERP's change time it has read up to. */
@Injectable()
export class MaterialAvailabilityFeedCursorRepository {
  /** Locks the plant's cursor (created or not), so concurrent syncs (replicas) take turns; null before the first sync. */
  async lock(em: EntityManager, plant: string): Promise<string | null> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${TABLE}:${plant}`]);
    const rows: Array<{ changed_at: Date }> = await em.query(`SELECT changed_at FROM ${TABLE} WHERE plant = $1 FOR UPDATE`, [plant]);
    return rows[0] ? rows[0].changed_at.toISOString() : null;
  }

  async save(em: EntityManager, plant: string, changedAt: string): Promise<void> {
    await em.query(
      `INSERT INTO ${TABLE} (plant, changed_at) VALUES ($1, $2)
       ON CONFLICT (plant) DO UPDATE SET changed_at = GREATEST(${TABLE}.changed_at, EXCLUDED.changed_at), updated_at = now()`,
      [plant, changedAt],
    );
  }
}
