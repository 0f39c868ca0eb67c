import type { BomDto, EngineeringChangeDto, EngineeringReleaseDto, JobDto, PlantRoutingDto, PlantImpactDto, RoutingDto } from '@threadline/canonical';
import { eventually } from '../support/eventually';
import { call } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/platform';

/** Built in P1 and P2 (series-2000 model 4); its routing: 10 machining on CNC, 20 balancing on TEST. */
const ITEM = 'IMPELLER-2043';
/** Built in P3 only (model 9). */
const P3_ITEM = 'IMPELLER-2093';
const DAY = 86_400_000;

/**
 * Issue 12 item 2, routings from PLM, through the public APIs only: a change moves IMPELLER-2043's
 * balancing from the test bench to the machining centre's balancer (work centre TEST -> CNC) and
 * cuts its run time; PLM makes the rev B process plan, the impact names the jobs whose operations
 * change, ERP holds a routing version from each plant's effective date and the schedulers plan the
 * new revision's jobs with the new operation. A change naming a work centre P3 lacks is refused.
 */
describe('routing change from PLM to ERP and the schedulers (nine apps, real HTTP, real Postgres)', () => {
  let t: TestPlatform;
  let integrator: string;
  let process: string;
  let change: EngineeringChangeDto;
  const startDate = new Date(Math.ceil((Date.now() + DAY) / DAY) * DAY).toISOString();

  beforeAll(async () => {
    t = await startTestPlatform('routing_change');
    integrator = await t.token('demo-integrator');
    process = await t.token('threadline-process');
  }, 120_000);

  afterAll(() => t?.close());

  const releaseOf = async (number: string, done: (r: EngineeringReleaseDto) => boolean, what: string): Promise<EngineeringReleaseDto> =>
    eventually(async () => {
      const page = await call<{ items: EngineeringReleaseDto[] }>('GET', `${t.url('process-api')}/v1/engineering-releases?changeNumber=${number}`, { token: integrator });
      const r = page.body.items?.[0];
      return r && done(r) ? r : undefined;
    }, what, 90_000);
  const jobs = async (plant: string, item: string): Promise<JobDto[]> =>
    (await call<{ items: JobDto[] }>('GET', `${t.url('scheduling-system-api')}/v1/plants/${plant}/jobs?itemNumber=${item}&limit=200`, { token: process })).body.items;
  const balancing = (job: JobDto) => job.operations.find((o) => o.sequence === 20);
  const createAndRelease = async (body: unknown): Promise<EngineeringChangeDto> => {
    const created = await call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes`, { token: integrator, body });
    expect(created.status).toBe(201);
    const released = await call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes/${created.body.number}/release`, { token: integrator });
    expect(released.status).toBe(200);
    return released.body;
  };
  const bomChange = async (item: string) => {
    const bom = (await call<BomDto>('GET', `${t.url('plm-system-api')}/v1/items/${item}/revisions/A/bom`, { token: integrator })).body;
    return [{ action: 'replace', componentNumber: bom.lines[0].componentNumber, quantity: bom.lines[0].quantity }];
  };

  it("PLM's process plan of rev A agrees with the plants; today the balancing runs on each plant's test bench", async () => {
    const routing = await call<RoutingDto>('GET', `${t.url('plm-system-api')}/v1/items/${ITEM}/revisions/A/routing`, { token: integrator });
    expect(routing.status).toBe(200);
    expect(routing.body.operations.map((o) => [o.sequence, o.workCenter, o.setupMinutes, o.runMinutesPerUnit])).toEqual([
      [10, 'CNC', 30, 12],
      [20, 'TEST', 10, 6],
    ]);
    const p1 = await jobs('P1', ITEM);
    expect(p1.length).toBeGreaterThan(0);
    for (const job of p1) expect(balancing(job)?.resourceId).toBe('P1-TEST');
    const erp = await call<PlantRoutingDto[]>('GET', `${t.url('erp-system-api')}/v1/plants/P2/items/${ITEM}/routing-versions`, { token: integrator });
    expect(erp.body.map((v) => v.operations.map((o) => [o.sequence, o.workCenter, o.runMinutesPerUnit]))).toEqual([
      [
        [10, 'CNC', 12],
        [20, 'TEST', 6],
      ],
    ]);
  });

  it('a change moving the balancing to the CNC work centre with a shorter run time is released; PLM holds the rev B routing', async () => {
    change = await createAndRelease({
      title: 'Balance IMPELLER-2043 on the machining centre',
      targetPlants: ['P1', 'P2'],
      effectivity: { type: 'date', startDate },
      affectedItems: [
        {
          itemNumber: ITEM,
          fromRevision: 'A',
          toRevision: 'B',
          disposition: 'use-as-is',
          bomChanges: await bomChange(ITEM),
          operationChanges: [{ action: 'update', sequence: 20, workCenter: 'CNC', runMinutesPerUnit: 4.5 }],
        },
      ],
    });
    expect(change.affectedItems[0].operationChanges).toEqual([{ action: 'update', sequence: 20, workCenter: 'CNC', runMinutesPerUnit: 4.5 }]);
    const routing = await call<RoutingDto>('GET', `${t.url('plm-system-api')}/v1/items/${ITEM}/revisions/B/routing`, { token: integrator });
    expect(routing.body.operations.map((o) => [o.sequence, o.description, o.workCenter, o.setupMinutes, o.runMinutesPerUnit])).toEqual([
      [10, 'Machining', 'CNC', 30, 12],
      [20, 'Balancing', 'CNC', 10, 4.5],
    ]);
  });

  it('the impact names the jobs whose operations change; ERP holds the new routing version from each plant\'s effective date; the schedulers plan them with the new operation', async () => {
    const r = await releaseOf(change.number, (x) => x.state === 'COMPLETED' || x.state === 'REJECTED' || x.state === 'FAILED', 'the routing change to complete in P1 and P2');
    expect(r.state).toBe('COMPLETED');

    for (const plant of ['P1', 'P2']) {
      const rollout = r.rollouts.find((o) => o.plant === plant)!;
      const effectiveFrom = Date.parse(rollout.effectiveFrom!.slice(0, 10));

      // Impact (assessed before the rollout): the plant's jobs due from the effective date, operation 20 changed.
      const impact = r.impact.find((p) => p.plant === plant) as PlantImpactDto;
      const expected = (await jobs(plant, ITEM)).filter((j) => ['created', 'released'].includes(j.status) && Date.parse(j.dueDate) >= Date.parse(rollout.effectiveFrom!));
      expect(expected.length).toBeGreaterThan(0);
      expect(impact.routingChangedJobs!.map((j) => j.jobId).sort()).toEqual(expected.map((j) => j.id).sort());
      for (const job of impact.routingChangedJobs!) {
        expect(job.operations).toEqual([
          {
            sequence: 20,
            change: 'changed',
            before: { sequence: 20, description: 'Balancing', workCenter: 'TEST', setupMinutes: 10, runMinutesPerUnit: 6 },
            after: { sequence: 20, description: 'Balancing', workCenter: 'CNC', setupMinutes: 10, runMinutesPerUnit: 4.5 },
          },
        ]);
      }

      // ERP: the old version ends where the change's starts, on the plant's CNC work centre.
      const versions = (await call<PlantRoutingDto[]>('GET', `${t.url('erp-system-api')}/v1/plants/${plant}/items/${ITEM}/routing-versions`, { token: integrator })).body;
      expect(versions.map((v) => [v.changeNumber, v.validFrom, v.validTo])).toEqual([
        [null, '2026-01-01T00:00:00.000Z', new Date(effectiveFrom).toISOString()],
        [change.number, new Date(effectiveFrom).toISOString(), null],
      ]);
      expect(versions[1].operations.find((o) => o.sequence === 20)).toMatchObject({ workCenter: 'CNC', plantWorkCenter: `${plant}-CNC`, runMinutesPerUnit: 4.5 });

      // Scheduler: the new revision's jobs balance on the CNC machine.
      for (const job of await jobs(plant, ITEM)) {
        if (expected.some((e) => e.id === job.id)) expect(balancing(job)?.resourceId).toBe(`${plant}-CNC`);
      }
    }
  }, 120_000);

  it('a change whose new routing names a work centre P3 does not have is REJECTED with RELEASE_WORK_CENTER_UNKNOWN, and changes nothing in P3', async () => {
    const refused = await createAndRelease({
      title: `Paint ${P3_ITEM}`,
      targetPlants: ['P3'],
      effectivity: { type: 'date', startDate },
      affectedItems: [
        {
          itemNumber: P3_ITEM,
          fromRevision: 'A',
          toRevision: 'B',
          disposition: 'use-as-is',
          bomChanges: await bomChange(P3_ITEM),
          operationChanges: [{ action: 'add', sequence: 30, description: 'Painting', workCenter: 'PAINT', setupMinutes: 15, runMinutesPerUnit: 3 }],
        },
      ],
    });
    const r = await releaseOf(refused.number, (x) => ['REJECTED', 'COMPLETED', 'ROLLING_OUT'].includes(x.state), 'the painting change to be validated');
    expect(r.state).toBe('REJECTED');
    expect(r.rejection).toMatchObject({ code: 'RELEASE_WORK_CENTER_UNKNOWN', status: 422, object: `P3/PAINT/${P3_ITEM}/B/30` });
    expect(r.rejection!.detail).toBe(`Plant P3 has no work centre PAINT: ${P3_ITEM} rev B operation 30 (Painting) runs on it`);
    const versions = (await call<PlantRoutingDto[]>('GET', `${t.url('erp-system-api')}/v1/plants/P3/items/${P3_ITEM}/routing-versions`, { token: integrator })).body;
    expect(versions.map((v) => v.changeNumber)).toEqual([null]);
  });
});
