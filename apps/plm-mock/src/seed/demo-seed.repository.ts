import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PLM_MOCK_SCHEMA } from '../plm-mock.schema';

const DEMO_SEED_LOCK = `${PLM_MOCK_SCHEMA}.demo_seed`;
const DOCUMENTS = `${PLM_MOCK_SCHEMA}.documents`;
const PART_DOCUMENT_LINKS = `${PLM_MOCK_SCHEMA}.part_document_links`;
const PART_USES = `${PLM_MOCK_SCHEMA}.part_uses`;
const PARTS = `${PLM_MOCK_SCHEMA}.parts`;

/**
 * The demo seed's writes: parts, their usage links and documents as a fresh Windchill would hold
 * them (iteration 1, released on the demo date), which the parts and documents APIs never write.
 */
@Injectable()
export class DemoSeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction under the seed lock, so two replicas starting together seed once. */
  withSeedLock(work: (em: EntityManager) => Promise<void>): Promise<void> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('${DEMO_SEED_LOCK}'))`);
      await work(em);
    });
  }

  async countParts(em: EntityManager): Promise<number> {
    const [{ count }]: { count: number }[] = await em.query(`SELECT count(*)::int AS count FROM ${PARTS}`);
    return count;
  }

  async partExists(em: EntityManager, number: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM ${PARTS} WHERE number = $1 LIMIT 1`, [number]);
    return rows.length > 0;
  }

  /** The part's latest released version and the notice that released it (null for the seed's). */
  async latestReleasedVersion(em: EntityManager, number: string): Promise<{ version: string; releasedBy: string | null } | undefined> {
    const rows: { version: string; released_by_change: string | null }[] = await em.query(
      `SELECT version, released_by_change FROM ${PARTS} WHERE number = $1 AND state = 'RELEASED' ORDER BY length(version) DESC, version DESC LIMIT 1`,
      [number],
    );
    return rows[0] ? { version: rows[0].version, releasedBy: rows[0].released_by_change } : undefined;
  }

  async countDocuments(em: EntityManager): Promise<number> {
    const [{ documents }]: { documents: number }[] = await em.query(`SELECT count(*)::int AS documents FROM ${DOCUMENTS}`);
    return documents;
  }

  /** A released revision A; answers its id. */
  async insertReleasedPart(em: EntityManager, part: { number: string; name: string; unit: string; source: string }, releasedAt: Date): Promise<string> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO ${PARTS} (number, name, version, iteration, state, default_unit, source, release_date, created_on, last_modified)
       VALUES ($1, $2, 'A', 1, 'RELEASED', $3, $4, $5, $5, $5) RETURNING id`,
      [part.number, part.name, part.unit, part.source, releasedAt],
    );
    return rows[0].id;
  }

  async insertUse(
    em: EntityManager,
    parentId: string,
    use: { findNumber: number; child: string; quantity: number; unit: string; referenceDesignators: string | null },
  ): Promise<void> {
    await em.query(
      `INSERT INTO ${PART_USES} (parent_id, find_number, child_number, quantity, unit, reference_designators)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [parentId, use.findNumber, use.child, use.quantity, use.unit, use.referenceDesignators],
    );
  }

  /** A released document at version A, linked to the part masters it describes. */
  async insertReleasedDocument(
    em: EntityManager,
    doc: { number: string; name: string; type: string; fileName: string; mimeType: string; parts: string[] },
    releasedAt: Date,
  ): Promise<void> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO ${DOCUMENTS} (number, name, version, state, doc_type, file_name, mime_type, created_on, last_modified)
       VALUES ($1, $2, 'A', 'RELEASED', $3, $4, $5, $6, $6) RETURNING id`,
      [doc.number, doc.name, doc.type, doc.fileName, doc.mimeType, releasedAt],
    );
    for (const part of doc.parts) {
      await em.query(`INSERT INTO ${PART_DOCUMENT_LINKS} (part_number, document_id) VALUES ($1, $2)`, [part, rows[0].id]);
    }
  }
}
