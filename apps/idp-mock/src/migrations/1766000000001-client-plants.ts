import { MigrationInterface, QueryRunner } from 'typeorm';

/** A client may be limited to some plants (the `plants` claim); null means every plant. */
export class ClientPlants1766000000001 implements MigrationInterface {
  name = 'ClientPlants1766000000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE idp_mock.clients ADD COLUMN plants text[]');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE idp_mock.clients DROP COLUMN plants');
  }
}
