import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The simulated S/4HANA's tables. Column names follow the ABAP dictionary loosely (MARA, MARC,
 * MBEW, STKO/STPO, PLPO, MARD, EKKO/EKPO/EKET, AFKO/AFPO); the OData layer renames them to the
 * API field names, as SAP Gateway does.
 */
export class ErpMockInit1764300000000 implements MigrationInterface {
  name = 'ErpMockInit1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE erp_mock.plants (
        plant text PRIMARY KEY,
        plant_name text NOT NULL,
        city_name text NOT NULL,
        country text NOT NULL,
        time_zone text NOT NULL,
        currency text NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE erp_mock.products (
        product text PRIMARY KEY,
        product_type text NOT NULL,
        base_unit text NOT NULL,
        description text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE erp_mock.product_plants (
        product text NOT NULL REFERENCES erp_mock.products (product),
        plant text NOT NULL REFERENCES erp_mock.plants (plant),
        procurement_type text NOT NULL CHECK (procurement_type IN ('E', 'F')),
        mrp_type text NOT NULL DEFAULT 'PD',
        revision_level text NOT NULL,
        -- A BOM applied with a future start date records its level here until that date.
        future_revision_level text,
        future_revision_valid_from timestamptz,
        PRIMARY KEY (product, plant)
      )`);
    await runner.query(`
      CREATE TABLE erp_mock.product_valuations (
        product text NOT NULL REFERENCES erp_mock.products (product),
        valuation_area text NOT NULL REFERENCES erp_mock.plants (plant),
        standard_price numeric(15, 2) NOT NULL,
        price_unit_qty integer NOT NULL DEFAULT 1,
        currency text NOT NULL,
        PRIMARY KEY (product, valuation_area)
      )`);
    await runner.query(`
      CREATE TABLE erp_mock.material_boms (
        id bigserial PRIMARY KEY,
        bill_of_material text NOT NULL,
        variant text NOT NULL DEFAULT '1',
        material text NOT NULL,
        plant text NOT NULL,
        change_document text NOT NULL DEFAULT '',
        revision_level text NOT NULL,
        base_unit text NOT NULL,
        base_quantity numeric(13, 3) NOT NULL DEFAULT 1,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (material, plant) REFERENCES erp_mock.product_plants (product, plant)
      )`);
    await runner.query('CREATE INDEX ix_material_boms_material_plant ON erp_mock.material_boms (material, plant, valid_from)');
    // The backstop against applying one change twice, even under concurrent requests.
    await runner.query(
      `CREATE UNIQUE INDEX ux_material_boms_change ON erp_mock.material_boms (material, plant, variant, change_document) WHERE change_document <> ''`,
    );
    await runner.query(`
      CREATE TABLE erp_mock.material_bom_items (
        bom_id bigint NOT NULL REFERENCES erp_mock.material_boms (id) ON DELETE CASCADE,
        item_number text NOT NULL,
        item_category text NOT NULL DEFAULT 'L',
        component text NOT NULL REFERENCES erp_mock.products (product),
        quantity numeric(13, 3) NOT NULL,
        unit text NOT NULL,
        PRIMARY KEY (bom_id, item_number)
      )`);
    await runner.query(`
      CREATE TABLE erp_mock.routing_operations (
        routing_group text NOT NULL,
        routing text NOT NULL DEFAULT '1',
        material text NOT NULL,
        plant text NOT NULL,
        operation text NOT NULL,
        work_center text NOT NULL,
        operation_text text NOT NULL,
        setup_minutes numeric(9, 3) NOT NULL,
        run_minutes numeric(9, 3) NOT NULL,
        reference_quantity numeric(13, 3) NOT NULL DEFAULT 1,
        PRIMARY KEY (routing_group, routing, operation),
        FOREIGN KEY (material, plant) REFERENCES erp_mock.product_plants (product, plant)
      )`);
    await runner.query('CREATE INDEX ix_routing_operations_material_plant ON erp_mock.routing_operations (material, plant)');
    await runner.query(`
      CREATE TABLE erp_mock.stock (
        material text NOT NULL REFERENCES erp_mock.products (product),
        plant text NOT NULL REFERENCES erp_mock.plants (plant),
        storage_location text NOT NULL,
        batch text NOT NULL DEFAULT '',
        stock_type text NOT NULL,
        quantity numeric(13, 3) NOT NULL,
        unit text NOT NULL,
        PRIMARY KEY (material, plant, storage_location, batch, stock_type)
      )`);
    await runner.query('CREATE INDEX ix_stock_plant ON erp_mock.stock (plant, material)');
    await runner.query(`
      CREATE TABLE erp_mock.suppliers (
        supplier text PRIMARY KEY,
        supplier_name text NOT NULL,
        country text NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE erp_mock.purchase_orders (
        purchase_order text PRIMARY KEY,
        order_type text NOT NULL DEFAULT 'NB',
        company_code text NOT NULL,
        supplier text NOT NULL REFERENCES erp_mock.suppliers (supplier),
        order_date timestamptz NOT NULL,
        currency text NOT NULL,
        deletion_code text NOT NULL DEFAULT ''
      )`);
    await runner.query(`
      CREATE TABLE erp_mock.purchase_order_items (
        purchase_order text NOT NULL REFERENCES erp_mock.purchase_orders (purchase_order),
        item text NOT NULL,
        material text NOT NULL REFERENCES erp_mock.products (product),
        plant text NOT NULL REFERENCES erp_mock.plants (plant),
        quantity numeric(13, 3) NOT NULL,
        unit text NOT NULL,
        net_price numeric(15, 2) NOT NULL,
        is_completely_delivered boolean NOT NULL DEFAULT false,
        deletion_code text NOT NULL DEFAULT '',
        PRIMARY KEY (purchase_order, item)
      )`);
    await runner.query('CREATE INDEX ix_purchase_order_items_plant ON erp_mock.purchase_order_items (plant, material)');
    await runner.query(`
      CREATE TABLE erp_mock.purchase_order_schedule_lines (
        purchase_order text NOT NULL,
        item text NOT NULL,
        schedule_line text NOT NULL,
        delivery_date timestamptz NOT NULL,
        quantity numeric(13, 3) NOT NULL,
        received_quantity numeric(13, 3) NOT NULL DEFAULT 0,
        PRIMARY KEY (purchase_order, item, schedule_line),
        FOREIGN KEY (purchase_order, item) REFERENCES erp_mock.purchase_order_items (purchase_order, item)
      )`);
    await runner.query(`
      CREATE TABLE erp_mock.production_orders (
        manufacturing_order text PRIMARY KEY,
        order_type text NOT NULL DEFAULT 'PP01',
        material text NOT NULL,
        plant text NOT NULL,
        revision_level text NOT NULL,
        total_quantity numeric(13, 3) NOT NULL,
        unit text NOT NULL,
        planned_start timestamptz NOT NULL,
        planned_end timestamptz NOT NULL,
        is_released boolean NOT NULL DEFAULT false,
        is_partially_confirmed boolean NOT NULL DEFAULT false,
        is_technically_completed boolean NOT NULL DEFAULT false,
        is_closed boolean NOT NULL DEFAULT false,
        is_deleted boolean NOT NULL DEFAULT false,
        -- System status LKD: the order is locked (held), e.g. pending an engineering change.
        is_locked boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (material, plant) REFERENCES erp_mock.product_plants (product, plant)
      )`);
    await runner.query('CREATE INDEX ix_production_orders_plant ON erp_mock.production_orders (plant, material)');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'production_orders',
      'purchase_order_schedule_lines',
      'purchase_order_items',
      'purchase_orders',
      'suppliers',
      'stock',
      'routing_operations',
      'material_bom_items',
      'material_boms',
      'product_valuations',
      'product_plants',
      'products',
      'plants',
    ]) {
      await runner.query(`DROP TABLE erp_mock.${table}`);
    }
  }
}
