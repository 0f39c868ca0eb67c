import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PROCESS_SCHEMA } from '../process-api.schema';

const PENDING = `${PROCESS_SCHEMA}.material_availability_pending`;
const PUSHES = `${PROCESS_SCHEMA}.material_availability_pushes`;

export interface PendingItem {
  itemNumber: string;
  changedAt: Date;
}

export interface MaterialPush {
  plant: string;
  kind: 'changes' | 'reconciliation';
  components: number;
  applied: number;
  unknown: number;
  planRunId: string | null;
  pushedAt: Date;
}

/** The production readiness tables (material_availability_pending, material_availability_pushes) and every statement on them. */
@Injectable()
export class ProductionReadinessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` as the plant's only push, or answers 'busy' when another one runs. Pushes of a
   * plant run one after the other, so one that read ERP later never lands before an earlier one
   * (which would leave the scheduler with the older numbers). The lock is a transaction-scoped
   * advisory lock held while the push reads ERP and writes the scheduler: a few seconds at most.
   */
  async exclusivelyForPlant(plant: string, work: () => Promise<void>): Promise<'done' | 'busy'> {
    return this.dataSource.transaction(async (em) => {
      const [{ locked }]: Array<{ locked: boolean }> = await em.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [`${PENDING}:${plant}`]);
      if (!locked) return 'busy';
      await work();
      return 'done';
    });
  }

  /** Marks the item of the plant as changed (again): the plant's next push takes it. */
  async markPending(em: EntityManager, plant: string, itemNumber: string): Promise<void> {
    await em.query(
      `INSERT INTO ${PENDING} (plant, item_number, changed_at) VALUES ($1, $2, clock_timestamp())
       ON CONFLICT (plant, item_number) DO UPDATE SET changed_at = clock_timestamp()`,
      [plant, itemNumber],
    );
  }

  async pending(plant: string): Promise<PendingItem[]> {
    const rows: Array<{ item_number: string; changed_at: Date }> = await this.dataSource.query(
      `SELECT item_number, changed_at FROM ${PENDING} WHERE plant = $1 ORDER BY item_number`,
      [plant],
    );
    return rows.map((r) => ({ itemNumber: r.item_number, changedAt: r.changed_at }));
  }

  /**
   * Done with what a push read: the plant's items (all, or these) marked before `readFrom`. One
   * marked again since stays for the next push. Records the push in the same transaction.
   */
  async completePush(push: Omit<MaterialPush, 'pushedAt'>, readFrom: Date, items?: string[]): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.query(`DELETE FROM ${PENDING} WHERE plant = $1 AND changed_at < $2 AND ($3::text[] IS NULL OR item_number = ANY($3))`, [push.plant, readFrom, items ?? null]);
      await em.query(`INSERT INTO ${PUSHES} (plant, kind, components, applied, unknown, plan_run_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
        push.plant,
        push.kind,
        push.components,
        push.applied,
        push.unknown,
        push.planRunId,
      ]);
    });
  }

  async pushes(plant: string, limit: number): Promise<MaterialPush[]> {
    const rows: Array<{ plant: string; kind: MaterialPush['kind']; components: number; applied: number; unknown: number; plan_run_id: string | null; pushed_at: Date }> =
      await this.dataSource.query(`SELECT * FROM ${PUSHES} WHERE plant = $1 ORDER BY pushed_at DESC, id DESC LIMIT $2`, [plant, limit]);
    return rows.map((r) => ({
      plant: r.plant,
      kind: r.kind,
      components: r.components,
      applied: r.applied,
      unknown: r.unknown,
      planRunId: r.plan_run_id,
      pushedAt: r.pushed_at,
    }));
  }
}
