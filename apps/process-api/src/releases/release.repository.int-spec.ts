import type { EngineeringChangeDto } from '@threadline/canonical';
import { EventBus, messagingTablesMigration, MessagingService } from '@threadline/messaging';
import { openAppDataSource } from '@threadline/platform';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { ProcessInit1764300000000 } from '../migrations/1764300000000-process-init';
import { GovernedRelease1764300000001 } from '../migrations/1764300000001-governed-release';
import { ExceptionCases1764300000002 } from '../migrations/1764300000002-exception-cases';
import { StalledSteps1766100000000 } from '../migrations/1766100000000-stalled-steps';
import { PROCESS_SCHEMA } from '../process-api.schema';
import { PROCESS_ENTITIES } from './release.entities';
import { ReleaseRepository, SYSTEM_ACTOR } from './release.repository';
import { releasedItems } from './release-rules';

/** Release order per plant and item, as the rollout worker asks for it (real PostgreSQL). */
describe('ReleaseRepository: an earlier change to the same item reaches a plant first', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let releases: ReleaseRepository;

  beforeAll(async () => {
    db = await createTestDatabase('release_order');
    dataSource = await openAppDataSource({
      schema: PROCESS_SCHEMA,
      url: db.url,
      entities: PROCESS_ENTITIES,
      migrations: [messagingTablesMigration(PROCESS_SCHEMA), ProcessInit1764300000000, GovernedRelease1764300000001, ExceptionCases1764300000002, StalledSteps1766100000000],
    });
    releases = new ReleaseRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  let sequence = 0;
  /** A release rolling out to `plants`, created after the ones before it. */
  async function rollingOut(item: string, plants: string[], state: 'ROLLING_OUT' | 'AWAITING_APPROVAL' | 'RECEIVED' = 'ROLLING_OUT'): Promise<{ id: string; changeNumber: string }> {
    const number = `ECN-8${String(++sequence).padStart(5, '0')}`;
    const change = {
      number,
      title: 't',
      description: null,
      state: 'RELEASED',
      priority: 'normal',
      targetPlants: plants,
      effectivity: { type: 'date', startDate: '2027-01-04T00:00:00.000Z' },
      affectedItems: [{ itemNumber: item, fromRevision: 'A', toRevision: 'B', disposition: 'use-up', bomChanges: [] }],
      createdAt: '2026-12-01T00:00:00.000Z',
      releasedAt: '2026-12-01T00:00:00.000Z',
    } as unknown as EngineeringChangeDto;
    const release = await releases.transaction(async (em) => {
      const created = await releases.insertReceived(em, change, releasedItems(change), { actor: 'test', reason: 'received' }, new Date(Date.now() + sequence));
      if (state === 'RECEIVED') return created!;
      await releases.moveRelease(em, created!, state, 'test');
      // Rollouts start with the rollout; a release awaiting approval has none yet.
      if (state === 'ROLLING_OUT') await releases.insertRollouts(em, plants.map((plant) => ({ releaseId: created!.id, plant, effectiveFrom: null, updatedAt: new Date() })));
      return created!;
    });
    return { id: release.id, changeNumber: number };
  }

  const complete = (releaseId: string, plant: string) =>
    releases.transaction(async (em) => {
      const rollout = await releases.lockRollout(em, releaseId, plant);
      await releases.moveRollout(em, rollout!, 'COMPLETED', 'test');
    });

  it('names the earlier change still on its way to that plant, and nothing once it has arrived', async () => {
    const first = await rollingOut('PUMP-100', ['P1', 'P2']);
    const second = await rollingOut('PUMP-100', ['P2', 'P3']);
    expect(await releases.earlierChangeInPlant(second.id, 'P2', ['PUMP-100'])).toBe(first.changeNumber);
    // Not in another plant, not for another item, and never the other way round.
    expect(await releases.earlierChangeInPlant(second.id, 'P3', ['PUMP-100'])).toBeNull();
    expect(await releases.earlierChangeInPlant(second.id, 'P2', ['VALVE-300'])).toBeNull();
    expect(await releases.earlierChangeInPlant(first.id, 'P2', ['PUMP-100'])).toBeNull();
    await complete(first.id, 'P2');
    expect(await releases.earlierChangeInPlant(second.id, 'P2', ['PUMP-100'])).toBeNull();
  });

  it('reads a rollout step in one statement: the release, its rollout in the plant, and the earlier change only before ERP', async () => {
    const first = await rollingOut('GEAR-500', ['P1', 'P2']);
    const second = await rollingOut('GEAR-500', ['P1']);
    const step = await releases.rolloutStep(second.id, 'P1');
    expect(step.release).toMatchObject({ id: second.id, changeNumber: second.changeNumber, state: 'ROLLING_OUT' });
    expect(step.rollout).toMatchObject({ releaseId: second.id, plant: 'P1', state: 'PENDING', attempts: 0, notBefore: null });
    expect(step.earlier).toBe(first.changeNumber);
    // No rollout in a plant the release does not target; none to wait for past ERP.
    expect(await releases.rolloutStep(second.id, 'P2')).toMatchObject({ rollout: null, earlier: null });
    await complete(second.id, 'P1');
    expect(await releases.rolloutStep(second.id, 'P1')).toMatchObject({ rollout: { state: 'COMPLETED' }, earlier: null });
    await expect(releases.rolloutStep('00000000-0000-0000-0000-000000000000', 'P1')).rejects.toThrow();
  });

  it('holds a later change behind an earlier one that is stalled on a dead letter', async () => {
    const first = await rollingOut('VALVE-300', ['P1']);
    const second = await rollingOut('VALVE-300', ['P1']);
    await releases.transaction(async (em) => {
      const rollout = await releases.lockRollout(em, first.id, 'P1');
      rollout!.stalledFrom = 'PENDING';
      await releases.moveRollout(em, rollout!, 'STALLED', 'dead letter');
    });
    expect(await releases.earlierChangeInPlant(second.id, 'P1', ['VALVE-300'])).toBe(first.changeNumber);
  });

  it('holds a later change behind an earlier one that has no rollout yet (awaiting an approver), in its target plants only', async () => {
    const first = await rollingOut('HOUSING-2011', ['P1'], 'AWAITING_APPROVAL');
    const second = await rollingOut('HOUSING-2011', ['P1', 'P2']);
    expect(await releases.earlierChangeInPlant(second.id, 'P1', ['HOUSING-2011'])).toBe(first.changeNumber);
    expect(await releases.earlierChangeInPlant(second.id, 'P2', ['HOUSING-2011'])).toBeNull();
  });

  it('lists the earlier releases of an item still on their way to each plant, and an earlier one still to be validated', async () => {
    const first = await rollingOut('HOUSING-2021', ['P1', 'P2']);
    await complete(first.id, 'P1');
    const later = await rollingOut('HOUSING-2021', ['P2']);
    const inFlight = await releases.inFlightChangesOfItems(later.changeNumber, ['HOUSING-2021']);
    // P1 has it (completed); P2 not yet. The later release itself is not its own predecessor.
    expect(inFlight).toEqual([{ changeNumber: first.changeNumber, itemNumber: 'HOUSING-2021', toRevision: 'B', plant: 'P2', effectiveFrom: '2027-01-04T00:00:00.000Z' }]);
    expect(await releases.inFlightChangesOfItems(first.changeNumber, ['HOUSING-2021'])).toEqual([]);

    const unvalidated = await rollingOut('HOUSING-2031', ['P1'], 'RECEIVED');
    const next = await rollingOut('HOUSING-2031', ['P1'], 'RECEIVED');
    expect(await releases.earlierUnvalidatedChange(next.changeNumber, ['HOUSING-2031'])).toBe(unvalidated.changeNumber);
    expect(await releases.earlierUnvalidatedChange(unvalidated.changeNumber, ['HOUSING-2031'])).toBeNull();
    expect(await releases.inFlightChangesOfItems(next.changeNumber, ['HOUSING-2031'])).toEqual([]);

    // Validation's one statement answers what the three reads answer.
    for (const [number, items] of [
      [later.changeNumber, ['HOUSING-2021']],
      [next.changeNumber, ['HOUSING-2031', 'HOUSING-2021']],
      [first.changeNumber, ['NOTHING-1']],
    ] as const) {
      expect(await releases.validationReads(number, [...items])).toEqual({
        unvalidated: await releases.earlierUnvalidatedChange(number, [...items]),
        otherReleases: await releases.otherChangesOfItems(number, [...items]),
        inFlight: await releases.inFlightChangesOfItems(number, [...items]),
      });
    }
    expect((await releases.validationReads(later.changeNumber, ['HOUSING-2021'])).inFlight).toHaveLength(1);
    expect((await releases.validationReads(next.changeNumber, ['HOUSING-2031'])).otherReleases).toHaveLength(1);
  });
});

/** State changes as the workers make them: one UPDATE each, the transition and its event in the same transaction (real PostgreSQL). */
describe('ReleaseRepository: moving a release and a rollout', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let releases: ReleaseRepository;

  beforeAll(async () => {
    db = await createTestDatabase('release_moves');
    dataSource = await openAppDataSource({
      schema: PROCESS_SCHEMA,
      url: db.url,
      entities: PROCESS_ENTITIES,
      migrations: [messagingTablesMigration(PROCESS_SCHEMA), ProcessInit1764300000000, GovernedRelease1764300000001, ExceptionCases1764300000002, StalledSteps1766100000000],
    });
    // Transitions publish events to the outbox; the bus itself is never started here.
    const messaging = new MessagingService({ appName: 'process-api', schema: PROCESS_SCHEMA, databaseUrl: db.url }, dataSource, new EventBus({ databaseUrl: db.url, applicationName: 'release-moves-test' }));
    releases = new ReleaseRepository(dataSource, messaging);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const change = {
    number: 'ECN-700001',
    title: 't',
    description: null,
    state: 'RELEASED',
    priority: 'normal',
    targetPlants: ['P1'],
    effectivity: { type: 'date', startDate: '2027-01-04T00:00:00.000Z' },
    affectedItems: [{ itemNumber: 'PUMP-100', fromRevision: 'A', toRevision: 'B', disposition: 'use-up', bomChanges: [] }],
    createdAt: '2026-12-01T00:00:00.000Z',
    releasedAt: '2026-12-01T00:00:00.000Z',
  } as unknown as EngineeringChangeDto;

  it('writes the documents a step passes, keeps the others, and publishes each transition with the change number', async () => {
    const boms = { 'PUMP-100': { revision: 'B', lines: [] } };
    const id = await releases.transaction(async (em) => {
      const release = (await releases.insertReceived(em, change, releasedItems(change), { actor: 'test', reason: 'received' }))!;
      await releases.moveRelease(em, release, 'VALIDATED', 'checked', undefined, { boms });
      release.governance = 'auto-apply: test';
      await releases.moveRelease(em, release, 'IMPACT_ASSESSED', 'assessed', undefined, { impact: [] });
      await releases.moveRelease(em, release, 'ROLLING_OUT', 'rolling out');
      await releases.insertRollouts(em, [{ releaseId: release.id, plant: 'P1', effectiveFrom: new Date('2027-01-05T00:00:00.000Z'), updatedAt: new Date() }]);
      const rollout = (await releases.lockRollout(em, release.id, 'P1'))!;
      rollout.erpAppliedAt = new Date('2027-01-05T01:00:00.000Z');
      rollout.lastError = null;
      await releases.moveRollout(em, rollout, 'ERP_APPLIED', 'applied');
      return release.id;
    });
    const stored = await releases.get(id);
    expect(stored).toMatchObject({ state: 'ROLLING_OUT', boms, impact: [], governance: 'auto-apply: test', change: { number: 'ECN-700001' } });
    const rollout = await releases.findRollout(id, 'P1');
    expect(rollout).toMatchObject({ state: 'ERP_APPLIED', erpAppliedAt: new Date('2027-01-05T01:00:00.000Z'), effectiveFrom: new Date('2027-01-05T00:00:00.000Z') });
    const events: Array<{ subject: string; event: { data: { changeNumber: string; plant: string | null; to: string; effectiveFrom: string | null } } }> = await dataSource.query(
      `SELECT subject, event FROM ${PROCESS_SCHEMA}.outbox WHERE type = 'threadline.process.engineering-release.transitioned.v1' ORDER BY position`,
    );
    expect(events.map((e) => [e.subject, e.event.data.changeNumber, e.event.data.to])).toEqual([
      ['ECN-700001', 'ECN-700001', 'RECEIVED'],
      ['ECN-700001', 'ECN-700001', 'VALIDATED'],
      ['ECN-700001', 'ECN-700001', 'IMPACT_ASSESSED'],
      ['ECN-700001', 'ECN-700001', 'ROLLING_OUT'],
      ['ECN-700001/P1', 'ECN-700001', 'ERP_APPLIED'],
    ]);
    expect(events[4].event.data.effectiveFrom).toBe('2027-01-05T00:00:00.000Z');
    const history: Array<{ plant: string | null; from_state: string | null; to_state: string; actor: string; reason: string; at: Date }> = await dataSource.query(
      `SELECT plant, from_state, to_state, actor, reason, at FROM ${PROCESS_SCHEMA}.release_transitions WHERE release_id = $1 ORDER BY id`,
      [id],
    );
    expect(history.map((h) => [h.plant, h.from_state, h.to_state, h.actor, h.reason])).toEqual([
      [null, null, 'RECEIVED', 'test', 'received'],
      [null, 'RECEIVED', 'VALIDATED', SYSTEM_ACTOR, 'checked'],
      [null, 'VALIDATED', 'IMPACT_ASSESSED', SYSTEM_ACTOR, 'assessed'],
      [null, 'IMPACT_ASSESSED', 'ROLLING_OUT', SYSTEM_ACTOR, 'rolling out'],
      ['P1', 'PENDING', 'ERP_APPLIED', SYSTEM_ACTOR, 'applied'],
    ]);
    // Each row's time is its state change's: the event's and the row's updated_at.
    expect(history[4].at).toEqual((await releases.findRollout(id, 'P1'))!.updatedAt);
    expect(history[3].at).toEqual(stored.updatedAt);
  });
});
