import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { findEntitySet } from '../odata/entity-sets';
import { keyLiteral, PayloadReader } from '../odata/payload';
import { parseKeyPredicate, parseQueryOptions } from '../odata/odata-query';
import { ODataReader } from '../odata/odata-reader.service';
import { literalValue } from '../odata/odata-values';
import { SapError, sapErrors } from '../odata/sap-error';
import { ProductionOrderRepository } from './production-order.repository';

/** The user statuses of status profile PP000001 this S/4HANA knows. */
export const USER_STATUSES: Record<string, string> = { ECRV: 'Engineering change review', QHLD: 'Quality hold' };

const ORDER_SET = 'A_ProductionOrder_2';
const ORDER_TYPE = 'API_PRODUCTION_ORDER_2_SRV.A_ProductionOrder_2Type';
const STATUS_TYPE = 'API_PRODUCTION_ORDER_2_SRV.A_ProductionOrderStatus_2Type';

/**
 * Writes on API_PRODUCTION_ORDER_2_SRV: PATCH A_ProductionOrder_2 locks or unlocks an order
 * (system status LKD, with a reason and reference), POST A_ProductionOrderStatus_2 sets a user
 * status. Every write stamps the order's LastChangeDateTime, which delta reads filter on.
 */
@Injectable()
export class ProductionOrderChangesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: ProductionOrderRepository,
    private readonly reader: ODataReader,
  ) {}

  /** PATCH A_ProductionOrder_2('1000003') with OrderIsLocked (and OrderLockReason, OrderLockReference to lock). */
  async patchOrder(key: string, body: unknown): Promise<void> {
    const set = findEntitySet('API_PRODUCTION_ORDER_2_SRV', ORDER_SET)!.set;
    const [clause] = parseKeyPredicate(set, key);
    const order = literalValue('string', clause.literal, 'ManufacturingOrder') as string;
    const payload = PayloadReader.of(body, 'CO', ORDER_SET).only(['OrderIsLocked', 'OrderLockReason', 'OrderLockReference'], ORDER_TYPE);
    const lock = payload.boolean('OrderIsLocked');
    const reason = lock ? payload.text('OrderLockReason', true, 200) : undefined;
    const reference = lock ? payload.text('OrderLockReference', true, 60) : undefined;
    await this.dataSource.transaction(async (em) => {
      const row = await this.orders.lockOrder(em, order);
      if (!row) throw sapErrors.entityNotFound(ORDER_SET, key);
      if (lock) {
        const blocking = row.is_deleted ? 'DLFL' : row.is_closed ? 'CLSD' : row.is_technically_completed ? 'TECO' : undefined;
        // SAP: business transaction "Lock" is not allowed in these system statuses.
        if (blocking) throw new SapError(400, 'BS/013', `System status ${blocking} is active (ORD ${order})`);
      }
      await this.orders.setLocked(em, order, lock, reason ?? null, reference ?? null);
    });
  }

  /** POST A_ProductionOrderStatus_2: sets user status ECRV or QHLD on an order, once per reference. */
  async setUserStatus(body: unknown, serviceRoot: string, servicePath: string): Promise<{ entity: { d: unknown }; location: string }> {
    const payload = PayloadReader.of(body, 'CO', 'A_ProductionOrderStatus_2').only(
      ['ManufacturingOrder', 'StatusCode', 'StatusReference', 'StatusNoteText'],
      STATUS_TYPE,
    );
    const order = payload.text('ManufacturingOrder', true, 12);
    const code = payload.text('StatusCode', true, 4);
    const reference = payload.text('StatusReference', true, 60);
    const note = payload.text('StatusNoteText', false, 500);
    if (!USER_STATUSES[code]) throw new SapError(400, 'BS/007', `User status ${code} is not defined in status profile PP000001`);
    try {
      return await this.dataSource.transaction(async (em) => {
        if (!(await this.orders.lockOrder(em, order))) throw new SapError(400, 'CO/017', `Order ${order} does not exist`);
        await this.orders.addUserStatus(em, order, { code, reference, note: note ?? null });
        const resource = `A_ProductionOrderStatus_2(ManufacturingOrder=${keyLiteral(order)},StatusCode=${keyLiteral(code)},StatusReference=${keyLiteral(reference)})`;
        const entity = await this.reader.read({ serviceRoot, servicePath, resource, options: parseQueryOptions({}) }, em);
        return { entity, location: (entity.d as { __metadata: { uri: string } }).__metadata.uri };
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new SapError(409, 'BS/060', `User status ${code} with reference ${reference} is already set on order ${order}`);
      }
      throw error;
    }
  }
}
