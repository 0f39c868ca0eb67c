import type { DeadLetterDetailDto, DeadLetterPageDto, DeadLetterReplayDto, EngineeringChangeDto, EngineeringReleaseDto, EventReplayDto, PlantBomDto, RetryingPageDto } from '@threadline/canonical';
import { eventually } from '../support/eventually';
import { call } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { anEngineeringChange } from '../support/release-fixtures';

/**
 * Operations over the whole platform: a plant's scheduler down for longer than the whole retry
 * budget of a fault (its rollout waits, retrying, and completes when it returns: an outage is never
 * a dead letter in tier 1), and a change ERP refuses for good (a dead letter with its reason, the
 * rollout STALLED; the operator fixes the cause and replays, or replays in bulk, and the release
 * completes; or discards, and the release fails).
 */
describe('operations: retrying steps, dead letters and replay (nine apps, real HTTP, real Postgres)', () => {
  let t: TestPlatform;
  let integrator: string;
  let operator: string;

  beforeAll(async () => {
    // Short delays and a small fault budget, so an outage outlasts the budget within seconds.
    t = await startTestPlatform('operations', { MESSAGING_TIERS: JSON.stringify({ 1: { baseDelaySeconds: 1, maxDelaySeconds: 2, maxAttempts: 2 } }) });
    integrator = await t.token('demo-integrator');
    operator = await t.token('operator');
  }, 120_000);

  afterAll(() => t?.close());

  const process = (path: string) => `${t.url('process-api')}${path}`;

  async function release(body: Record<string, unknown>): Promise<string> {
    const created = await call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes`, { token: integrator, body });
    expect(created.status).toBe(201);
    const released = await call('POST', `${t.url('plm-system-api')}/v1/engineering-changes/${created.body.number}/release`, { token: integrator });
    expect(released.status).toBe(200);
    return created.body.number;
  }

  const releaseOf = async (changeNumber: string): Promise<EngineeringReleaseDto | undefined> =>
    (await call<{ items: EngineeringReleaseDto[] }>('GET', process(`/v1/engineering-releases?changeNumber=${changeNumber}`), { token: integrator })).body.items?.[0];

  const until = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000) => eventually(probe, what, timeoutMs);

  const rollout = (r: EngineeringReleaseDto | undefined, plant: string) => r?.rollouts.find((x) => x.plant === plant);

  it('a scheduler down past every retry budget: the rollout waits in the retrying view, no dead letter, and completes when it is back', async () => {
    const outage = await call('PUT', `${t.url('scheduler-mock')}/admin/faults/P3`, {
      token: operator,
      body: { outages: [{ from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 3600_000).toISOString() }] },
    });
    expect(outage.status).toBe(200);
    const changeNumber = await release(anEngineeringChange({ title: 'Long outage at P3', targetPlants: ['P1', 'P3'] }));
    const retrying = await until('P3 retried past the fault budget (2 attempts)', async () => {
      const page = await call<RetryingPageDto>('GET', process(`/v1/retrying?changeNumber=${changeNumber}&plant=P3`), { token: operator });
      const step = page.body.items?.[0];
      return step && step.attempts > 3 ? page.body : undefined;
    });
    expect(retrying.items[0]).toMatchObject({
      flow: 'plant-rollout',
      tier: 1,
      plant: 'P3',
      changeNumber,
      errorClass: 'backend-unavailable',
      errorCode: 'BACKEND_UNAVAILABLE',
      backend: 'scheduling-system-api',
      nextAttemptAt: expect.any(String),
    });
    expect(retrying.countsByErrorClass['backend-unavailable']).toBeGreaterThanOrEqual(1);
    // Meanwhile P1 is done, and nothing became a dead letter.
    expect(rollout(await releaseOf(changeNumber), 'P1')?.state).toBe('COMPLETED');
    const dead = await call<DeadLetterPageDto>('GET', process(`/v1/dead-letters?changeNumber=${changeNumber}`), { token: operator });
    expect(dead.body.items).toEqual([]);

    expect((await call('DELETE', `${t.url('scheduler-mock')}/admin/faults/P3`, { token: operator })).status).toBe(204);
    const done = await until('the release completed once P3 is back', async () => {
      const r = await releaseOf(changeNumber);
      return r?.state === 'COMPLETED' ? r : undefined;
    });
    expect(rollout(done, 'P3')).toMatchObject({ state: 'COMPLETED' });
    const after = await call<RetryingPageDto>('GET', process(`/v1/retrying?changeNumber=${changeNumber}`), { token: operator });
    expect(after.body.items).toEqual([]);
  });

  /**
   * A change P1's ERP refuses for good: it adds a coupling that has lost its valuation in P1, so
   * ERP refuses to roll the cost up (CK/240) after the BOM is applied.
   */
  const refusedChange = (item: string, component: string) =>
    anEngineeringChange({
      title: `Add ${component} to ${item} (no valuation in P1)`,
      targetPlants: ['P1'],
      affectedItems: [{ itemNumber: item, fromRevision: 'A', toRevision: 'B', disposition: 'use-as-is', bomChanges: [{ action: 'add', componentNumber: component, quantity: 1, unit: 'EA' }] }],
    });

  const removed = new Map<string, { standard_price: string; price_unit_qty: number; currency: string }>();

  /** The cause: the part's valuation in P1 is gone (a master-data mistake in ERP). */
  async function removeValuationInP1(material: string): Promise<void> {
    const { rows } = await t.db.withClient((db) => db.query(`DELETE FROM erp_mock.product_valuations WHERE product = $1 AND valuation_area = 'P1' RETURNING standard_price, price_unit_qty, currency`, [material]));
    expect(rows).toHaveLength(1);
    removed.set(material, rows[0] as { standard_price: string; price_unit_qty: number; currency: string });
  }

  /** The operator's fix in ERP: the valuation maintained again. */
  async function restoreValuationInP1(material: string): Promise<void> {
    const v = removed.get(material)!;
    await t.db.withClient((db) =>
      db.query(`INSERT INTO erp_mock.product_valuations (product, valuation_area, standard_price, price_unit_qty, currency) VALUES ($1, 'P1', $2, $3, $4)`, [
        material,
        v.standard_price,
        v.price_unit_qty,
        v.currency,
      ]),
    );
  }

  it('ERP refuses for good: a dead letter with its reason, the rollout STALLED; fixed and replayed, the release completes', async () => {
    await removeValuationInP1('COUPLING-19');
    const unvalued = await call('GET', `${t.url('erp-system-api')}/v1/plants/P1/items/COUPLING-19`, { token: integrator });
    expect(unvalued.body).toMatchObject({ itemNumber: 'COUPLING-19', standardCost: null });
    const changeNumber = await release(refusedChange('PUMP-2040', 'COUPLING-19'));
    const stalled = await until('P1 stalled', async () => {
      const r = await releaseOf(changeNumber);
      return rollout(r, 'P1')?.stalled ? r : undefined;
    });
    const p1 = rollout(stalled, 'P1')!;
    const deadLetterId = p1.stalled!.deadLetterId;
    // ERP refused the cost roll-up after the BOM: the rollout stalled in PENDING, the state a replay resumes.
    expect(p1).toMatchObject({ state: 'PENDING', stalled: { deadLetterId: expect.any(String), reason: expect.stringContaining('COUPLING-19') } });
    expect(stalled?.history.some((h) => h.plant === 'P1' && h.to === 'STALLED' && h.reason.includes(deadLetterId))).toBe(true);

    const page = await call<DeadLetterPageDto>('GET', process(`/v1/dead-letters?flow=plant-rollout&plant=P1&changeNumber=${changeNumber}`), { token: operator });
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0]).toMatchObject({ id: deadLetterId, state: 'dead', errorClass: 'refused', errorCode: 'BACKEND_REJECTED', backend: 'erp-system-api', attempts: 1 });
    expect(page.body.countsByErrorClass).toEqual({ refused: 1 });
    const detail = await call<DeadLetterDetailDto>('GET', process(`/v1/dead-letters/${deadLetterId}`), { token: operator });
    expect(detail.body).toMatchObject({ payload: { plant: 'P1', changeNumber }, correlationId: expect.any(String), traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(detail.body.attemptHistory).toEqual([expect.objectContaining({ attempt: 1, outcome: 'dead-letter', error: expect.stringContaining('COUPLING-19') })]);

    // Replay needs a reason; a planner's token cannot replay.
    expect((await call('POST', process(`/v1/dead-letters/${deadLetterId}/replay`), { token: operator, body: {} })).status).toBe(400);
    expect((await call('POST', process(`/v1/dead-letters/${deadLetterId}/replay`), { token: integrator, body: { reason: 'try' } })).status).toBe(403);

    await restoreValuationInP1('COUPLING-19');
    const replayed = await call<DeadLetterPageDto['items'][number]>('POST', process(`/v1/dead-letters/${deadLetterId}/replay`), {
      token: operator,
      body: { reason: 'COUPLING-19 valuation maintained in P1' },
    });
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ state: 'replaying', resolvedBy: 'operator', resolution: 'COUPLING-19 valuation maintained in P1', replays: 1 });
    // The operator's action is on the audit trail with who, why, and the dead letter before and after.
    const trail = await until('the replay on the audit trail', async () => {
      const page = await call<{ items: Array<Record<string, unknown>> }>('GET', process(`/v1/audit-events?target=/v1/dead-letters/${deadLetterId}/replay&outcome=succeeded`), { token: operator });
      return page.body.items?.[0];
    });
    expect(trail).toMatchObject({
      subject: 'operator',
      route: '/v1/dead-letters/:id/replay',
      details: { reason: 'COUPLING-19 valuation maintained in P1', before: { id: deadLetterId, state: 'dead' }, after: { id: deadLetterId, state: 'replaying' } },
    });
    const done = await until('the release completed after the replay', async () => {
      const r = await releaseOf(changeNumber);
      return r?.state === 'COMPLETED' ? r : undefined;
    });
    expect(rollout(done, 'P1')).toMatchObject({ state: 'COMPLETED' });
    expect(rollout(done, 'P1')?.stalled).toBeUndefined();
    const boms = await call<PlantBomDto[]>('GET', `${t.url('erp-system-api')}/v1/plants/P1/items/PUMP-2040/boms`, { token: integrator });
    expect(boms.body.filter((b) => b.changeNumber === changeNumber)).toHaveLength(1);
    expect((await call<DeadLetterDetailDto>('GET', process(`/v1/dead-letters/${deadLetterId}`), { token: operator })).body.state).toBe('recovered');
    // A second replay is refused and changes nothing.
    const again = await call('POST', process(`/v1/dead-letters/${deadLetterId}/replay`), { token: operator, body: { reason: 'again' } });
    expect(again).toMatchObject({ status: 409, body: { code: 'DEAD_LETTER_NOT_OPEN' } });
  });

  it("re-emits past events to one named consumer only; its inbox keeps the read model as it was", async () => {
    const adoption = async () =>
      (await call<{ items: unknown[] }>('GET', `${t.url('experience-api')}/v2/dashboards/revision-adoption?limit=200`, { token: await t.token('dashboard') })).body.items;
    const before = await adoption();
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const replayed = await call<EventReplayDto>('POST', process('/v1/event-replays'), {
      token: operator,
      body: { type: 'threadline.process.plant-rollout.completed.v1', from, to, consumer: 'experience-api.release-events', reason: 'rebuild check' },
    });
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ consumer: 'experience-api.release-events', type: 'threadline.process.plant-rollout.completed.v1' });
    // The releases above completed rollouts in P1 and P3 at least.
    expect(replayed.body.count).toBeGreaterThanOrEqual(2);
    // The consumer's inbox has them all already: nothing moves.
    await until('the replayed events to be handled', async () => {
      const n = await t.db.withClient(async (db) => (await db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'experience-api.release-events' AND state IN ('created', 'retry', 'active')`)).rows[0].n as number);
      return n === 0 ? true : undefined;
    });
    expect(await adoption()).toEqual(before);
    const unknown = await call('POST', process('/v1/event-replays'), { token: operator, body: { type: 'threadline.process.plant-rollout.completed.v1', from, to, consumer: 'nobody.listens', reason: 'typo' } });
    expect(unknown).toMatchObject({ status: 422, body: { code: 'EVENT_REPLAY_CONSUMER_UNKNOWN' } });
    const backwards = await call('POST', process('/v1/event-replays'), { token: operator, body: { type: 'threadline.process.plant-rollout.completed.v1', from: to, to: from, consumer: 'experience-api.release-events', reason: 'oops' } });
    expect(backwards).toMatchObject({ status: 400, body: { code: 'EVENT_REPLAY_RANGE_INVALID' } });
  });

  it('a bulk replay by filter reports each dead letter outcome; a discard fails the rollout with the reason', async () => {
    await removeValuationInP1('COUPLING-24');
    await removeValuationInP1('COUPLING-28');
    const first = await release(refusedChange('PUMP-2010', 'COUPLING-24'));
    const second = await release(refusedChange('PUMP-2020', 'COUPLING-24'));
    const third = await release(refusedChange('PUMP-2030', 'COUPLING-28'));
    for (const changeNumber of [first, second, third]) {
      await until(`${changeNumber} stalled`, async () => (rollout(await releaseOf(changeNumber), 'P1')?.stalled ? true : undefined));
    }
    // The third one is given up: its rollout and release fail, with the operator's reason.
    const thirdDeadLetter = rollout(await releaseOf(third), 'P1')!.stalled!.deadLetterId;
    const discarded = await call('POST', process(`/v1/dead-letters/${thirdDeadLetter}/discard`), { token: operator, body: { reason: 'coupling 28 dropped from the design' } });
    expect(discarded).toMatchObject({ status: 200, body: { state: 'discarded', resolution: 'coupling 28 dropped from the design' } });
    const failed = await until('the third release failed', async () => {
      const r = await releaseOf(third);
      return r?.state === 'FAILED' ? r : undefined;
    });
    expect(rollout(failed, 'P1')).toMatchObject({ state: 'FAILED', lastError: expect.stringContaining('coupling 28 dropped from the design') });
    expect(rollout(failed, 'P1')?.stalled).toBeUndefined();

    await restoreValuationInP1('COUPLING-24');
    const created = await call<DeadLetterReplayDto>('POST', process('/v1/dead-letter-replays'), {
      token: operator,
      body: { flow: 'plant-rollout', plant: 'P1', errorClass: 'refused', reason: 'COUPLING-24 valuation maintained in P1', ratePerSecond: 10 },
    });
    expect(created.status).toBe(201);
    expect(created.body.progress.total).toBe(2);
    const finished = await until('the bulk replay finished and both steps recovered', async () => {
      const r = await call<DeadLetterReplayDto>('GET', process(`/v1/dead-letter-replays/${created.body.id}`), { token: operator });
      return r.body.state === 'completed' && r.body.progress.byOutcome.recovered === 2 ? r.body : undefined;
    });
    expect(finished.items.map((i) => i.outcome)).toEqual(['recovered', 'recovered']);
    for (const changeNumber of [first, second]) {
      await until(`${changeNumber} completed`, async () => ((await releaseOf(changeNumber))?.state === 'COMPLETED' ? true : undefined));
    }
  });
});
