import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { advisoryKey } from '@threadline/platform';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEDULER_MOCK_SCHEMA } from '../scheduler-mock.schema';

const PLANT = `${SCHEDULER_MOCK_SCHEMA}.plant`;

export interface Plant {
  code: string;
  name: string;
  timezone: string;
}

/** The plants, one simulated frePPLe instance each, and the lock that serialises a plant's plan. */
@Injectable()
export class PlantRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<Plant[]> {
    return this.dataSource.query(`SELECT code, name, timezone FROM ${PLANT} ORDER BY code`);
  }

  async find(code: string): Promise<Plant | undefined> {
    const rows: Plant[] = await this.dataSource.query(`SELECT code, name, timezone FROM ${PLANT} WHERE code = $1`, [code]);
    return rows[0];
  }

  /** Until `em`'s transaction ends, nothing else rewrites the plant's plan or its problems. */
  async lockPlan(em: EntityManager, plantCode: string): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock($1)', [advisoryKey(`${SCHEDULER_MOCK_SCHEMA}:plan:${plantCode}`)]);
  }
}
