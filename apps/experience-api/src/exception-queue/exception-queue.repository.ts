import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ExceptionCaseOpenedV1, ExceptionCaseResolvedV1 } from '@threadline/canonical';
import { DataSource, EntityManager } from 'typeorm';
import { EXPERIENCE_SCHEMA } from '../experience-api.schema';

const CASES = `${EXPERIENCE_SCHEMA}.exception_case`;

export interface OpenCaseRow {
  case_id: string;
  plant: string;
  kind: string;
  severity: string;
  owner: string;
  item_number: string;
  work_order_number: string | null;
  change_number: string | null;
  opened_at: Date;
}

export interface CaseFilter {
  plant?: string;
  kind?: string;
  owner?: string;
}

/** The age buckets of an open case (as the threadline_exception_cases_open metric's `age` label). */
export const AGE_BUCKETS = ['lt_1h', '1h_to_24h', '1d_to_7d', 'gt_7d'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

const AGE_BUCKET_SQL = `CASE WHEN now() - opened_at < interval '1 hour' THEN 'lt_1h'
                             WHEN now() - opened_at < interval '1 day' THEN '1h_to_24h'
                             WHEN now() - opened_at < interval '7 days' THEN '1d_to_7d' ELSE 'gt_7d' END`;

const FILTER_SQL = `resolved_at IS NULL AND opened_at IS NOT NULL
  AND ($1::text IS NULL OR plant = $1) AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR owner = $3)`;

/** The exception queue: every case the process API opened, until it reports it resolved. */
@Injectable()
export class ExceptionQueueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Fills in the case; a resolution that arrived first stays. */
  async recordOpened(em: EntityManager, c: ExceptionCaseOpenedV1): Promise<void> {
    await em.query(
      `INSERT INTO ${CASES} (case_id, plant, kind, severity, owner, item_number, work_order_number, change_number, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (case_id) DO UPDATE SET kind = EXCLUDED.kind, severity = EXCLUDED.severity, owner = EXCLUDED.owner,
         item_number = EXCLUDED.item_number, work_order_number = EXCLUDED.work_order_number, change_number = EXCLUDED.change_number,
         opened_at = EXCLUDED.opened_at`,
      [c.caseId, c.plant, c.kind, c.severity, c.owner, c.itemNumber, c.workOrderNumber, c.changeNumber, c.openedAt],
    );
  }

  async recordResolved(em: EntityManager, c: ExceptionCaseResolvedV1): Promise<void> {
    await em.query(
      `INSERT INTO ${CASES} (case_id, plant, resolved_at, resolution) VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id) DO UPDATE SET resolved_at = EXCLUDED.resolved_at, resolution = EXCLUDED.resolution`,
      [c.caseId, c.plant, c.resolvedAt, c.resolution],
    );
  }

  /** Open cases, oldest first, strictly after (opened_at, case_id) `after`. */
  listOpen(filter: CaseFilter, after: { openedAt: string; caseId: string } | undefined, limit: number): Promise<OpenCaseRow[]> {
    return this.dataSource.query(
      `SELECT case_id, plant, kind, severity, owner, item_number, work_order_number, change_number, opened_at FROM ${CASES}
        WHERE ${FILTER_SQL} AND ($4::timestamptz IS NULL OR (opened_at, case_id) > ($4::timestamptz, $5::uuid))
        ORDER BY opened_at, case_id LIMIT $6`,
      [filter.plant ?? null, filter.kind ?? null, filter.owner ?? null, after?.openedAt ?? null, after?.caseId ?? null, limit],
    );
  }

  async countOpen(filter: CaseFilter): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${CASES} WHERE ${FILTER_SQL}`, [
      filter.plant ?? null,
      filter.kind ?? null,
      filter.owner ?? null,
    ]);
    return rows[0].n;
  }

  /** Open cases counted per plant, kind, owner and age bucket (at most plants x kinds x owners x 4 rows). */
  summary(filter: CaseFilter): Promise<{ plant: string; kind: string; owner: string; age: AgeBucket; count: number; oldest: Date }[]> {
    return this.dataSource.query(
      `SELECT plant, kind, owner, ${AGE_BUCKET_SQL} AS age, count(*)::int AS count, min(opened_at) AS oldest FROM ${CASES}
        WHERE ${FILTER_SQL} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      [filter.plant ?? null, filter.kind ?? null, filter.owner ?? null],
    );
  }
}
