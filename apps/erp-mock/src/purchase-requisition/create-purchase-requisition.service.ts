import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MaterialRepository } from '../material/material.repository';
import { keyLiteral, PayloadReader } from '../odata/payload';
import { parseQueryOptions } from '../odata/odata-query';
import { ODataReader } from '../odata/odata-reader.service';
import { parseODataDate, startOfUtcDay } from '../odata/odata-values';
import { SapError } from '../odata/sap-error';
import { NewRequisitionItem as RequisitionItemInput, PurchaseRequisitionRepository } from './purchase-requisition.repository';

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
    private readonly requisitions: PurchaseRequisitionRepository,
    private readonly materials: MaterialRepository,
    private readonly reader: ODataReader,
  ) {}

  async create(body: unknown, serviceRoot: string, servicePath: string): Promise<{ entity: { d: unknown }; location: string }> {
    const input = parseRequisitionPayload(body);
    try {
      return await this.dataSource.transaction(async (em) => {
        for (const item of input.items) {
          const known = await this.materials.findPlantRecord(em, item.material, item.plant);
          if (!known) throw new SapError(400, '06/138', `Material ${item.material} is not maintained in plant ${item.plant}`);
          if (known.baseUnit !== item.unit) throw new SapError(400, '06/031', `Unit ${item.unit} differs from the material's base unit ${known.baseUnit}`);
        }
        const next = await this.requisitions.insert(em, input.type, input.items);
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
