import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creating materials through API_PRODUCT_SRV: the plant record's MRP controller (MARC-DISPO) and
 * lot-sizing procedure (MARC-DISLS), and the valuation's price control (MBEW-VPRSV: S standard,
 * V moving average). Existing materials keep the values the seed gave all of them.
 */
export class ErpMockMaterialCreate1767300000000 implements MigrationInterface {
  name = 'ErpMockMaterialCreate1767300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE erp_mock.product_plants
        ADD COLUMN mrp_controller text NOT NULL DEFAULT '001',
        ADD COLUMN lot_sizing_procedure text NOT NULL DEFAULT 'EX'`);
    await runner.query(`
      ALTER TABLE erp_mock.product_valuations
        ADD COLUMN price_control text NOT NULL DEFAULT 'S' CONSTRAINT product_valuations_price_control_ck CHECK (price_control IN ('S', 'V'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE erp_mock.product_valuations DROP COLUMN price_control');
    await runner.query('ALTER TABLE erp_mock.product_plants DROP COLUMN lot_sizing_procedure, DROP COLUMN mrp_controller');
  }
}
