import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { buildDemoDocuments } from './demo-documents';
import { FAMILY_MARKER, buildDemoFamily } from './demo-family';
import { DEMO_PARTS, DEMO_RELEASE_DATE, DEMO_USES, DemoPart, DemoUse } from './demo-world';

@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Seeds the demo world once, in three independent parts: the original parts and structures
   * (when there are no parts at all), the larger product family (when its marker part is
   * missing, so a database seeded before the family existed gets it) and the documents (when
   * there are none). A later start finds them and keeps whatever the demo has changed since (new
   * revisions, change notices). The lock makes two replicas starting together seed once.
   */
  async seed(): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.query("SELECT pg_advisory_xact_lock(hashtext('plm_mock.demo_seed'))");
      const [{ count }]: { count: number }[] = await em.query('SELECT count(*)::int AS count FROM plm_mock.parts');
      if (count === 0) await this.insertWorld(em, DEMO_PARTS, DEMO_USES, 'demo world');
      const marker: unknown[] = await em.query('SELECT 1 FROM plm_mock.parts WHERE number = $1 LIMIT 1', [FAMILY_MARKER]);
      if (marker.length === 0) {
        const family = buildDemoFamily();
        await this.insertWorld(em, family.parts, family.uses, 'product family');
      }
      const [{ documents }]: { documents: number }[] = await em.query('SELECT count(*)::int AS documents FROM plm_mock.documents');
      if (documents === 0) await this.insertDocuments(em);
    });
  }

  private async insertWorld(em: EntityManager, parts: DemoPart[], uses: DemoUse[], label: string): Promise<void> {
    const ids = new Map<string, string>();
    for (const part of parts) {
      const rows: { id: string }[] = await em.query(
        `INSERT INTO plm_mock.parts (number, name, version, iteration, state, default_unit, source, release_date, created_on, last_modified)
         VALUES ($1, $2, 'A', 1, 'RELEASED', $3, $4, $5, $5, $5) RETURNING id`,
        [part.number, part.name, part.unit, part.source, DEMO_RELEASE_DATE],
      );
      ids.set(part.number, rows[0].id);
    }
    for (const use of uses) {
      const parentId = ids.get(use.parent);
      if (!parentId) throw new Error(`demo seed: ${use.parent} is not a part of the ${label}`);
      await em.query(
        `INSERT INTO plm_mock.part_uses (parent_id, find_number, child_number, quantity, unit, reference_designators)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [parentId, use.findNumber, use.child, use.quantity, use.unit ?? 'ea', use.referenceDesignators ?? null],
      );
    }
    this.logger.log(`seeded the ${label}: ${parts.length} parts and ${uses.length} usage links`);
  }

  private async insertDocuments(em: EntityManager): Promise<void> {
    const documents = buildDemoDocuments();
    for (const doc of documents) {
      const rows: { id: string }[] = await em.query(
        `INSERT INTO plm_mock.documents (number, name, version, state, doc_type, file_name, mime_type, created_on, last_modified)
         VALUES ($1, $2, 'A', 'RELEASED', $3, $4, $5, $6, $6) RETURNING id`,
        [doc.number, doc.name, doc.type, doc.fileName, doc.mimeType, DEMO_RELEASE_DATE],
      );
      for (const part of doc.parts) {
        await em.query('INSERT INTO plm_mock.part_document_links (part_number, document_id) VALUES ($1, $2)', [part, rows[0].id]);
      }
    }
    this.logger.log(`seeded ${documents.length} documents`);
  }
}
