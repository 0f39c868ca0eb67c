import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Change pointers of master data (as S/4HANA's BDCP2 for materials, BOMs and routings): one row
 * per change, written in the transaction of the change and read as a delta query by change time
 * (API_CHANGE_POINTER_SRV, a mock extension). What the seed loads is state, not a change.
 */
export class ErpMockChangePointers1768000000000 implements MigrationInterface {
  name = 'ErpMockChangePointers1768000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE erp_mock.change_pointers (
        change_pointer bigserial PRIMARY KEY,
        change_time timestamptz NOT NULL DEFAULT now(),
        object_class text NOT NULL CHECK (object_class IN ('MATERIAL', 'BOM', 'ROUTING')),
        material text NOT NULL,
        plant text
      )`);
    await runner.query('CREATE INDEX change_pointers_time_idx ON erp_mock.change_pointers (change_time, change_pointer)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE erp_mock.change_pointers');
  }
}
