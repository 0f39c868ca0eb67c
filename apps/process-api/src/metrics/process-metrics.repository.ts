import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ReleaseState } from '@threadline/canonical';
import { DataSource } from 'typeorm';
import { ExceptionCaseEntity } from '../exceptions/exception-case.entities';
import { EngineeringReleaseEntity, PlantRolloutEntity, RolloutRowState } from '../releases/release.entities';

export interface RolloutCount {
  plant: string;
  rolloutState: RolloutRowState;
  releaseState: ReleaseState;
  count: number;
}

export interface OpenCaseCount {
  plant: string;
  kind: string;
  /** width_bucket's answer over the bounds asked for; null for a (plant, kind) with no open case. */
  bucket: number | null;
  count: number;
}

/**
 * The business gauges' reads, when Prometheus scrapes: counts over the releases' and the
 * exceptions' tables, read-only (each feature module still owns and writes its own tables).
 */
@Injectable()
export class ProcessMetricsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async rollouts(): Promise<RolloutCount[]> {
    const rows: { plant: string; rollout_state: RolloutRowState; release_state: ReleaseState; n: string }[] = await this.dataSource.query(
      `SELECT p.plant, p.state AS rollout_state, r.state AS release_state, count(*) AS n
         FROM ${this.table(PlantRolloutEntity)} p JOIN ${this.table(EngineeringReleaseEntity)} r ON r.id = p.release_id
        GROUP BY p.plant, p.state, r.state`,
    );
    return rows.map((r) => ({ plant: r.plant, rolloutState: r.rollout_state, releaseState: r.release_state, count: Number(r.n) }));
  }

  /** Open cases per plant, kind and age bucket (width_bucket over `bounds`, seconds since opened); every (plant, kind) ever seen appears. */
  async openCases(bounds: number[]): Promise<OpenCaseCount[]> {
    const rows: { plant: string; kind: string; bucket: number | null; n: string }[] = await this.dataSource.query(
      `SELECT plant, kind,
              CASE WHEN state = 'OPEN' THEN width_bucket(EXTRACT(EPOCH FROM now() - opened_at)::float8, $1::float8[]) END AS bucket,
              count(*) FILTER (WHERE state = 'OPEN') AS n
         FROM ${this.table(ExceptionCaseEntity)} GROUP BY 1, 2, 3`,
      [bounds],
    );
    return rows.map((r) => ({ plant: r.plant, kind: r.kind, bucket: r.bucket, count: Number(r.n) }));
  }

  private table(entity: new () => unknown): string {
    const meta = this.dataSource.getMetadata(entity);
    return `"${meta.schema}"."${meta.tableName}"`;
  }
}
