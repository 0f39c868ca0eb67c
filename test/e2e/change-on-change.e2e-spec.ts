import type { EngineeringChangeDto, EngineeringReleaseDto, PlantBomDto, PlantItemDto, ProductionChangeDto } from '@threadline/canonical';
import { eventually } from '../support/eventually';
import { call, expectOk } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { P3_CLOSED_WINDOW_POLICY } from '../support/release-fixtures';

const PLANTS = ['P1', 'P2', 'P3'];
const ITEM = 'HOUSING-2051';
const DAY = 86_400_000;

/** Midnight UTC `days` from today: ERP keeps validity by day, so every system shows the same instant. */
function daysAhead(days: number): string {
  const day = new Date(Date.now() + days * DAY);
  day.setUTCHours(0, 0, 0, 0);
  return day.toISOString();
}

/**
 * Issue 12, item 6: engineering changes a change before it is effective. HOUSING-2051 (a housing
 * of the demo family no other test changes) goes A->B effective in 50 days, then B->C effective in
 * 60 days, both released in PLM. P3's scheduler is down when the first arrives: P3 gets both, in
 * order, once it is back. ERP ends B's validity where C's starts, the schedulers keep B's window,
 * and a third change that would take effect before the one it follows is refused with a code.
 * Only the public APIs: PLM system API to create and release, process API to watch, ERP and
 * scheduling system APIs to read what the plants hold.
 */
describe('a change on a change: A->B in 50 days, then B->C in 60 days (nine apps, real HTTP, real Postgres)', () => {
  let t: TestPlatform;
  let integrator: string;
  let operator: string;
  const bFrom = daysAhead(50);
  const cFrom = daysAhead(60);
  let toB: EngineeringChangeDto;
  let toC: EngineeringChangeDto;

  beforeAll(async () => {
    // Short retry delays: P3's steps retry while its scheduler is down, and go on soon after it returns.
    t = await startTestPlatform('change_on_change', { MESSAGING_TIERS: JSON.stringify({ 1: { baseDelaySeconds: 1, maxDelaySeconds: 3 } }) });
    integrator = await t.token('demo-integrator');
    operator = await t.token('operator');
  }, 120_000);

  afterAll(() => t?.close());

  async function createAndRelease(title: string, fromRevision: string, toRevision: string, startDate: string, bomChanges: object[]): Promise<EngineeringChangeDto> {
    const created = await expectOk(
      `create ${title}`,
      call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes`, {
        token: integrator,
        body: {
          title,
          priority: 'normal',
          targetPlants: PLANTS,
          effectivity: { type: 'date', startDate },
          affectedItems: [{ itemNumber: ITEM, fromRevision, toRevision, disposition: 'use-as-is', bomChanges }],
        },
      }),
    );
    return expectOk(`release ${title}`, call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes/${created.number}/release`, { token: integrator }));
  }

  async function release(changeNumber: string): Promise<EngineeringReleaseDto | undefined> {
    const page = await call<{ items: EngineeringReleaseDto[] }>('GET', `${t.url('process-api')}/v1/engineering-releases?changeNumber=${changeNumber}`, { token: integrator });
    return page.body.items?.[0];
  }

  const rollout = (r: EngineeringReleaseDto | undefined, plant: string) => r?.rollouts.find((o) => o.plant === plant);

  async function boms(plant: string): Promise<PlantBomDto[]> {
    return expectOk(`${plant} BOMs`, call<PlantBomDto[]>('GET', `${t.url('erp-system-api')}/v1/plants/${plant}/items/${ITEM}/boms`, { token: integrator }));
  }

  async function productionChange(plant: string, changeNumber: string): Promise<ProductionChangeDto | undefined> {
    const changes = await expectOk(
      `${plant} production changes`,
      call<ProductionChangeDto[]>('GET', `${t.url('scheduling-system-api')}/v1/plants/${plant}/production-changes?changeNumber=${changeNumber}`, { token: integrator }),
    );
    return changes[0];
  }

  it("P3's scheduler is down; A->B (effective in 50 days) reaches P1 and P2, and ERP in P3, whose scheduler step waits", async () => {
    const outage = await call('PUT', `${t.url('scheduler-mock')}/admin/faults/P3`, {
      token: operator,
      body: { outages: [{ from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 3600_000).toISOString() }] },
    });
    expect(outage.status).toBe(200);
    toB = await createAndRelease('Housing nuts M6 to M8', 'A', 'B', bFrom, [{ action: 'replace', componentNumber: 'NUT-M6', replacementNumber: 'NUT-M8' }]);
    const r = await eventually(async () => {
      const x = await release(toB.number);
      return rollout(x, 'P1')?.state === 'COMPLETED' && rollout(x, 'P2')?.state === 'COMPLETED' && rollout(x, 'P3')?.state === 'ERP_APPLIED' && rollout(x, 'P3')?.lastError
        ? x
        : undefined;
    }, `${toB.number} done in P1 and P2, waiting for P3's scheduler`, 90_000);
    expect(r.state).toBe('ROLLING_OUT');
  }, 120_000);

  it('B->C (effective in 60 days) starts from B, which ERP holds from its date: valid, applied in P1 and P2; in P3 it waits for A->B', async () => {
    // ERP builds A and holds B from its date: the plant item says both.
    const held = await expectOk('P1 item', call<PlantItemDto>('GET', `${t.url('erp-system-api')}/v1/plants/P1/items/${ITEM}`, { token: integrator }));
    expect(held).toMatchObject({ revision: 'A', latestRevision: 'B', latestRevisionValidFrom: bFrom });

    toC = await createAndRelease('Housing washers under the nuts', 'B', 'C', cFrom, [{ action: 'add', componentNumber: 'WASHER-M6', quantity: 4, unit: 'EA' }]);
    const r = await eventually(async () => {
      const x = await release(toC.number);
      if (x?.state === 'REJECTED') throw new Error(`${toC.number} rejected: ${x.failureReason}`);
      return rollout(x, 'P1')?.state === 'COMPLETED' && rollout(x, 'P2')?.state === 'COMPLETED' && rollout(x, 'P3')?.lastError ? x : undefined;
    }, `${toC.number} done in P1 and P2, its turn in P3 not yet come`, 90_000);
    expect(rollout(r, 'P3')).toMatchObject({ state: 'PENDING', lastError: expect.stringContaining(`waits for ${toB.number}`) });
    // P3's ERP has B, not yet C: the plant gets the two in order.
    expect((await boms('P3')).map((b) => b.revision)).toEqual(['B', 'A']);
  }, 120_000);

  it('a third change that would take effect before the change it follows is REJECTED with RELEASE_EFFECTIVITY_BEFORE_PREDECESSOR', async () => {
    const early = daysAhead(55);
    const toD = await createAndRelease('Housing casting change', 'C', 'D', early, [{ action: 'remove', componentNumber: 'WASHER-M6' }]);
    const r = await eventually(async () => {
      const x = await release(toD.number);
      return x?.state === 'REJECTED' || x?.state === 'COMPLETED' ? x : undefined;
    }, `${toD.number} to be decided`, 60_000);
    expect(r.state).toBe('REJECTED');
    expect(r.rejection).toMatchObject({ code: 'RELEASE_EFFECTIVITY_BEFORE_PREDECESSOR', status: 422, object: `P1/${ITEM}` });
    expect(r.rejection!.detail).toBe(`P1: ${toD.number} would take effect ${early.slice(0, 10)}, not after ${toC.number} (rev C) effective ${cFrom.slice(0, 10)}`);
    expect(r.rollouts).toHaveLength(0);
    expect((await boms('P1')).map((b) => b.revision)).toEqual(['C', 'B', 'A']);
  }, 90_000);

  it("P3's scheduler returns: A->B, then B->C complete there; every plant's ERP holds B from day 50 to day 60 and C from day 60", async () => {
    expect((await call('DELETE', `${t.url('scheduler-mock')}/admin/faults/P3`, { token: operator })).status).toBe(204);
    for (const change of [toB, toC]) {
      const done = await eventually(async () => {
        const x = await release(change.number);
        return x?.state === 'COMPLETED' ? x : undefined;
      }, `${change.number} to complete after P3 returns`, 150_000);
      expect(done.rollouts.map((o) => [o.plant, o.state])).toEqual(PLANTS.map((p) => [p, 'COMPLETED']));
    }
    // In P3 the first change reached the scheduler before the second.
    const [bDone, cDone] = await Promise.all([release(toB.number), release(toC.number)]);
    expect(Date.parse(rollout(bDone, 'P3')!.scheduledAt!)).toBeLessThanOrEqual(Date.parse(rollout(cDone, 'P3')!.scheduledAt!));

    for (const plant of PLANTS) {
      const versions = await boms(plant);
      expect(versions.map((b) => [b.revision, b.validFrom, b.validTo])).toEqual([
        ['C', cFrom, null],
        ['B', bFrom, cFrom],
        ['A', expect.any(String), bFrom],
      ]);
      expect(versions.slice(0, 2).map((b) => b.changeNumber)).toEqual([toC.number, toB.number]);
      expect(versions[0].lines.map((l) => l.componentNumber)).toEqual(expect.arrayContaining(['NUT-M8', 'WASHER-M6']));
      const item = await expectOk(`${plant} item`, call<PlantItemDto>('GET', `${t.url('erp-system-api')}/v1/plants/${plant}/items/${ITEM}`, { token: integrator }));
      expect(item).toMatchObject({ revision: 'A', latestRevision: 'C', latestRevisionValidFrom: cFrom });
    }
  }, 320_000);

  it("every plant's scheduler consumes B's components from B's date until C's, and C's from C's date on", async () => {
    for (const plant of PLANTS) {
      const b = await productionChange(plant, toB.number);
      const c = await productionChange(plant, toC.number);
      expect(b).toMatchObject({ revision: 'B', effectiveFrom: bFrom, effectiveTo: cFrom });
      expect(c).toMatchObject({ revision: 'C', effectiveFrom: cFrom, effectiveTo: null });
      expect(b!.components.map((x) => x.componentNumber)).not.toContain('WASHER-M6');
      expect(c!.components.map((x) => x.componentNumber)).toEqual(expect.arrayContaining(['NUT-M8', 'WASHER-M6']));
    }
  });
});

/**
 * The other way a plant can lag: P3 accepts changes only in a release window that is closed now,
 * so A->B has not reached P3's ERP when B->C arrives. B->C is still valid there, because the
 * earlier release brings B (and its rollout waits behind it); a change that would take effect
 * before B->C in P3 is refused, naming B->C, though P3's ERP holds neither yet.
 */
describe('a change on a change for a plant whose ERP has not got the first change yet (nine apps, real HTTP, real Postgres)', () => {
  let t: TestPlatform;
  let integrator: string;
  const item = 'HOUSING-2041';
  const bFrom = daysAhead(50);
  const cFrom = daysAhead(60);

  beforeAll(async () => {
    t = await startTestPlatform('change_on_change_window', { GOVERNANCE_POLICY: P3_CLOSED_WINDOW_POLICY });
    integrator = await t.token('demo-integrator');
  }, 120_000);

  afterAll(() => t?.close());

  async function createAndRelease(plants: string[], fromRevision: string, toRevision: string, startDate: string, bomChanges: object[]): Promise<EngineeringChangeDto> {
    const body = {
      title: `${item} ${fromRevision}->${toRevision}`,
      priority: 'normal',
      targetPlants: plants,
      effectivity: { type: 'date', startDate },
      affectedItems: [{ itemNumber: item, fromRevision, toRevision, disposition: 'use-as-is', bomChanges }],
    };
    const created = await expectOk('create', call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes`, { token: integrator, body }));
    return expectOk('release', call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes/${created.number}/release`, { token: integrator }));
  }

  async function releaseOf(changeNumber: string, done: (r: EngineeringReleaseDto) => boolean): Promise<EngineeringReleaseDto> {
    return eventually(async () => {
      const page = await call<{ items: EngineeringReleaseDto[] }>('GET', `${t.url('process-api')}/v1/engineering-releases?changeNumber=${changeNumber}`, { token: integrator });
      const r = page.body.items?.[0];
      return r && done(r) ? r : undefined;
    }, `${changeNumber} to settle`, 60_000);
  }

  const state = (r: EngineeringReleaseDto, plant: string) => r.rollouts.find((o) => o.plant === plant)?.state;

  it('B->C is valid in P3 though its ERP still builds A: A->B, waiting for the window, brings B; it waits behind A->B', async () => {
    const toB = await createAndRelease(['P1', 'P3'], 'A', 'B', bFrom, [{ action: 'replace', componentNumber: 'NUT-M16', replacementNumber: 'NUT-M12' }]);
    await releaseOf(toB.number, (r) => state(r, 'P1') === 'COMPLETED' && state(r, 'P3') === 'WAITING_FOR_WINDOW');
    const p3 = await expectOk('P3 item', call<PlantItemDto>('GET', `${t.url('erp-system-api')}/v1/plants/P3/items/${item}`, { token: integrator }));
    expect(p3).toMatchObject({ revision: 'A', latestRevision: 'A', latestRevisionValidFrom: null });

    const toC = await createAndRelease(['P1', 'P3'], 'B', 'C', cFrom, [{ action: 'add', componentNumber: 'WASHER-M16', quantity: 4, unit: 'EA' }]);
    const c = await releaseOf(toC.number, (r) => r.state === 'REJECTED' || (state(r, 'P1') === 'COMPLETED' && state(r, 'P3') === 'WAITING_FOR_WINDOW'));
    expect(c.state).toBe('ROLLING_OUT');
    const p3Boms = await expectOk('P3 BOMs', call<PlantBomDto[]>('GET', `${t.url('erp-system-api')}/v1/plants/P3/items/${item}/boms`, { token: integrator }));
    expect(p3Boms.map((b) => b.revision)).toEqual(['A']);

    // In P3 the change to come after B->C must take effect after it, though P3's ERP holds neither B nor C yet.
    const early = daysAhead(55);
    const toD = await createAndRelease(['P3'], 'C', 'D', early, [{ action: 'remove', componentNumber: 'WASHER-M16' }]);
    const d = await releaseOf(toD.number, (r) => r.state === 'REJECTED' || r.state === 'ROLLING_OUT');
    expect(d.rejection).toMatchObject({ code: 'RELEASE_EFFECTIVITY_BEFORE_PREDECESSOR', object: `P3/${item}` });
    expect(d.rejection!.detail).toBe(`P3: ${toD.number} would take effect ${early.slice(0, 10)}, not after ${toC.number} (rev C) effective ${cFrom.slice(0, 10)}`);
  }, 150_000);
});
