import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { keyLiteral, PayloadReader } from '../odata/payload';
import { parseQueryOptions } from '../odata/odata-query';
import { ODataReader } from '../odata/odata-reader.service';
import { parseODataDate, startOfUtcDay } from '../odata/odata-values';
import { SapError } from '../odata/sap-error';

interface RequisitionItemInput {
  material: string;
  plant: string;
  quantity: number;
  unit: string;
  deliveryDate: Date;
  requirementTracking: string;
}

const HEADER_TYPE = 'API_PURCHASEREQ_PROCESS_SRV.A_PurchaseRequisitionHeaderType';
const ITEM_TYPE = 'API_PURCHASEREQ_PROCESS_SRV.A_PurchaseRequisitionItemType';

/** Reads the deep insert of A_PurchaseRequisitionHeader with to_PurchaseReqnItem (bare array or `{results}`). */
export function parseRequisitionPayload(body: unknown): { type: string; items: RequisitionItemInput[] } {
  const header = PayloadReader.of(body, '06', 'A_PurchaseRequisitionHeader').only(['PurchaseRequisitionType', 'to_PurchaseReqnItem'], HEADER_TYPE);
  const type = header.text('PurchaseRequisitionType', false, 4) ?? 'NB';
  const nav = header.raw('to_PurchaseReqnItem');
  const rawItems = Array.isArray(nav) ? nav : Array.isArray((nav as { results?: unknown })?.results) ? (nav as { results: unknown[] }).results : undefined;
  if (!rawItems || rawItems.length === 0) throw new SapError(400, '06/020', 'A purchase requisition needs at least one item (to_PurchaseReqnItem)');
  const items = rawItems.map((raw): RequisitionItemInput => {
    const item = PayloadReader.of(raw, '06', 'A_PurchaseRequisitionItem').only(
      ['Material', 'Plant', 'RequestedQuantity', 'BaseUnit', 'DeliveryDate', 'RequirementTracking'],
      ITEM_TYPE,
    );
    const deliveryDate = parseODataDate(item.raw('DeliveryDate'));
    if (item.raw('DeliveryDate') === undefined) throw new SapError(400, '06/002', 'Property DeliveryDate is mandatory');
    if (!deliveryDate) throw new SapError(400, '06/003', 'Value for DeliveryDate is invalid');
    return {
      material: item.text('Material', true),
      plant: item.text('Plant', true, 4),
      quantity: item.positiveDecimal('RequestedQuantity'),
      unit: item.text('BaseUnit', true, 3),
      deliveryDate: startOfUtcDay(deliveryDate),
      requirementTracking: item.text('RequirementTracking', true, 60),
    };
  });
  return { type, items };
}

/**
 * POST A_PurchaseRequisitionHeader with its items: one requisition, numbered from the 0010000000
 * range. A requirement (plant, material, RequirementTracking) is requested once: a second one
 * is refused with 409, as the unique index guarantees under concurrent requests too.
 */
@Injectable()
export class CreatePurchaseRequisitionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: ODataReader,
  ) {}

  async create(body: unknown, serviceRoot: string, servicePath: string): Promise<{ entity: { d: unknown }; location: string }> {
    const input = parseRequisitionPayload(body);
    try {
      return await this.dataSource.transaction(async (em) => {
        for (const item of input.items) {
          const known: Array<{ base_unit: string }> = await em.query(
            `SELECT pr.base_unit FROM erp_mock.product_plants pp JOIN erp_mock.products pr ON pr.product = pp.product
              WHERE pp.product = $1 AND pp.plant = $2`,
            [item.material, item.plant],
          );
          if (known.length === 0) throw new SapError(400, '06/138', `Material ${item.material} is not maintained in plant ${item.plant}`);
          if (known[0].base_unit !== item.unit) throw new SapError(400, '06/031', `Unit ${item.unit} differs from the material's base unit ${known[0].base_unit}`);
        }
        await em.query("SELECT pg_advisory_xact_lock(hashtext('erp_mock.purchase_requisition_number'))");
        const [{ next }] = await em.query(
          `SELECT lpad((coalesce(max(purchase_requisition::bigint), 10000000) + 1)::text, 10, '0') AS next FROM erp_mock.purchase_requisitions`,
        );
        await em.query('INSERT INTO erp_mock.purchase_requisitions (purchase_requisition, requisition_type) VALUES ($1, $2)', [next, input.type]);
        for (const [index, item] of input.items.entries()) {
          await em.query(
            `INSERT INTO erp_mock.purchase_requisition_items
               (purchase_requisition, item, material, plant, quantity, unit, delivery_date, requirement_tracking)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [next, String((index + 1) * 10).padStart(5, '0'), item.material, item.plant, item.quantity, item.unit, item.deliveryDate, item.requirementTracking],
          );
        }
        const entity = await this.reader.read(
          { serviceRoot, servicePath, resource: `A_PurchaseRequisitionHeader(${keyLiteral(next)})`, options: parseQueryOptions({ $expand: 'to_PurchaseReqnItem' }) },
          em,
        );
        return { entity, location: (entity.d as { __metadata: { uri: string } }).__metadata.uri };
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        const item = input.items[0];
        throw new SapError(409, '06/600', `A requisition for ${item.material} in plant ${item.plant} with requirement tracking ${item.requirementTracking} already exists`);
      }
      throw error;
    }
  }
}
