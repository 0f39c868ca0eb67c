import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A change notice may name a new part's first version: it has no version it starts from and no
 * stock to dispose of, so those columns take null for such a line (the notice releases the
 * version itself instead of revising it).
 */
export class PlmMockNewParts1767200000000 implements MigrationInterface {
  name = 'PlmMockNewParts1767200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE plm_mock.affected_objects
        ALTER COLUMN from_version DROP NOT NULL,
        ALTER COLUMN on_order_disposition DROP NOT NULL,
        ALTER COLUMN wip_disposition DROP NOT NULL,
        ALTER COLUMN finished_disposition DROP NOT NULL`);
    await runner.query(`
      ALTER TABLE plm_mock.affected_objects ADD CONSTRAINT affected_objects_revise_has_dispositions_ck
        CHECK (from_version IS NULL OR (on_order_disposition IS NOT NULL AND wip_disposition IS NOT NULL AND finished_disposition IS NOT NULL))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DELETE FROM plm_mock.affected_objects WHERE from_version IS NULL');
    await runner.query('ALTER TABLE plm_mock.affected_objects DROP CONSTRAINT affected_objects_revise_has_dispositions_ck');
    await runner.query(`
      ALTER TABLE plm_mock.affected_objects
        ALTER COLUMN from_version SET NOT NULL,
        ALTER COLUMN on_order_disposition SET NOT NULL,
        ALTER COLUMN wip_disposition SET NOT NULL,
        ALTER COLUMN finished_disposition SET NOT NULL`);
  }
}
