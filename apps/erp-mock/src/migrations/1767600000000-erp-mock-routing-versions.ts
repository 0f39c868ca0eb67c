import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work centres as master data (CRHD: per plant, with the key user field YY1_ResourceType naming the
 * plant-neutral kind engineering plans with) and change-numbered routing versions: each operation
 * version (ProductionRoutingOpIntVersion) is valid from a date to a date, as SAP keeps routings
 * under engineering change management.
 */
export class ErpMockRoutingVersions1767600000000 implements MigrationInterface {
  name = 'ErpMockRoutingVersions1767600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE erp_mock.work_centers (
        work_center text NOT NULL,
        plant text NOT NULL,
        description text NOT NULL,
        category text NOT NULL DEFAULT '0001',
        resource_type text NOT NULL,
        PRIMARY KEY (work_center, plant)
      )`);
    await runner.query('CREATE INDEX ix_work_centers_plant_type ON erp_mock.work_centers (plant, resource_type)');
    await runner.query(`
      ALTER TABLE erp_mock.routing_operations
        ADD COLUMN op_version integer NOT NULL DEFAULT 1,
        ADD COLUMN change_number text,
        ADD COLUMN valid_from date NOT NULL DEFAULT DATE '2026-01-01',
        ADD COLUMN valid_to date NOT NULL DEFAULT DATE '9999-12-31'`);
    await runner.query('ALTER TABLE erp_mock.routing_operations DROP CONSTRAINT routing_operations_pkey');
    await runner.query('ALTER TABLE erp_mock.routing_operations ADD PRIMARY KEY (routing_group, routing, operation, op_version)');
    await runner.query(
      `CREATE UNIQUE INDEX ux_routing_operations_change ON erp_mock.routing_operations (material, plant, change_number, operation) WHERE change_number IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX erp_mock.ux_routing_operations_change');
    await runner.query('DELETE FROM erp_mock.routing_operations WHERE op_version > 1');
    await runner.query('ALTER TABLE erp_mock.routing_operations DROP CONSTRAINT routing_operations_pkey');
    await runner.query('ALTER TABLE erp_mock.routing_operations ADD PRIMARY KEY (routing_group, routing, operation)');
    await runner.query('ALTER TABLE erp_mock.routing_operations DROP COLUMN op_version, DROP COLUMN change_number, DROP COLUMN valid_from, DROP COLUMN valid_to');
    await runner.query('DROP TABLE erp_mock.work_centers');
  }
}
