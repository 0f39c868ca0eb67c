import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEMO_PARTS, DEMO_RELEASE_DATE, DEMO_USES } from './demo-world';

@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Seeds the demo parts and structures once. A later start finds them and keeps whatever the
   * demo has changed since (new revisions, change notices). The lock makes two replicas starting
   * together seed once.
   */
  async seed(): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.query("SELECT pg_advisory_xact_lock(hashtext('plm_mock.demo_seed'))");
      const [{ count }]: { count: number }[] = await em.query('SELECT count(*)::int AS count FROM plm_mock.parts');
      if (count > 0) return;
      const ids = new Map<string, string>();
      for (const part of DEMO_PARTS) {
        const rows: { id: string }[] = await em.query(
          `INSERT INTO plm_mock.parts (number, name, version, iteration, state, default_unit, source, release_date, created_on, last_modified)
           VALUES ($1, $2, 'A', 1, 'RELEASED', $3, $4, $5, $5, $5) RETURNING id`,
          [part.number, part.name, part.unit, part.source, DEMO_RELEASE_DATE],
        );
        ids.set(part.number, rows[0].id);
      }
      for (const use of DEMO_USES) {
        await em.query(
          `INSERT INTO plm_mock.part_uses (parent_id, find_number, child_number, quantity, unit, reference_designators)
           VALUES ($1, $2, $3, $4, 'ea', $5)`,
          [ids.get(use.parent), use.findNumber, use.child, use.quantity, use.referenceDesignators ?? null],
        );
      }
      this.logger.log(`seeded ${DEMO_PARTS.length} parts and ${DEMO_USES.length} usage links`);
    });
  }
}
