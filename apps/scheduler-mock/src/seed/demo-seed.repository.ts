import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { advisoryKey } from '@threadline/platform';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEDULER_MOCK_SCHEMA } from '../scheduler-mock.schema';
import { Row } from './demo-world';

const PLANT = `${SCHEDULER_MOCK_SCHEMA}.plant`;
const ITEM = `${SCHEDULER_MOCK_SCHEMA}.item`;

/** Postgres takes at most 65535 parameters per statement; stay well below. */
const MAX_PARAMETERS = 30_000;

/** The demo seed's reads and writes: a plant's instance and its model tables, loaded in bulk. */
@Injectable()
export class DemoSeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction under the plant's seed lock, so two replicas starting together seed it once. */
  withPlantSeedLock<T>(plant: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [advisoryKey(`${SCHEDULER_MOCK_SCHEMA}:seed:${plant}`)]);
      return work(em);
    });
  }

  async plantExists(em: EntityManager, code: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM ${PLANT} WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  async insertPlant(em: EntityManager, plant: { code: string; name: string; timezone: string }): Promise<void> {
    await em.query(`INSERT INTO ${PLANT} (code, name, timezone) VALUES ($1, $2, $3)`, [plant.code, plant.name, plant.timezone]);
  }

  async itemExists(em: EntityManager, plant: string, name: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM ${ITEM} WHERE plant = $1 AND name = $2`, [plant, name]);
    return rows.length > 0;
  }

  /**
   * Inserts rows with multi-row INSERTs: consecutive rows with the same columns go in one statement
   * (rows keep their order, which matters for self-references such as an operation's owner).
   */
  async insertRows(em: EntityManager, table: string, plant: string, rows: Row[]): Promise<void> {
    let start = 0;
    while (start < rows.length) {
      const signature = Object.keys(rows[start]).join(',');
      const columns = ['plant', ...Object.keys(rows[start])];
      const limit = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
      let end = start + 1;
      while (end < rows.length && end - start < limit && Object.keys(rows[end]).join(',') === signature) end++;
      const chunk = rows.slice(start, end);
      const values = chunk.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
      await em.query(
        `INSERT INTO ${SCHEDULER_MOCK_SCHEMA}.${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values}`,
        chunk.flatMap((row) => [plant, ...Object.values(row)]),
      );
      start = end;
    }
  }
}
