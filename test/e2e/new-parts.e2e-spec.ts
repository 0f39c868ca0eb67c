import type { EngineeringChangeDto, EngineeringReleaseDto, ItemDto, PlantBomDto, PlantItemDto } from '@threadline/canonical';
import { eventually } from '../support/eventually';
import { call } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/platform';

/** A number no other test uses: the substitute for the obsolete seal. */
const NEW_SEAL = 'SEAL-275';

/** What the default plant policy gives a new bought item in each plant's ERP (apps/process-api README, "Plant material policy"). */
const POLICY: Record<string, { mrpController: string; lotSizing: string; standardCost: number; currency: string }> = {
  P1: { mrpController: '101', lotSizing: 'lot-for-lot', standardCost: 10, currency: 'EUR' },
  P2: { mrpController: '201', lotSizing: 'weekly', standardCost: 250, currency: 'CZK' },
  P3: { mrpController: '301', lotSizing: 'lot-for-lot', standardCost: 200, currency: 'MXN' },
};

/**
 * The seed's scenario with a new part: SEAL-200 is obsolete at its supplier, and engineering
 * creates a new substitute seal in PLM, then a change that puts it into PUMP-100 rev B and
 * releases its first revision. The release creates the seal in each plant's ERP with the plant's
 * material policy before the new BOM that uses it, and completes in all three plants. P2's ERP was
 * given the seal beforehand (as a retry after a crash would find it): the rollout takes it as it is.
 */
describe('new parts: a change brings a substitute part that no ERP holds yet (nine apps, real HTTP, real Postgres)', () => {
  let t: TestPlatform;
  let integrator: string;
  let process: string;
  let change: EngineeringChangeDto;

  beforeAll(async () => {
    t = await startTestPlatform('new_parts');
    integrator = await t.token('demo-integrator');
    process = await t.token('threadline-process');
  }, 120_000);

  afterAll(() => t?.close());

  const plantItem = (plant: string) => call<PlantItemDto>('GET', `${t.url('erp-system-api')}/v1/plants/${plant}/items/${NEW_SEAL}`, { token: integrator });

  it('engineering creates the new seal in PLM: its first revision A, in work; the number cannot be taken twice', async () => {
    const body = { number: NEW_SEAL, name: 'Shaft seal, HNBR', unit: 'EA', sourcing: 'buy', description: 'Substitute for SEAL-200' };
    const key = { 'idempotency-key': `create-${NEW_SEAL}` };
    const created = await call<ItemDto>('POST', `${t.url('plm-system-api')}/v1/items`, { token: integrator, body, headers: key });
    expect(created.status).toBe(201);
    // A retry with the same Idempotency-Key (its answer was lost) gets the first answer, not a 409.
    const replayed = await call<ItemDto>('POST', `${t.url('plm-system-api')}/v1/items`, { token: integrator, body, headers: key });
    expect(replayed.status).toBe(201);
    expect(replayed.body).toEqual(created.body);
    expect(created.headers.get('location')).toBe(`/v1/items/${NEW_SEAL}`);
    expect(created.body).toMatchObject({ number: NEW_SEAL, name: 'Shaft seal, HNBR', unit: 'EA', sourcing: 'buy', latestReleasedRevision: null });
    expect(created.body.revisions).toEqual([expect.objectContaining({ itemNumber: NEW_SEAL, revision: 'A', state: 'IN_WORK', changeNumber: null })]);

    const again = await call('POST', `${t.url('plm-system-api')}/v1/items`, { token: integrator, body: { ...body, name: 'Another seal' } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ITEM_ALREADY_EXISTS' });
    const invalid = await call('POST', `${t.url('plm-system-api')}/v1/items`, { token: integrator, body: { ...body, number: 'SEAL-276', unit: 'FURLONG' } });
    expect(invalid.status).toBe(400);
    expect((await call('GET', `${t.url('plm-system-api')}/v1/items/SEAL-276`, { token: integrator })).status).toBe(404);
    // No ERP holds it yet.
    for (const plant of ['P1', 'P2', 'P3']) expect((await plantItem(plant)).status).toBe(404);
  });

  it("P2's ERP is given the seal with its policy's data beforehand; the same create again is answered 200, changing nothing", async () => {
    const body = { itemNumber: NEW_SEAL, name: 'Shaft seal, HNBR', unit: 'EA', sourcing: 'buy', procurementType: 'buy', mrpController: '201', lotSizing: 'weekly', standardPrice: 250, currency: 'CZK' };
    const first = await call<PlantItemDto>('POST', `${t.url('erp-system-api')}/v1/plants/P2/items`, { token: process, body });
    expect(first.status).toBe(201);
    const retry = await call<PlantItemDto>('POST', `${t.url('erp-system-api')}/v1/plants/P2/items`, { token: process, body });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
  });

  it('a change replaces SEAL-200 with the new seal in PUMP-100 rev B and names the seal among its new items; PLM releases both', async () => {
    const created = await call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes`, {
      token: integrator,
      body: {
        title: `SEAL-200 obsolete at supplier: new seal ${NEW_SEAL}`,
        priority: 'high',
        targetPlants: ['P1', 'P2', 'P3'],
        effectivity: { type: 'date', startDate: new Date(Date.now() + 24 * 3600_000).toISOString() },
        newItems: [{ itemNumber: NEW_SEAL, revision: 'A' }],
        affectedItems: [
          {
            itemNumber: 'PUMP-100',
            fromRevision: 'A',
            toRevision: 'B',
            disposition: 'use-up',
            bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: NEW_SEAL }],
          },
        ],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.newItems).toEqual([{ itemNumber: NEW_SEAL, revision: 'A' }]);
    expect(created.body.affectedItems.map((a) => a.itemNumber)).toEqual(['PUMP-100']);
    const released = await call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes/${created.body.number}/release`, { token: integrator });
    expect(released.status).toBe(200);
    change = released.body;
    expect(change.newItems).toEqual([{ itemNumber: NEW_SEAL, revision: 'A' }]);

    const seal = await call<ItemDto>('GET', `${t.url('plm-system-api')}/v1/items/${NEW_SEAL}`, { token: integrator });
    expect(seal.body.latestReleasedRevision).toBe('A');
    expect(seal.body.revisions).toEqual([expect.objectContaining({ revision: 'A', state: 'RELEASED', changeNumber: change.number })]);
    const pumpB = await call<{ lines: Array<{ componentNumber: string }> }>('GET', `${t.url('plm-system-api')}/v1/items/PUMP-100/revisions/B/bom`, { token: integrator });
    expect(pumpB.body.lines.map((l) => l.componentNumber)).toContain(NEW_SEAL);
  });

  it('the release completes in P1, P2 and P3: each ERP holds the seal with its plant policy, and the new BOM uses it', async () => {
    const release = await eventually(async () => {
      const page = await call<{ items: EngineeringReleaseDto[] }>('GET', `${t.url('process-api')}/v1/engineering-releases?changeNumber=${change.number}`, { token: integrator });
      const found = page.body.items?.[0];
      return found?.state === 'COMPLETED' || found?.state === 'FAILED' || found?.state === 'REJECTED' ? found : undefined;
    }, 'the release to finish', 90_000);
    expect(release.state).toBe('COMPLETED');
    expect(release.rollouts.map((r) => [r.plant, r.state])).toEqual([
      ['P1', 'COMPLETED'],
      ['P2', 'COMPLETED'],
      ['P3', 'COMPLETED'],
    ]);

    for (const plant of ['P1', 'P2', 'P3']) {
      const item = await plantItem(plant);
      expect(item.status).toBe(200);
      expect(item.body).toMatchObject({ plant, itemNumber: NEW_SEAL, description: 'Shaft seal, HNBR', revision: 'A', unit: 'EA', procurementType: 'buy', ...POLICY[plant] });
      const boms = await call<PlantBomDto[]>('GET', `${t.url('erp-system-api')}/v1/plants/${plant}/items/PUMP-100/boms`, { token: integrator });
      const revB = boms.body.find((b) => b.revision === 'B')!;
      expect(revB.changeNumber).toBe(change.number);
      expect(revB.lines.map((l) => l.componentNumber)).toContain(NEW_SEAL);
      expect(revB.lines.map((l) => l.componentNumber)).not.toContain('SEAL-200');
    }

    // The rollouts record what they created: P1 and P3 the seal, P2 nothing (its ERP held it).
    const full = await call<EngineeringReleaseDto>('GET', `${t.url('process-api')}/v1/engineering-releases/${release.id}`, { token: integrator });
    const applied = (plant: string) => full.body.history.find((h) => h.plant === plant && h.to === 'ERP_APPLIED')!.reason;
    expect(applied('P1')).toContain(`1 new material(s) created: ${NEW_SEAL}`);
    expect(applied('P3')).toContain(`1 new material(s) created: ${NEW_SEAL}`);
    expect(applied('P2')).toContain('no new material');
  }, 120_000);
});
