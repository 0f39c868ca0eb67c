import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MaterialRepository } from '../material/material.repository';
import { parseQueryOptions } from '../odata/odata-query';
import { ODataReader } from '../odata/odata-reader.service';
import { parseODataDate, startOfUtcDay } from '../odata/odata-values';
import { keyLiteral, PayloadReader } from '../odata/payload';
import { SapError } from '../odata/sap-error';
import { PurchasingRepository } from '../purchasing/purchasing.repository';
import { InventoryRepository, NewMaterialDocumentItem } from './inventory.repository';

const HEADER_TYPE = 'API_MATERIAL_DOCUMENT_SRV.A_MaterialDocumentHeaderType';
const ITEM_TYPE = 'API_MATERIAL_DOCUMENT_SRV.A_MaterialDocumentItemType';

/**
 * The movement types this S/4HANA posts, with their GoodsMovementCode (transaction) and direction:
 * 101 goods receipt (against a purchase order when one is named), 501 receipt without one,
 * 201 issue to a cost centre, 261 issue to a production order.
 */
export const MOVEMENT_TYPES: Record<string, { codes: string[]; direction: 1 | -1 }> = {
  '101': { codes: ['01'], direction: 1 },
  '501': { codes: ['05'], direction: 1 },
  '201': { codes: ['03'], direction: -1 },
  '261': { codes: ['03'], direction: -1 },
};

export interface GoodsMovementInput {
  goodsMovementCode: string;
  postingDate: Date;
  documentDate: Date;
  headerText: string | null;
  items: NewMaterialDocumentItem[];
}

/** Reads the deep insert of A_MaterialDocumentHeader with to_MaterialDocumentItem (bare array or `{results}`). */
export function parseGoodsMovementPayload(body: unknown, today: Date): GoodsMovementInput {
  const header = PayloadReader.of(body, 'M7', 'A_MaterialDocumentHeader').only(
    ['GoodsMovementCode', 'PostingDate', 'DocumentDate', 'MaterialDocumentHeaderText', 'to_MaterialDocumentItem'],
    HEADER_TYPE,
  );
  const goodsMovementCode = header.text('GoodsMovementCode', true, 2);
  const date = (property: string): Date => {
    const raw = header.raw(property);
    if (raw === undefined) return startOfUtcDay(today);
    const parsed = parseODataDate(raw);
    if (!parsed) throw new SapError(400, 'M7/003', `Value for ${property} is invalid`);
    return startOfUtcDay(parsed);
  };
  const nav = header.raw('to_MaterialDocumentItem');
  const rawItems = Array.isArray(nav) ? nav : Array.isArray((nav as { results?: unknown })?.results) ? (nav as { results: unknown[] }).results : undefined;
  if (!rawItems || rawItems.length === 0) throw new SapError(400, 'M7/020', 'A material document needs at least one item (to_MaterialDocumentItem)');
  const items = rawItems.map((raw): NewMaterialDocumentItem => {
    const item = PayloadReader.of(raw, 'M7', 'A_MaterialDocumentItem').only(
      ['Material', 'Plant', 'StorageLocation', 'Batch', 'GoodsMovementType', 'QuantityInEntryUnit', 'EntryUnit', 'PurchaseOrder', 'PurchaseOrderItem', 'ManufacturingOrder'],
      ITEM_TYPE,
    );
    const movementType = item.text('GoodsMovementType', true, 3);
    const kind = MOVEMENT_TYPES[movementType];
    if (!kind) throw new SapError(400, 'M7/052', `Movement type ${movementType} is not defined`);
    if (!kind.codes.includes(goodsMovementCode)) throw new SapError(400, 'M7/053', `Movement type ${movementType} is not allowed with transaction ${goodsMovementCode}`);
    return {
      material: item.text('Material', true),
      plant: item.text('Plant', true, 4),
      storageLocation: item.text('StorageLocation', true, 4),
      batch: item.text('Batch', false, 10) ?? '',
      movementType,
      quantity: item.positiveDecimal('QuantityInEntryUnit'),
      unit: item.text('EntryUnit', true, 3),
      purchaseOrder: item.text('PurchaseOrder', false, 10) ?? null,
      purchaseOrderItem: item.text('PurchaseOrderItem', false, 5) ?? null,
      manufacturingOrder: item.text('ManufacturingOrder', false, 12) ?? null,
    };
  });
  return { goodsMovementCode, postingDate: date('PostingDate'), documentDate: date('DocumentDate'), headerText: header.text('MaterialDocumentHeaderText', false, 25) ?? null, items };
}

/**
 * POST A_MaterialDocumentHeader with its items (API_MATERIAL_DOCUMENT_SRV): posts a goods movement
 * in one transaction. Receipts add unrestricted stock (101 against a purchase order also books
 * the received quantity on its schedule lines, earliest first, and refuses an over-delivery);
 * issues take it and refuse a deficit, as SAP does without negative stock.
 */
@Injectable()
export class PostGoodsMovementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inventory: InventoryRepository,
    private readonly purchasing: PurchasingRepository,
    private readonly materials: MaterialRepository,
    private readonly reader: ODataReader,
  ) {}

  async post(body: unknown, serviceRoot: string, servicePath: string): Promise<{ entity: { d: unknown }; location: string }> {
    const input = parseGoodsMovementPayload(body, new Date());
    return this.dataSource.transaction(async (em) => {
      for (const item of input.items) await this.apply(em, item);
      const year = String(input.postingDate.getUTCFullYear());
      const number = await this.inventory.insertDocument(em, { year, ...input }, input.items);
      const resource = `A_MaterialDocumentHeader(MaterialDocumentYear=${keyLiteral(year)},MaterialDocument=${keyLiteral(number)})`;
      const entity = await this.reader.read({ serviceRoot, servicePath, resource, options: parseQueryOptions({ $expand: 'to_MaterialDocumentItem' }) }, em);
      return { entity, location: (entity.d as { __metadata: { uri: string } }).__metadata.uri };
    });
  }

  private async apply(em: EntityManager, item: NewMaterialDocumentItem): Promise<void> {
    const known = await this.materials.findPlantRecord(em, item.material, item.plant);
    if (!known) throw new SapError(400, 'M7/001', `Material ${item.material} is not maintained in plant ${item.plant}`);
    if (known.baseUnit !== item.unit) throw new SapError(400, 'M7/031', `Unit ${item.unit} differs from the material's base unit ${known.baseUnit}`);
    const direction = MOVEMENT_TYPES[item.movementType].direction;
    if (direction < 0) {
      const available = await this.inventory.lockUnrestricted(em, item);
      if (available < item.quantity) {
        throw new SapError(400, 'M7/021', `Deficit of SL Unrestricted-use ${item.quantity - available} ${item.unit} : ${item.material} ${item.plant} ${item.storageLocation}`);
      }
    }
    if (item.movementType === '101' && item.purchaseOrder) await this.receiveAgainstOrder(em, item);
    await this.inventory.postUnrestricted(em, item, direction * item.quantity, item.unit);
  }

  private async receiveAgainstOrder(em: EntityManager, item: NewMaterialDocumentItem): Promise<void> {
    const order = item.purchaseOrder!;
    const orderItem = item.purchaseOrderItem ?? '10';
    let open = item.quantity;
    while (open > 0) {
      const lineNumber = await this.purchasing.firstOpenScheduleLine(em, order, orderItem);
      if (!lineNumber) throw new SapError(400, 'M7/022', `Purchase order ${order} item ${orderItem}: quantity exceeds the open quantity (over-delivery)`);
      const line = (await this.purchasing.lockScheduleLine(em, order, orderItem, lineNumber))!;
      if (line.plant !== item.plant || line.material !== item.material) {
        throw new SapError(400, 'M7/036', `Purchase order ${order} item ${orderItem} is for ${line.material} in plant ${line.plant}`);
      }
      if (line.orderDeleted || line.itemDeleted) throw new SapError(400, '06/045', `Item ${orderItem} of purchasing document ${order} is deleted`);
      const take = Math.min(open, line.quantity - line.receivedQuantity);
      await this.purchasing.receive(em, line, take);
      open -= take;
    }
  }
}
