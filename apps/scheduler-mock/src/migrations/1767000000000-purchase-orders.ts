import { MigrationInterface, QueryRunner } from 'typeorm';

/** frePPLe's purchase orders: open supply of bought items with their arrival date, per plant. */
export class PurchaseOrders1767000000000 implements MigrationInterface {
  name = 'PurchaseOrders1767000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE scheduler_mock.purchaseorder (
        plant text NOT NULL REFERENCES scheduler_mock.plant (code),
        reference text NOT NULL,
        item text NOT NULL,
        location text,
        supplier text,
        quantity double precision NOT NULL,
        startdate timestamptz,
        enddate timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'confirmed',
        source text,
        lastmodified timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT purchaseorder_pk PRIMARY KEY (plant, reference),
        CONSTRAINT purchaseorder_item_fk FOREIGN KEY (plant, item) REFERENCES scheduler_mock.item (plant, name)
      )`);
    await runner.query('CREATE INDEX purchaseorder_plant_item_idx ON scheduler_mock.purchaseorder (plant, item)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE scheduler_mock.purchaseorder');
  }
}
