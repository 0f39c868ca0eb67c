import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ERP_MOCK_SCHEMA } from '../erp-mock.schema';

const PRODUCTS = `${ERP_MOCK_SCHEMA}.products`;
const PRODUCT_PLANTS = `${ERP_MOCK_SCHEMA}.product_plants`;
const PRODUCT_VALUATIONS = `${ERP_MOCK_SCHEMA}.product_valuations`;
const PLANTS = `${ERP_MOCK_SCHEMA}.plants`;

/** A material master record as API_PRODUCT_SRV creates it. */
export interface NewProduct {
  product: string;
  productType: string;
  baseUnit: string;
  description: string;
}

export interface NewPlantRecord {
  product: string;
  plant: string;
  procurementType: 'E' | 'F';
  mrpType: string;
  mrpController: string;
  lotSizingProcedure: string;
  revisionLevel: string;
}

/** Plant-specific material statuses (MARC-MMSTA) that block a material for task lists and BOMs. */
export const BOM_BLOCKING_STATUSES = ['02'];

export interface NewValuation {
  product: string;
  valuationArea: string;
  priceControl: 'S' | 'V';
  standardPrice: number;
  priceUnitQty: number;
  currency: string;
}

export interface ValuationOn {
  product: string;
  procurement_type: 'E' | 'F';
  /** The standard price in force on the date asked for. */
  price: string;
  conversion_cost: string;
  currency: string;
}

/**
 * The material master: materials (`products`), their plant records (`product_plants`: procurement
 * type, revision level now and from a future date) and valuations (`product_valuations`: standard
 * price, a marked future price, the conversion share). BOMs, costing and requisitions read and
 * change it here. Every method runs in the caller's transaction.
 */
@Injectable()
export class MaterialRepository {
  /** The material's plant record with its base unit, locked with `lock` until the transaction ends; undefined when not maintained. */
  async findPlantRecord(em: EntityManager, material: string, plant: string, lock = false): Promise<{ baseUnit: string } | undefined> {
    const [record]: Array<{ base_unit: string }> = await em.query(
      `SELECT pr.base_unit FROM ${PRODUCT_PLANTS} pp JOIN ${PRODUCTS} pr ON pr.product = pp.product
        WHERE pp.product = $1 AND pp.plant = $2${lock ? ' FOR UPDATE OF pp' : ''}`,
      [material, plant],
    );
    return record && { baseUnit: record.base_unit };
  }

  /**
   * Those of `materials` maintained in `plant`, each with the plant-specific status that blocks it
   * for BOMs there (null when none does): what a BOM's components are checked against, in one read.
   */
  async componentsInPlant(em: EntityManager, plant: string, materials: string[]): Promise<Array<{ product: string; blockedStatus: string | null }>> {
    const rows: Array<{ product: string; blocked_status: string | null }> = await em.query(
      `SELECT product, CASE WHEN profile_code = ANY($3) THEN profile_code END AS blocked_status FROM ${PRODUCT_PLANTS} WHERE plant = $1 AND product = ANY($2)`,
      [plant, materials, BOM_BLOCKING_STATUSES],
    );
    return rows.map((r) => ({ product: r.product, blockedStatus: r.blocked_status }));
  }

  /** The revision level in force from now on; a future one recorded earlier is dropped. */
  async setRevisionLevel(em: EntityManager, material: string, plant: string, revisionLevel: string): Promise<void> {
    await em.query(
      `UPDATE ${PRODUCT_PLANTS} SET revision_level = $3, future_revision_level = NULL, future_revision_valid_from = NULL
        WHERE product = $1 AND plant = $2`,
      [material, plant, revisionLevel],
    );
  }

  /** The revision level from `validFrom` on; a future one whose date has come becomes the current one first. */
  async scheduleRevisionLevel(em: EntityManager, material: string, plant: string, revisionLevel: string, validFrom: Date): Promise<void> {
    await em.query(
      `UPDATE ${PRODUCT_PLANTS}
          SET revision_level = CASE WHEN future_revision_valid_from <= now() THEN future_revision_level ELSE revision_level END,
              future_revision_level = $3, future_revision_valid_from = $4
        WHERE product = $1 AND plant = $2`,
      [material, plant, revisionLevel, validFrom],
    );
  }

  /** The valuations of `materials` in `plant` at the price in force on `date` (a marked future price from its date on). */
  valuationsOn(em: EntityManager, plant: string, materials: string[], date: Date): Promise<ValuationOn[]> {
    return em.query(
      `SELECT v.product, pp.procurement_type, v.conversion_cost::text AS conversion_cost, v.currency,
              (CASE WHEN v.future_price_valid_from <= $3 THEN v.future_price ELSE v.standard_price END)::text AS price
         FROM ${PRODUCT_VALUATIONS} v
         JOIN ${PRODUCT_PLANTS} pp ON pp.product = v.product AND pp.plant = v.valuation_area
        WHERE v.valuation_area = $1 AND v.product = ANY($2)`,
      [plant, materials, date],
    );
  }

  /** The standard price in force now and its currency. */
  async priceNow(em: EntityManager, material: string, plant: string): Promise<{ price: string; currency: string }> {
    const [current]: Array<{ price: string; currency: string }> = await em.query(
      `SELECT (CASE WHEN future_price_valid_from <= now() THEN future_price ELSE standard_price END)::text AS price, currency
         FROM ${PRODUCT_VALUATIONS} WHERE product = $1 AND valuation_area = $2`,
      [material, plant],
    );
    return current;
  }

  /** Marks `price` as the standard price from `validFrom` on (CK24). */
  async markFuturePrice(em: EntityManager, material: string, plant: string, price: number, validFrom: Date): Promise<void> {
    await em.query(`UPDATE ${PRODUCT_VALUATIONS} SET future_price = $3, future_price_valid_from = $4 WHERE product = $1 AND valuation_area = $2`, [
      material,
      plant,
      price,
      validFrom,
    ]);
  }

  async productExists(em: EntityManager, product: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM ${PRODUCTS} WHERE product = $1`, [product]);
    return rows.length > 0;
  }

  /** The plant's currency (its company code's), undefined when the plant does not exist. */
  async plantCurrency(em: EntityManager, plant: string): Promise<string | undefined> {
    const [row]: Array<{ currency: string }> = await em.query(`SELECT currency FROM ${PLANTS} WHERE plant = $1`, [plant]);
    return row?.currency;
  }

  async valuationExists(em: EntityManager, product: string, valuationArea: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM ${PRODUCT_VALUATIONS} WHERE product = $1 AND valuation_area = $2`, [product, valuationArea]);
    return rows.length > 0;
  }

  async insertProduct(em: EntityManager, product: NewProduct): Promise<void> {
    await em.query(`INSERT INTO ${PRODUCTS} (product, product_type, base_unit, description) VALUES ($1, $2, $3, $4)`, [
      product.product,
      product.productType,
      product.baseUnit,
      product.description,
    ]);
  }

  async insertPlantRecord(em: EntityManager, record: NewPlantRecord): Promise<void> {
    await em.query(
      `INSERT INTO ${PRODUCT_PLANTS} (product, plant, procurement_type, mrp_type, mrp_controller, lot_sizing_procedure, revision_level)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [record.product, record.plant, record.procurementType, record.mrpType, record.mrpController, record.lotSizingProcedure, record.revisionLevel],
    );
  }

  async insertValuation(em: EntityManager, valuation: NewValuation): Promise<void> {
    await em.query(
      `INSERT INTO ${PRODUCT_VALUATIONS} (product, valuation_area, price_control, standard_price, price_unit_qty, currency)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [valuation.product, valuation.valuationArea, valuation.priceControl, valuation.standardPrice, valuation.priceUnitQty, valuation.currency],
    );
  }
}
