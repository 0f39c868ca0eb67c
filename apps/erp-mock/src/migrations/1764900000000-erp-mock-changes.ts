import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What applying an engineering change touches beyond BOMs: user statuses and locks on production
 * orders (JEST/TJ30 and system status LKD), purchase requisitions (EBAN), cost estimates and the
 * future standard price they mark (KEKO, MBEW-ZPLPR/ZPLD1), change timestamps for delta reads,
 * and indexes for where-used explosions over BOM items (STPO by component).
 */
export class ErpMockChanges1764900000000 implements MigrationInterface {
  name = 'ErpMockChanges1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE erp_mock.production_orders
        ADD COLUMN lock_reason text,
        ADD COLUMN lock_reference text,
        ADD COLUMN last_change_at timestamptz NOT NULL DEFAULT now()`);
    await runner.query('UPDATE erp_mock.production_orders SET last_change_at = created_at');
    await runner.query('CREATE INDEX ix_production_orders_last_change ON erp_mock.production_orders (plant, last_change_at)');
    await runner.query(`
      CREATE TABLE erp_mock.production_order_user_statuses (
        manufacturing_order text NOT NULL REFERENCES erp_mock.production_orders (manufacturing_order),
        status_code text NOT NULL,
        -- What set the status: a change number, an exception id. One status per order and reference.
        reference text NOT NULL,
        note text,
        set_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (manufacturing_order, status_code, reference)
      )`);

    await runner.query('ALTER TABLE erp_mock.purchase_orders ADD COLUMN last_change_at timestamptz NOT NULL DEFAULT now()');
    await runner.query('UPDATE erp_mock.purchase_orders SET last_change_at = order_date');
    await runner.query('CREATE INDEX ix_purchase_orders_last_change ON erp_mock.purchase_orders (last_change_at)');

    await runner.query(`
      CREATE TABLE erp_mock.purchase_requisitions (
        purchase_requisition text PRIMARY KEY,
        requisition_type text NOT NULL DEFAULT 'NB',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE erp_mock.purchase_requisition_items (
        purchase_requisition text NOT NULL REFERENCES erp_mock.purchase_requisitions (purchase_requisition),
        item text NOT NULL,
        material text NOT NULL REFERENCES erp_mock.products (product),
        plant text NOT NULL REFERENCES erp_mock.plants (plant),
        quantity numeric(13, 3) NOT NULL CHECK (quantity > 0),
        unit text NOT NULL,
        delivery_date timestamptz NOT NULL,
        requirement_tracking text NOT NULL,
        -- N not edited, B purchase order created
        processing_status text NOT NULL DEFAULT 'N',
        is_deleted boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (purchase_requisition, item)
      )`);
    // The backstop against requesting one requirement twice, even under concurrent requests.
    await runner.query(
      `CREATE UNIQUE INDEX ux_purchase_requisition_items_tracking
         ON erp_mock.purchase_requisition_items (plant, material, requirement_tracking) WHERE NOT is_deleted`,
    );

    await runner.query(`
      ALTER TABLE erp_mock.product_valuations
        ADD COLUMN future_price numeric(15, 2),
        ADD COLUMN future_price_valid_from timestamptz,
        -- Activity and overhead share of the standard price (what is not material): a roll-up keeps it.
        ADD COLUMN conversion_cost numeric(15, 2) NOT NULL DEFAULT 0`);
    // Existing data: the conversion share is what the standard price holds beyond the material
    // cost of the first BOM version (the one the standard price was costed on).
    await runner.query(`
      UPDATE erp_mock.product_valuations v SET conversion_cost = v.standard_price - m.material_cost
        FROM (
          SELECT b.material, b.plant, sum(i.quantity / b.base_quantity * cv.standard_price) AS material_cost
            FROM erp_mock.material_boms b
            JOIN erp_mock.material_bom_items i ON i.bom_id = b.id
            JOIN erp_mock.product_valuations cv ON cv.product = i.component AND cv.valuation_area = b.plant
           WHERE b.id IN (SELECT DISTINCT ON (material, plant) id FROM erp_mock.material_boms WHERE variant = '1' ORDER BY material, plant, valid_from)
           GROUP BY b.material, b.plant
        ) m
       WHERE m.material = v.product AND m.plant = v.valuation_area`);
    await runner.query(`
      CREATE TABLE erp_mock.cost_estimates (
        cost_estimate text PRIMARY KEY,
        material text NOT NULL,
        plant text NOT NULL,
        change_document text NOT NULL,
        revision_level text NOT NULL,
        valuation_date timestamptz NOT NULL,
        material_cost numeric(15, 2) NOT NULL,
        conversion_cost numeric(15, 2) NOT NULL,
        total_cost numeric(15, 2) NOT NULL,
        previous_price numeric(15, 2) NOT NULL,
        currency text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (material, plant) REFERENCES erp_mock.product_plants (product, plant)
      )`);
    await runner.query('CREATE UNIQUE INDEX ux_cost_estimates_change ON erp_mock.cost_estimates (material, plant, change_document)');

    // Where-used walks BOM items by component (child) up to their headers (parent), valid on a date.
    await runner.query('CREATE INDEX ix_material_bom_items_component ON erp_mock.material_bom_items (component, bom_id)');
    await runner.query('CREATE INDEX ix_material_boms_plant_validity ON erp_mock.material_boms (plant, valid_from, valid_to)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX erp_mock.ix_material_boms_plant_validity');
    await runner.query('DROP INDEX erp_mock.ix_material_bom_items_component');
    await runner.query('DROP TABLE erp_mock.cost_estimates');
    await runner.query('ALTER TABLE erp_mock.product_valuations DROP COLUMN conversion_cost, DROP COLUMN future_price_valid_from, DROP COLUMN future_price');
    await runner.query('DROP TABLE erp_mock.purchase_requisition_items');
    await runner.query('DROP TABLE erp_mock.purchase_requisitions');
    await runner.query('ALTER TABLE erp_mock.purchase_orders DROP COLUMN last_change_at');
    await runner.query('DROP TABLE erp_mock.production_order_user_statuses');
    await runner.query('ALTER TABLE erp_mock.production_orders DROP COLUMN last_change_at, DROP COLUMN lock_reference, DROP COLUMN lock_reason');
  }
}
