import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ERP_MOCK_SCHEMA } from '../erp-mock.schema';

const STOCK = `${ERP_MOCK_SCHEMA}.stock`;
const DOCUMENTS = `${ERP_MOCK_SCHEMA}.material_documents`;
const ITEMS = `${ERP_MOCK_SCHEMA}.material_document_items`;
const NUMBER_LOCK = `${ERP_MOCK_SCHEMA}.material_document_number`;
/** Unrestricted-use stock (MARD-LABST): what goods movements of this mock post to. */
export const UNRESTRICTED = '01';

export interface StockKey {
  material: string;
  plant: string;
  storageLocation: string;
  batch: string;
}

export interface NewMaterialDocumentItem extends StockKey {
  movementType: string;
  quantity: number;
  unit: string;
  purchaseOrder: string | null;
  purchaseOrderItem: string | null;
  manufacturingOrder: string | null;
}

/** Stock (MARD/MCHB) and material documents (MKPF/MSEG). */
@Injectable()
export class InventoryRepository {
  /** Unrestricted stock at the location and batch, locked; 0 when there is none. */
  async lockUnrestricted(em: EntityManager, key: StockKey): Promise<number> {
    const rows: Array<{ quantity: string }> = await em.query(
      `SELECT quantity FROM ${STOCK} WHERE material = $1 AND plant = $2 AND storage_location = $3 AND batch = $4 AND stock_type = '${UNRESTRICTED}' FOR UPDATE`,
      [key.material, key.plant, key.storageLocation, key.batch],
    );
    return rows[0] ? Number(rows[0].quantity) : 0;
  }

  /** Adds (or with a negative delta takes) unrestricted stock, creating the stock row on a first receipt. */
  async postUnrestricted(em: EntityManager, key: StockKey, delta: number, unit: string): Promise<void> {
    await em.query(
      `INSERT INTO ${STOCK} (material, plant, storage_location, batch, stock_type, quantity, unit) VALUES ($1, $2, $3, $4, '${UNRESTRICTED}', $5, $6)
       ON CONFLICT (material, plant, storage_location, batch, stock_type) DO UPDATE SET quantity = ${STOCK}.quantity + EXCLUDED.quantity`,
      [key.material, key.plant, key.storageLocation, key.batch, delta, unit],
    );
  }

  /** A new material document numbered from the 4900000000 range in the posting year; answers its number. */
  async insertDocument(
    em: EntityManager,
    header: { year: string; goodsMovementCode: string; postingDate: Date; documentDate: Date; headerText: string | null },
    items: NewMaterialDocumentItem[],
  ): Promise<string> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('${NUMBER_LOCK}'))`);
    const [{ next }]: Array<{ next: string }> = await em.query(
      `SELECT (coalesce(max(material_document::bigint), 4899999999) + 1)::text AS next FROM ${DOCUMENTS} WHERE material_document_year = $1`,
      [header.year],
    );
    const [{ created_at }]: Array<{ created_at: Date }> = await em.query(
      `INSERT INTO ${DOCUMENTS} (material_document, material_document_year, goods_movement_code, posting_date, document_date, header_text)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING created_at`,
      [next, header.year, header.goodsMovementCode, header.postingDate, header.documentDate, header.headerText],
    );
    for (const [index, item] of items.entries()) {
      await em.query(
        `INSERT INTO ${ITEMS} (material_document, material_document_year, material_document_item, material, plant, storage_location, batch,
                               goods_movement_type, quantity, unit, purchase_order, purchase_order_item, manufacturing_order, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          next,
          header.year,
          String(index + 1),
          item.material,
          item.plant,
          item.storageLocation,
          item.batch,
          item.movementType,
          item.quantity,
          item.unit,
          item.purchaseOrder,
          item.purchaseOrderItem,
          item.manufacturingOrder,
          created_at,
        ],
      );
    }
    return next;
  }
}
