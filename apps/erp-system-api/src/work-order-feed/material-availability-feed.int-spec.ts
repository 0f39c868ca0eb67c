import { EventTypes, MaterialAvailabilityChangedV1 } from '@threadline/canonical';
import { DataSource } from 'typeorm';
import { eventually } from '../../../../test/support/eventually';
import { call as httpCall } from '../../../../test/support/http';
import { startSystemApiUnderTest, SystemApiUnderTest } from '../../../../test/support/system-api';

interface Announced {
  subject: string;
  event: { type: string; data: MaterialAvailabilityChangedV1 };
}

const PO_SRV = '/sap/opu/odata/sap/API_PURCHASEORDER_PROCESS_SRV';
const MD_SRV = '/sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV';

/**
 * The ERP system API's material availability feed over erp-mock: a purchase order's delivery date
 * moved and a goods movement posted in ERP are each announced once as
 * threadline.erp.material-availability.changed.v1; what ERP held before the feed started is not.
 */
describe('erp-system-api: the material availability change feed (threadline.erp.material-availability.changed.v1)', () => {
  let t: SystemApiUnderTest<'erp'>;
  let token: string;
  let connector: string;
  let outbox: DataSource;

  const sync = async () => {
    const answer = await httpCall('POST', `${t.api.url}/v1/change-feed/material-availability/sync`, { token });
    expect(answer.status).toBe(200);
    return answer.body as { announced: number; plants: Array<{ plant: string; outcome: string; announced: number; cursor: string | null }> };
  };
  const events = (): Promise<Announced[]> =>
    outbox.query(`SELECT subject, event FROM erp_system_api.outbox WHERE type = $1 ORDER BY position`, [EventTypes.MaterialAvailabilityChanged]);

  beforeAll(async () => {
    t = await startSystemApiUnderTest('erp', { label: 'erp_availability_feed', api: { feedIntervalMs: 86_400_000, feedSettleMs: 300 } });
    token = await t.idp.token('threadline-process');
    connector = await t.idp.token('threadline-connector');
    outbox = t.api.app.get(DataSource);
  });

  afterAll(() => t?.close());

  it('starts at its first sync: the seeded purchase orders and stock are state, not changes', async () => {
    const first = await sync();
    expect(first.plants.map((p) => [p.plant, p.outcome])).toEqual([
      ['P1', 'synced'],
      ['P2', 'synced'],
      ['P3', 'synced'],
    ]);
    expect(first.plants.every((p) => p.cursor !== null)).toBe(true);
    expect(await events()).toEqual([]);
  });

  it("announces a purchase order's moved delivery date and a goods receipt once each, for the plant and item", async () => {
    const moved = await httpCall('PATCH', `${t.mock.url}${PO_SRV}/A_PurchaseOrderScheduleLine(PurchasingDocument='4500000002',PurchasingDocumentItem='10',ScheduleLine='1')`, {
      token: connector,
      body: { ScheduleLineDeliveryDate: `/Date(${Date.UTC(2027, 5, 1)})/` },
    });
    expect(moved.status).toBe(204);
    const posted = await httpCall('POST', `${t.mock.url}${MD_SRV}/A_MaterialDocumentHeader`, {
      token: connector,
      body: { GoodsMovementCode: '05', to_MaterialDocumentItem: [{ Material: 'BOLT-M8', Plant: 'P3', StorageLocation: '0001', GoodsMovementType: '501', QuantityInEntryUnit: '100', EntryUnit: 'PC' }] },
    });
    expect(posted.status).toBe(201);
    const announced = await eventually(async () => {
      await sync();
      const rows = await events();
      return rows.length >= 2 ? rows : undefined;
    }, 'both changes announced');
    expect(announced.map((e) => [e.subject, e.event.data.change.reason, e.event.data.change.document])).toEqual([
      ['P1/SEAL-200', 'purchase-order-changed', '4500000002/10'],
      ['P3/BOLT-M8', 'goods-movement', `${posted.body.d.MaterialDocument}/${posted.body.d.MaterialDocumentYear}/1`],
    ]);
    expect((await sync()).announced).toBe(0);
    expect(await events()).toHaveLength(2);
  });
});
