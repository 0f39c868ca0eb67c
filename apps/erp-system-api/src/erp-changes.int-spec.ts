import { call as httpCall } from '../../../test/support/http';
import { startSystemApiUnderTest, SystemApiUnderTest } from '../../../test/support/system-api';

const DAY_MS = 86_400_000;

/** A UTC midnight `days` from today: BOM validity and costing are by day. */
function dayFromToday(days: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + days * DAY_MS).toISOString();
}

/**
 * The seeded order book of P1 (demo-world.ts, numbered plant by plant): 1000001 PUMP-100
 * completed, 1000002 PUMP-100 in progress, 1000003 PUMP-100 released, 1000004 created,
 * 1000005 VALVE-300 released, 1000006 created. P2's start at 1000007.
 */
describe('erp-system-api: applying a change to ERP (flags, holds, requisitions, cost roll-up, where-used) over erp-mock', () => {
  let t: SystemApiUnderTest<'erp'>;
  let token: string;
  let readOnly: string;
  const effective = dayFromToday(40);

  const call = (method: string, path: string, body?: unknown, bearer = token) => httpCall(method, `${t.api.url}${path}`, { token: bearer, body });
  const workOrder = async (plant: string, number: string) =>
    (await call('GET', `/v1/plants/${plant}/work-orders?limit=200`)).body.items.find((o: any) => o.number === number);

  beforeAll(async () => {
    t = await startSystemApiUnderTest('erp', { label: 'erp_changes' });
    token = await t.idp.token('threadline-process');
    readOnly = await t.idp.token('threadline-process', 'erp:read');
  });

  afterAll(() => t?.close());

  describe('work order flags and holds', () => {
    it('flags an order once per flag and reference: the second identical request changes nothing', async () => {
      const flag = { flag: 'ENGINEERING_CHANGE_REVIEW', reference: 'ECN-000042', note: 'Uses SEAL-200, replaced by SEAL-210' };
      const first = await call('POST', '/v1/plants/P1/work-orders/1000003/flags', flag);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ number: '1000003', plant: 'P1', status: 'RELEASED', holdReason: null });
      expect(first.body.flags).toEqual([{ ...flag, at: expect.any(String) }]);

      const again = await call('POST', '/v1/plants/P1/work-orders/1000003/flags', flag);
      expect(again.status).toBe(200);
      expect(again.body.flags).toEqual(first.body.flags);

      const other = await call('POST', '/v1/plants/P1/work-orders/1000003/flags', { flag: 'QUALITY_HOLD', reference: 'EXC-000017' });
      expect(other.body.flags.map((f: any) => [f.flag, f.reference, f.note])).toEqual([
        ['ENGINEERING_CHANGE_REVIEW', 'ECN-000042', flag.note],
        ['QUALITY_HOLD', 'EXC-000017', null],
      ]);
      // The list carries the flags too.
      expect((await workOrder('P1', '1000003')).flags).toHaveLength(2);
    });

    it('answers 404 problem+json for an unknown order and for an order of another plant', async () => {
      const unknown = await call('POST', '/v1/plants/P1/work-orders/9999999/flags', { flag: 'QUALITY_HOLD', reference: 'EXC-1' });
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toContain('application/problem+json');
      expect(unknown.body.code).toBe('NOT_FOUND');
      const otherPlant = await call('POST', '/v1/plants/P1/work-orders/1000007/hold', { reason: 'x', reference: 'EXC-1' });
      expect(otherPlant.status).toBe(404);
      expect((await workOrder('P2', '1000007')).status).toBe('COMPLETED');
    });

    it('holds an order, keeps it as it is when held again, and releases it to its previous status', async () => {
      const since = new Date().toISOString();
      const held = await call('POST', '/v1/plants/P1/work-orders/1000002/hold', { reason: 'Quality hold: porosity in housing castings', reference: 'EXC-000017' });
      expect(held.status).toBe(200);
      expect(held.body).toMatchObject({ number: '1000002', status: 'ON_HOLD', holdReason: 'Quality hold: porosity in housing castings' });

      const again = await call('POST', '/v1/plants/P1/work-orders/1000002/hold', { reason: 'Another reason', reference: 'EXC-000018' });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(held.body);

      // Delta read: only the order changed since `since` is listed.
      const changed = await call('GET', `/v1/plants/P1/work-orders?changedSince=${encodeURIComponent(since)}`);
      expect(changed.body.items.map((o: any) => o.number)).toEqual(['1000002']);

      const released = await call('POST', '/v1/plants/P1/work-orders/1000002/release-hold', { reference: 'EXC-000017' });
      expect(released.status).toBe(200);
      expect(released.body).toMatchObject({ number: '1000002', status: 'IN_PROGRESS', holdReason: null });
      const releasedAgain = await call('POST', '/v1/plants/P1/work-orders/1000002/release-hold', { reference: 'EXC-000017' });
      expect(releasedAgain.body.status).toBe('IN_PROGRESS');
    });

    it('refuses to hold a completed order with 409 WORK_ORDER_NOT_HOLDABLE and leaves it completed', async () => {
      const refused = await call('POST', '/v1/plants/P1/work-orders/1000001/hold', { reason: 'Quality hold', reference: 'EXC-000017' });
      expect(refused.status).toBe(409);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ code: 'WORK_ORDER_NOT_HOLDABLE', status: 409, workOrder: '1000001', workOrderStatus: 'COMPLETED' });
      expect(await workOrder('P1', '1000001')).toMatchObject({ status: 'COMPLETED', holdReason: null });
    });
  });

  describe('purchase requisitions', () => {
    const requisition = { itemNumber: 'SEAL-210', quantity: 120, unit: 'EA', needDate: dayFromToday(30), reference: 'ECN-000042' };

    it('creates one requisition per plant, item and reference: again answers 200, created false, the same requisition', async () => {
      const first = await call('POST', '/v1/plants/P1/purchase-requisitions', requisition);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        requisition: { number: expect.stringMatching(/^\d{10}$/), plant: 'P1', itemNumber: 'SEAL-210', quantity: 120, unit: 'EA', needDate: requisition.needDate, reference: 'ECN-000042', status: 'OPEN' },
        created: true,
      });
      const again = await call('POST', '/v1/plants/P1/purchase-requisitions', { ...requisition, quantity: 130 });
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ requisition: first.body.requisition, created: false });

      const listed = await call('GET', '/v1/plants/P1/purchase-requisitions?itemNumber=SEAL-210&reference=ECN-000042');
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual({ items: [first.body.requisition], nextCursor: null });
      // Another plant is another requirement.
      expect((await call('POST', '/v1/plants/P2/purchase-requisitions', requisition)).status).toBe(201);
      expect((await call('GET', '/v1/plants/P1/purchase-requisitions')).body.items).toHaveLength(1);
    });

    it("passes the ERP's refusal of an item not in the plant on as 422", async () => {
      const refused = await call('POST', '/v1/plants/P1/purchase-requisitions', { ...requisition, itemNumber: 'GHOST-999' });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'BACKEND_REJECTED', backendError: { error: { code: '06/138' } } });
    });
  });

  describe('cost roll-up', () => {
    const rollup = { itemNumber: 'PUMP-100', revision: 'B', changeNumber: 'ECN-000042', validFrom: effective };

    it('rolls up PUMP-100 revision B at P1 from the seeded standard costs, once per change number', async () => {
      const bom = await call('POST', '/v1/plants/P1/boms', {
        itemNumber: 'PUMP-100',
        revision: 'B',
        changeNumber: 'ECN-000042',
        validFrom: effective,
        lines: [
          { findNumber: 10, componentNumber: 'HOUSING-110', quantity: 1, unit: 'EA' },
          { findNumber: 20, componentNumber: 'IMPELLER-120', quantity: 1, unit: 'EA' },
          { findNumber: 30, componentNumber: 'SHAFT-130', quantity: 1, unit: 'EA' },
          { findNumber: 40, componentNumber: 'SEAL-210', quantity: 2, unit: 'EA' },
          { findNumber: 50, componentNumber: 'MOTOR-140', quantity: 1, unit: 'EA' },
          { findNumber: 60, componentNumber: 'BOLT-M8', quantity: 8, unit: 'EA' },
        ],
      });
      expect(bom.status).toBe(201);

      const first = await call('POST', '/v1/plants/P1/cost-rollups', rollup);
      expect(first.status).toBe(200);
      // Seeded EUR standard costs: revision A's material is 86.40 + 54.20 + 31.80 + 2 x 4.10 + 189.00 + 8 x 0.12
      // = 370.56, so PUMP-100's own share of its 412.50 is 41.94. Revision B swaps 2 x SEAL-200 for
      // 2 x SEAL-210 (6.35): material 375.06, rolled up 417.00. HOUSING-110 and IMPELLER-120 roll
      // up from their own unchanged BOMs to their standard costs.
      expect(first.body).toEqual({
        plant: 'P1',
        itemNumber: 'PUMP-100',
        revision: 'B',
        changeNumber: 'ECN-000042',
        previousStandardCost: 412.5,
        rolledUpCost: 417,
        materialCost: 375.06,
        nonMaterialCost: 41.94,
        currency: 'EUR',
        validFrom: effective,
      });

      const again = await call('POST', '/v1/plants/P1/cost-rollups', rollup);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);

      const costs = await call('GET', '/v1/plants/P1/items/PUMP-100/costs');
      expect(costs.status).toBe(200);
      expect(costs.body).toEqual({ plant: 'P1', itemNumber: 'PUMP-100', standardCost: 412.5, currency: 'EUR', futureStandardCost: 417, futureValidFrom: effective });
    });

    it('refuses with 422 a roll-up whose revision is not the BOM valid at validFrom, and records nothing', async () => {
      const refused = await call('POST', '/v1/plants/P2/cost-rollups', rollup);
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'BACKEND_REJECTED', backendError: { error: { code: 'CK/381' } } });
      expect((await call('GET', '/v1/plants/P2/items/PUMP-100/costs')).body).toMatchObject({ futureStandardCost: null, futureValidFrom: null });
    });
  });

  describe('where-used, routing, suppliers, delta reads', () => {
    it('lists where SEAL-200 is used at P1 now, and only VALVE-300 once revision B of PUMP-100 is in force', async () => {
      const now = await call('GET', '/v1/plants/P1/items/SEAL-200/where-used');
      expect(now.status).toBe(200);
      expect(now.body).toEqual([
        { parentItemNumber: 'PUMP-100', parentRevision: 'A', level: 1, quantityPer: 2, path: ['SEAL-200', 'PUMP-100'] },
        { parentItemNumber: 'VALVE-300', parentRevision: 'A', level: 1, quantityPer: 1, path: ['SEAL-200', 'VALVE-300'] },
      ]);
      const later = await call('GET', `/v1/plants/P1/items/SEAL-200/where-used?at=${encodeURIComponent(effective)}`);
      expect(later.body.map((w: any) => w.parentItemNumber)).toEqual(['VALVE-300']);
      const sealB = await call('GET', `/v1/plants/P1/items/SEAL-210/where-used?at=${encodeURIComponent(effective)}`);
      expect(sealB.body).toEqual([{ parentItemNumber: 'PUMP-100', parentRevision: 'B', level: 1, quantityPer: 2, path: ['SEAL-210', 'PUMP-100'] }]);
    });

    it('lists CASTING-111 in HOUSING-110 (level 1) and through it in PUMP-100 (level 2)', async () => {
      const used = await call('GET', '/v1/plants/P1/items/CASTING-111/where-used');
      expect(used.body).toEqual([
        { parentItemNumber: 'HOUSING-110', parentRevision: 'A', level: 1, quantityPer: 1, path: ['CASTING-111', 'HOUSING-110'] },
        { parentItemNumber: 'PUMP-100', parentRevision: 'A', level: 2, quantityPer: 1, path: ['CASTING-111', 'HOUSING-110', 'PUMP-100'] },
      ]);
      // BOLT-M8 is in PUMP-100 directly (8) and through HOUSING-110 (4): one entry per path.
      const bolts = await call('GET', '/v1/plants/P1/items/BOLT-M8/where-used');
      expect(bolts.body.filter((w: any) => w.parentItemNumber === 'PUMP-100').map((w: any) => [w.level, w.quantityPer])).toEqual([
        [1, 8],
        [2, 4],
      ]);
    });

    it('reads the routing of an item in a plant', async () => {
      const routing = await call('GET', '/v1/plants/P3/items/HOUSING-110/routing');
      expect(routing.status).toBe(200);
      expect(routing.body).toEqual([
        { sequence: 10, workCentre: 'P3-CNC1', description: 'Machining', setupMinutes: 45, runMinutesPerUnit: 12 },
        { sequence: 20, workCentre: 'P3-ASSY', description: 'Deburr', setupMinutes: 0, runMinutesPerUnit: 5 },
      ]);
      expect((await call('GET', '/v1/plants/P1/items/SEAL-200/routing')).body).toEqual([]);
    });

    it('lists suppliers with a cursor', async () => {
      const first = await call('GET', '/v1/suppliers?limit=2');
      expect(first.status).toBe(200);
      expect(first.body.items).toEqual([
        { id: '17300001', name: 'Dichtungstechnik Weber GmbH', country: 'DE' },
        { id: '17300002', name: 'Moravske sroubarny s.r.o.', country: 'CZ' },
      ]);
      const second = await call('GET', `/v1/suppliers?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body).toEqual({ items: [{ id: '17300003', name: 'Motores del Norte S.A. de C.V.', country: 'MX' }], nextCursor: null });
    });

    it('filters purchase orders by changedSince', async () => {
      const all = await call('GET', `/v1/plants/P2/purchase-orders?changedSince=${encodeURIComponent(dayFromToday(-10))}`);
      expect(all.body.items.map((o: any) => o.number)).toEqual(['4500000001']);
      const none = await call('GET', `/v1/plants/P2/purchase-orders?changedSince=${encodeURIComponent(dayFromToday(-1))}`);
      expect(none.body.items).toEqual([]);
    });
  });

  describe('bad input and scopes', () => {
    it('answers 400 problem+json for malformed bodies and changes nothing', async () => {
      const before = await workOrder('P1', '1000004');
      const cases: Array<[string, unknown]> = [
        ['/v1/plants/P1/work-orders/1000004/flags', { flag: 'PAINT_IT_RED', reference: 'ECN-1' }],
        ['/v1/plants/P1/work-orders/1000004/flags', { flag: 'QUALITY_HOLD', reference: 'x'.repeat(61) }],
        ['/v1/plants/P1/work-orders/1000004/flags', { flag: 'QUALITY_HOLD', reference: 'ECN-1', colour: 'red' }],
        ['/v1/plants/P1/work-orders/1000004/hold', { reference: 'EXC-1' }],
        ['/v1/plants/P1/work-orders/1000004/release-hold', {}],
        ['/v1/plants/P1/purchase-requisitions', { itemNumber: 'SEAL-210', quantity: 0, unit: 'EA', needDate: effective, reference: 'ECN-7' }],
        ['/v1/plants/P1/purchase-requisitions', { itemNumber: 'SEAL-210', quantity: 5, unit: 'EA', needDate: 'next week', reference: 'ECN-7' }],
        ['/v1/plants/P1/cost-rollups', { itemNumber: 'PUMP-100', revision: 'B', changeNumber: 'ECN-000099', validFrom: 'soon' }],
        ['/v1/plants/P1/cost-rollups', { itemNumber: 'PUMP-100', revision: 'b2x', changeNumber: 'ECN-000099', validFrom: effective }],
      ];
      for (const [path, body] of cases) {
        const response = await call('POST', path, body);
        expect([path, response.status, response.body.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
      }
      expect((await call('GET', '/v1/plants/P1/items/PUMP-100/where-used?at=tomorrow')).status).toBe(400);
      expect((await call('GET', '/v1/plants/P1/work-orders?changedSince=yesterday')).status).toBe(400);
      expect(await workOrder('P1', '1000004')).toEqual(before);
      expect((await call('GET', '/v1/plants/P1/purchase-requisitions?reference=ECN-7')).body.items).toEqual([]);
      expect((await call('GET', '/v1/plants/P1/items/PUMP-100/costs')).body.futureStandardCost).toBe(417);
    });

    it('refuses the writes to a read-only token with 403, and lets it read', async () => {
      const writes: Array<[string, unknown]> = [
        ['/v1/plants/P1/work-orders/1000004/flags', { flag: 'QUALITY_HOLD', reference: 'EXC-2' }],
        ['/v1/plants/P1/work-orders/1000004/hold', { reason: 'x', reference: 'EXC-2' }],
        ['/v1/plants/P1/work-orders/1000004/release-hold', { reference: 'EXC-2' }],
        ['/v1/plants/P1/purchase-requisitions', { itemNumber: 'SEAL-210', quantity: 5, unit: 'EA', needDate: effective, reference: 'ECN-8' }],
        ['/v1/plants/P1/cost-rollups', { itemNumber: 'VALVE-300', revision: 'A', changeNumber: 'ECN-000100', validFrom: effective }],
      ];
      for (const [path, body] of writes) {
        const response = await call('POST', path, body, readOnly);
        expect([path, response.status, response.body.code]).toEqual([path, 403, 'INSUFFICIENT_SCOPE']);
      }
      expect((await workOrder('P1', '1000004')).flags).toEqual([]);
      expect((await call('GET', '/v1/plants/P1/purchase-requisitions?reference=ECN-8', undefined, readOnly)).body.items).toEqual([]);
      expect((await call('GET', '/v1/plants/P1/items/VALVE-300/costs', undefined, readOnly)).body.futureStandardCost).toBeNull();
      expect((await call('GET', '/v1/suppliers', undefined, await t.idp.token('dashboard'))).status).toBe(403);
    });
  });
});
