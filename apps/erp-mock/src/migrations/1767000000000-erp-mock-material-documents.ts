import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Goods movements (MKPF/MSEG): a material document per posting, its items moving stock of a
 * material in a plant (a receipt against a purchase order, an issue to an order). Items are read
 * by plant and creation time, which the availability delta reads filter on.
 */
export class ErpMockMaterialDocuments1767000000000 implements MigrationInterface {
  name = 'ErpMockMaterialDocuments1767000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE erp_mock.material_documents (
        material_document text NOT NULL,
        material_document_year text NOT NULL,
        goods_movement_code text NOT NULL,
        posting_date timestamptz NOT NULL,
        document_date timestamptz NOT NULL,
        header_text text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (material_document, material_document_year)
      )`);
    await runner.query(`
      CREATE TABLE erp_mock.material_document_items (
        material_document text NOT NULL,
        material_document_year text NOT NULL,
        material_document_item text NOT NULL,
        material text NOT NULL REFERENCES erp_mock.products (product),
        plant text NOT NULL REFERENCES erp_mock.plants (plant),
        storage_location text NOT NULL,
        batch text NOT NULL DEFAULT '',
        goods_movement_type text NOT NULL,
        quantity numeric(13, 3) NOT NULL CHECK (quantity > 0),
        unit text NOT NULL,
        purchase_order text,
        purchase_order_item text,
        manufacturing_order text,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (material_document, material_document_year, material_document_item),
        FOREIGN KEY (material_document, material_document_year) REFERENCES erp_mock.material_documents (material_document, material_document_year)
      )`);
    await runner.query('CREATE INDEX ix_material_document_items_plant_created ON erp_mock.material_document_items (plant, created_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE erp_mock.material_document_items');
    await runner.query('DROP TABLE erp_mock.material_documents');
  }
}
