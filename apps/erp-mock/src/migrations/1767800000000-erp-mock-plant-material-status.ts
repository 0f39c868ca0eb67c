import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The plant-specific material status (MARC-MMSTA, A_ProductPlant.ProfileCode): '02' blocks a
 * material for task lists and BOMs in that plant, so a BOM naming it there is refused. Empty for
 * every material the seed and the creates made.
 */
export class ErpMockPlantMaterialStatus1767800000000 implements MigrationInterface {
  name = 'ErpMockPlantMaterialStatus1767800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE erp_mock.product_plants ADD COLUMN profile_code text NOT NULL DEFAULT ''`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE erp_mock.product_plants DROP COLUMN profile_code');
  }
}
