import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CompiledQuery } from '../odata/odata-query';
import { PART_DEFAULT_ORDER, PartRow, PartUseRow } from './part.odata';
import { PLM_MOCK_SCHEMA } from '../plm-mock.schema';

const PART_USES = `${PLM_MOCK_SCHEMA}.part_uses`;
const PARTS = `${PLM_MOCK_SCHEMA}.parts`;

export interface BomLineRow {
  find_number: number;
  child_number: string;
  quantity: number;
  unit: string;
  reference_designators: string | null;
}

@Injectable()
export class PartRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(query: CompiledQuery, limit: number, offset: number): Promise<PartRow[]> {
    const n = query.params.length;
    return this.dataSource.query(
      `SELECT p.* FROM ${PARTS} p WHERE ${query.where} ORDER BY ${query.orderBy || PART_DEFAULT_ORDER}
       LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...query.params, limit, offset],
    );
  }

  async findById(id: string, em: EntityManager = this.dataSource.manager): Promise<PartRow | undefined> {
    const rows: PartRow[] = await em.query(`SELECT * FROM ${PARTS} WHERE id = $1`, [id]);
    return rows[0];
  }

  async findVersion(em: EntityManager, number: string, version: string): Promise<PartRow | undefined> {
    const rows: PartRow[] = await em.query(`SELECT * FROM ${PARTS} WHERE number = $1 AND version = $2`, [number, version]);
    return rows[0];
  }

  /** The part's latest version (by revision letter), whatever its state. */
  async latestVersion(em: EntityManager, number: string): Promise<PartRow | undefined> {
    const rows: PartRow[] = await em.query(
      `SELECT * FROM ${PARTS} WHERE number = $1 ORDER BY length(version) DESC, version COLLATE "C" DESC LIMIT 1`,
      [number],
    );
    return rows[0];
  }

  /** Releases a version in place (a new part's first version, by a change notice). */
  async release(em: EntityManager, id: string, changeNumber: string): Promise<void> {
    await em.query(
      `UPDATE ${PARTS} SET state = 'RELEASED', released_by_change = $2, release_date = date_trunc('milliseconds', now()),
              last_modified = date_trunc('milliseconds', now())
        WHERE id = $1`,
      [id, changeNumber],
    );
  }

  async exists(em: EntityManager, number: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM ${PARTS} WHERE number = $1 LIMIT 1`, [number]);
    return rows.length > 0;
  }

  /**
   * The usage links of one part version. The used part is resolved to its latest released
   * version (Windchill's "latest released" configuration specification), else its latest one.
   */
  async uses(partId: string, limit: number, offset: number): Promise<PartUseRow[]> {
    return this.dataSource.query(
      `SELECT u.id, u.find_number, u.child_number, u.quantity, u.unit, u.reference_designators,
              c.id AS child_id, c.name AS child_name, c.version AS child_version
         FROM ${PART_USES} u
         LEFT JOIN LATERAL (
           SELECT id, name, version FROM ${PARTS}
            WHERE number = u.child_number
            ORDER BY (state = 'RELEASED') DESC, length(version) DESC, version DESC
            LIMIT 1
         ) c ON true
        WHERE u.parent_id = $1
        ORDER BY u.find_number, u.id
        LIMIT $2 OFFSET $3`,
      [partId, limit, offset],
    );
  }

  async bomLines(em: EntityManager, partId: string): Promise<BomLineRow[]> {
    const rows: Array<BomLineRow & { quantity: string }> = await em.query(
      `SELECT find_number, child_number, quantity, unit, reference_designators FROM ${PART_USES} WHERE parent_id = $1 ORDER BY find_number`,
      [partId],
    );
    return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
  }

  async insertVersion(
    em: EntityManager,
    part: { number: string; name: string; version: string; state: string; unit: string; source: string; releasedBy: string | null; releaseDate: Date | null },
  ): Promise<string> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO ${PARTS} (number, name, version, state, default_unit, source, released_by_change, release_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [part.number, part.name, part.version, part.state, part.unit, part.source, part.releasedBy, part.releaseDate],
    );
    return rows[0].id;
  }

  async insertBomLines(em: EntityManager, parentId: string, lines: BomLineRow[]): Promise<void> {
    for (const line of lines) {
      await em.query(
        `INSERT INTO ${PART_USES} (parent_id, find_number, child_number, quantity, unit, reference_designators)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [parentId, line.find_number, line.child_number, line.quantity, line.unit, line.reference_designators],
      );
    }
  }

  async setState(em: EntityManager, id: string, state: string): Promise<void> {
    await em.query(`UPDATE ${PARTS} SET state = $2, last_modified = date_trunc('milliseconds', now()) WHERE id = $1`, [id, state]);
  }
}
