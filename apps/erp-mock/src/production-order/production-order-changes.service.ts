import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { findEntitySet } from '../odata/entity-sets';
import { keyLiteral, PayloadReader } from '../odata/payload';
import { parseKeyPredicate, parseQueryOptions } from '../odata/odata-query';
import { ODataReader } from '../odata/odata-reader.service';
import { literalValue } from '../odata/odata-values';
import { SapError, sapErrors } from '../odata/sap-error';

/** The user statuses of status profile PP000001 this S/4HANA knows. */
export const USER_STATUSES: Record<string, string> = { ECRV: 'Engineering change review', QHLD: 'Quality hold' };

const ORDER_SET = 'A_ProductionOrder_2';
const ORDER_TYPE = 'API_PRODUCTION_ORDER_2_SRV.A_ProductionOrder_2Type';
const STATUS_TYPE = 'API_PRODUCTION_ORDER_2_SRV.A_ProductionOrderStatus_2Type';

interface OrderRow {
  is_locked: boolean;
  is_technically_completed: boolean;
  is_closed: boolean;
  is_deleted: boolean;
}

/**
 * Writes on API_PRODUCTION_ORDER_2_SRV: PATCH A_ProductionOrder_2 locks or unlocks an order
 * (system status LKD, with a reason and reference), POST A_ProductionOrderStatus_2 sets a user
 * status. Every write stamps the order's LastChangeDateTime, which delta reads filter on.
 */
@Injectable()
export class ProductionOrderChangesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
      const rows: OrderRow[] = await em.query(
        'SELECT is_locked, is_technically_completed, is_closed, is_deleted FROM erp_mock.production_orders WHERE manufacturing_order = $1 FOR UPDATE',
        [order],
      );
      if (rows.length === 0) throw sapErrors.entityNotFound(ORDER_SET, key);
      const [row] = rows;
      if (lock) {
        const blocking = row.is_deleted ? 'DLFL' : row.is_closed ? 'CLSD' : row.is_technically_completed ? 'TECO' : undefined;
        // SAP: business transaction "Lock" is not allowed in these system statuses.
        if (blocking) throw new SapError(400, 'BS/013', `System status ${blocking} is active (ORD ${order})`);
      }
      await em.query(
        `UPDATE erp_mock.production_orders SET is_locked = $2, lock_reason = $3, lock_reference = $4, last_change_at = now()
          WHERE manufacturing_order = $1`,
        [order, lock, reason ?? null, reference ?? null],
      );
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
        const found = await em.query('SELECT 1 FROM erp_mock.production_orders WHERE manufacturing_order = $1 FOR UPDATE', [order]);
        if (found.length === 0) throw new SapError(400, 'CO/017', `Order ${order} does not exist`);
        await em.query(
          'INSERT INTO erp_mock.production_order_user_statuses (manufacturing_order, status_code, reference, note) VALUES ($1, $2, $3, $4)',
          [order, code, reference, note ?? null],
        );
        await em.query('UPDATE erp_mock.production_orders SET last_change_at = now() WHERE manufacturing_order = $1', [order]);
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
