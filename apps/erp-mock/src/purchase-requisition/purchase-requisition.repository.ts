import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ERP_MOCK_SCHEMA } from '../erp-mock.schema';

const PURCHASE_REQUISITIONS = `${ERP_MOCK_SCHEMA}.purchase_requisitions`;
const PURCHASE_REQUISITION_ITEMS = `${ERP_MOCK_SCHEMA}.purchase_requisition_items`;
const NUMBER_RANGE = `${ERP_MOCK_SCHEMA}.purchase_requisition_number`;

export interface NewRequisitionItem {
  material: string;
  plant: string;
  quantity: number;
  unit: string;
  deliveryDate: Date;
  requirementTracking: string;
}

/** Purchase requisitions, numbered from 0010000001, with items 00010, 00020, ... */
@Injectable()
export class PurchaseRequisitionRepository {
  /**
   * Numbers the requisition from its number range (a sequence: no lock held to the commit); answers
   * the number. A requirement (plant, material, tracking) requested before fails on the unique key
   * (23505), and its number is not used again.
   */
  async insert(em: EntityManager, type: string, items: NewRequisitionItem[]): Promise<string> {
    const [{ next }]: Array<{ next: string }> = await em.query(
      `INSERT INTO ${PURCHASE_REQUISITIONS} (purchase_requisition, requisition_type)
       VALUES (lpad(nextval('${NUMBER_RANGE}')::text, 10, '0'), $1) RETURNING purchase_requisition AS next`,
      [type],
    );
    for (const [index, item] of items.entries()) {
      await em.query(
        `INSERT INTO ${PURCHASE_REQUISITION_ITEMS}
           (purchase_requisition, item, material, plant, quantity, unit, delivery_date, requirement_tracking)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [next, String((index + 1) * 10).padStart(5, '0'), item.material, item.plant, item.quantity, item.unit, item.deliveryDate, item.requirementTracking],
      );
    }
    return next;
  }
}
