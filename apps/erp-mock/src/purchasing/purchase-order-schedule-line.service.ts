import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { findEntitySet } from '../odata/entity-sets';
import { parseKeyPredicate } from '../odata/odata-query';
import { literalValue, parseODataDate, startOfUtcDay } from '../odata/odata-values';
import { PayloadReader } from '../odata/payload';
import { SapError, sapErrors } from '../odata/sap-error';
import { PurchasingRepository } from './purchasing.repository';

export const PURCHASE_ORDER_SERVICE_PATH = 'API_PURCHASEORDER_PROCESS_SRV';
export const SCHEDULE_LINE_SET = 'A_PurchaseOrderScheduleLine';
const SCHEDULE_LINE_TYPE = 'API_PURCHASEORDER_PROCESS_SRV.A_PurchaseOrderScheduleLineType';

/**
 * PATCH A_PurchaseOrderScheduleLine(PurchasingDocument='…',PurchasingDocumentItem='…',ScheduleLine='…')
 * with ScheduleLineDeliveryDate: the supplier confirmed another date. The order's LastChangeDateTime
 * moves with it, so a delta read of changed purchase orders finds it.
 */
@Injectable()
export class PurchaseOrderScheduleLineService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly purchasing: PurchasingRepository,
  ) {}

  async patch(key: string, body: unknown): Promise<void> {
    const set = findEntitySet(PURCHASE_ORDER_SERVICE_PATH, SCHEDULE_LINE_SET)!.set;
    const value = (property: string): string => {
      const clause = parseKeyPredicate(set, key).find((c) => c.property === property)!;
      return literalValue('string', clause.literal, property) as string;
    };
    const line = { purchaseOrder: value('PurchasingDocument'), item: value('PurchasingDocumentItem'), scheduleLine: value('ScheduleLine') };
    const payload = PayloadReader.of(body, 'ME', SCHEDULE_LINE_SET).only(['ScheduleLineDeliveryDate'], SCHEDULE_LINE_TYPE);
    if (payload.raw('ScheduleLineDeliveryDate') === undefined) throw new SapError(400, 'ME/002', 'Property ScheduleLineDeliveryDate is mandatory');
    const date = parseODataDate(payload.raw('ScheduleLineDeliveryDate'));
    if (!date) throw new SapError(400, 'ME/003', 'Value for ScheduleLineDeliveryDate is invalid');
    await this.dataSource.transaction(async (em) => {
      const row = await this.purchasing.lockScheduleLine(em, line.purchaseOrder, line.item, line.scheduleLine);
      if (!row) throw sapErrors.entityNotFound(SCHEDULE_LINE_SET, key);
      // SAP ME: a deleted item or a fully delivered one cannot be changed.
      if (row.orderDeleted || row.itemDeleted) throw new SapError(400, '06/045', `Item ${row.item} of purchasing document ${row.purchaseOrder} is deleted`);
      if (row.completelyDelivered) throw new SapError(400, 'ME/664', `Item ${row.item} of purchasing document ${row.purchaseOrder} is completely delivered`);
      await this.purchasing.setDeliveryDate(em, row, startOfUtcDay(date));
    });
  }
}
