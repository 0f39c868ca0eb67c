import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where the change-feed catch-up has got to in PLM's release order: the last announced change's
 * release time and number (a keyset). One row per feed; advanced in the transaction that writes
 * the announcements to the outbox.
 */
export class PlmSystemApiFeedCursor1764800000000 implements MigrationInterface {
  name = 'PlmSystemApiFeedCursor1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE plm_system_api.feed_cursor (
        feed text PRIMARY KEY,
        released_at timestamptz NOT NULL,
        change_number text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE plm_system_api.feed_cursor');
  }
}
