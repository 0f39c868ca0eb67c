import { EventTypes, WorkOrderChangedV1 } from '@threadline/canonical';
import { DataSource } from 'typeorm';
import { eventually } from '../../../../test/support/eventually';
import { call as httpCall, JsonResponse } from '../../../../test/support/http';
import { startSystemApiUnderTest, SystemApiUnderTest } from '../../../../test/support/system-api';
import { workOrderChangedEventId } from './work-order-changed.announcer';

interface FeedSync {
  announced: number;
  plants: Array<{ plant: string; outcome: string; announced: number; cursor: { changedAt: string; orderNumber: string | null } | null; reason: string | null }>;
}

interface Announced {
  id: string;
  subject: string;
  event: { type: string; source: string; subject: string; time: string; data: WorkOrderChangedV1 };
}

const ORDERS = '/sap/opu/odata/sap/API_PRODUCTION_ORDER_2_SRV/A_ProductionOrder_2';

/**
 * The ERP system API's change feed of work orders over erp-mock: every changed order announced
 * once as threadline.erp.work-order.changed.v1 through the outbox, at start-up and on each read.
 * The seeded order book numbers P1's orders 1000001-1000006 and P2's from 1000007.
 */
describe('erp-system-api: the change feed of work orders (threadline.erp.work-order.changed.v1)', () => {
  let t: SystemApiUnderTest<'erp'>;
  let token: string;
  let connector: string;
  let operator: string;
  let outbox: DataSource;

  const api = <T = any>(method: string, path: string, body?: unknown): Promise<JsonResponse<T>> => httpCall<T>(method, `${t.api.url}${path}`, { token, body });
  const sync = async (): Promise<FeedSync> => {
    const answer = await api<FeedSync>('POST', '/v1/change-feed/sync');
    expect(answer.status).toBe(200);
    return answer.body;
  };
  /** The work-order events in the outbox, oldest first; of one order when a subject is given. */
  const events = (subject?: string): Promise<Announced[]> =>
    outbox.query(`SELECT id, subject, event FROM erp_system_api.outbox WHERE type = $1 AND ($2::text IS NULL OR subject = $2) ORDER BY position`, [
      EventTypes.WorkOrderChanged,
      subject ?? null,
    ]);
  /** Every work order of every plant, as the API lists them. */
  const allOrders = async (): Promise<string[]> => {
    const subjects: string[] = [];
    for (const { code } of (await api<Array<{ code: string }>>('GET', '/v1/plants')).body) {
      let cursor: string | null = null;
      do {
        const page: JsonResponse<{ items: Array<{ number: string }>; nextCursor: string | null }> = await api('GET', `/v1/plants/${code}/work-orders?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
        subjects.push(...page.body.items.map((o) => `${code}/${o.number}`));
        cursor = page.body.nextCursor;
      } while (cursor);
    }
    return subjects;
  };
  /** Changes an order in ERP itself (as a planner would in S/4HANA), not through this API. */
  const lockInErp = async (order: string, reason: string) =>
    expect(
      (await httpCall('PATCH', `${t.mock.url}${ORDERS}('${order}')`, { token: connector, body: { OrderIsLocked: true, OrderLockReason: reason, OrderLockReference: 'TEST-1' } })).status,
    ).toBe(204);
  /** Reads the feed until the order's events number `count`. */
  const announcedAs = (subject: string, count: number) =>
    eventually(
      async () => {
        await sync();
        const rows = await events(subject);
        return rows.length >= count ? rows : undefined;
      },
      `${count} event(s) of ${subject}`,
    );

  beforeAll(async () => {
    // The start-up sync runs; later ones are the tests' own. A change is read once it is 300 ms old.
    t = await startSystemApiUnderTest('erp', { label: 'erp_work_order_feed', api: { feedIntervalMs: 86_400_000, feedSettleMs: 300 } });
    token = await t.idp.token('threadline-process');
    connector = await t.idp.token('threadline-connector');
    operator = await t.idp.token('operator');
    outbox = t.api.app.get(DataSource);
  });

  afterAll(() => t?.close());

  it('announces every work order of every plant once at start-up; reading the feed again announces nothing', async () => {
    const orders = await allOrders();
    expect(new Set(orders.map((o) => o.split('/')[0]))).toEqual(new Set(['P1', 'P2', 'P3']));
    await eventually(async () => ((await events()).length >= orders.length ? true : undefined), 'the start-up sync');
    const announced = await events();
    expect(announced.map((e) => e.subject).sort()).toEqual([...orders].sort());

    const again = await sync();
    expect(again.announced).toBe(0);
    expect(again.plants.map((p) => [p.plant, p.outcome, p.announced, p.reason])).toEqual([
      ['P1', 'synced', 0, null],
      ['P2', 'synced', 0, null],
      ['P3', 'synced', 0, null],
    ]);
    expect(await events()).toHaveLength(announced.length);
  });

  it('announces a work order changed in ERP once, as it is after the change, however often the feed is read', async () => {
    const before = await events();
    await lockInErp('1000003', 'Supplier recall of SEAL-200');
    const [seeded, changed] = await announcedAs('P1/1000003', 2);
    expect(changed.event).toMatchObject({
      type: EventTypes.WorkOrderChanged,
      source: '/threadline/erp-system-api',
      subject: 'P1/1000003',
      data: { workOrder: { number: '1000003', plant: 'P1', itemNumber: 'PUMP-100', status: 'ON_HOLD', holdReason: 'Supplier recall of SEAL-200' } },
    });
    const { changedAt } = changed.event.data;
    expect(changed.event.time).toBe(changedAt);
    expect(Date.parse(changedAt)).toBeGreaterThan(Date.parse(seeded.event.data.changedAt));
    expect(changed.id).toBe(workOrderChangedEventId('P1', '1000003', changedAt));

    // Read twice more: still that one event, and nothing else was announced.
    expect((await sync()).announced).toBe(0);
    expect((await sync()).announced).toBe(0);
    expect(await events('P1/1000003')).toHaveLength(2);
    expect((await events()).map((e) => e.id)).toEqual([...before.map((e) => e.id), changed.id]);
  });

  it('announces changes made through this API too, each order once', async () => {
    const before = (await events()).length;
    for (const order of ['1000004', '1000005', '1000006']) {
      expect((await api('POST', `/v1/plants/P1/work-orders/${order}/flags`, { flag: 'ENGINEERING_CHANGE_REVIEW', reference: 'ECN-000042' })).status).toBe(200);
    }
    await eventually(async () => {
      await sync();
      return (await events()).length >= before + 3 ? true : undefined;
    }, 'the three flagged orders');
    const added = (await events()).slice(before);
    expect(added.map((e) => e.subject)).toEqual(['P1/1000004', 'P1/1000005', 'P1/1000006']);
    expect(added.map((e) => e.event.data.workOrder.flags.map((f) => f.reference))).toEqual([['ECN-000042'], ['ECN-000042'], ['ECN-000042']]);
    expect((await sync()).announced).toBe(0);
  });

  it('skips a plant ERP fails for, keeps its cursor, and announces its change once ERP answers again', async () => {
    const faults = async (method: 'PUT' | 'DELETE', scope: string, profile?: object) =>
      (await httpCall(method, `${t.mock.url}/admin/faults${scope ? `/${scope}` : ''}`, { token: operator, body: profile })).status;
    const cursorOf = async (plant: string) => (await sync()).plants.find((p) => p.plant === plant)!.cursor;
    const p2Cursor = await cursorOf('P2');
    try {
      expect(await faults('PUT', 'P2', { outages: [{ from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() }] })).toBe(200);
      // The change itself reaches ERP: the outage is of P2's reads.
      await lockInErp('1000008', 'Porosity in housing castings');
      const during = await sync();
      expect(during.plants.map((p) => [p.plant, p.outcome])).toEqual([
        ['P1', 'synced'],
        ['P2', 'skipped'],
        ['P3', 'synced'],
      ]);
      const p2 = during.plants.find((p) => p.plant === 'P2')!;
      expect(p2).toMatchObject({ announced: 0, cursor: p2Cursor, reason: expect.stringContaining('BACKEND_UNAVAILABLE') });
      expect(await events('P2/1000008')).toHaveLength(1);
    } finally {
      expect(await faults('DELETE', '')).toBe(204);
    }
    const [, changed] = await announcedAs('P2/1000008', 2);
    expect(changed.event.data.workOrder).toMatchObject({ number: '1000008', status: 'ON_HOLD', holdReason: 'Porosity in housing castings' });
    expect((await sync()).announced).toBe(0);
    expect(await events('P2/1000008')).toHaveLength(2);
  });
});
