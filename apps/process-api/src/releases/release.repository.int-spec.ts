import type { EngineeringChangeDto } from '@threadline/canonical';
import { messagingTablesMigration } from '@threadline/messaging';
import { openAppDataSource } from '@threadline/platform';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { ProcessInit1764300000000 } from '../migrations/1764300000000-process-init';
import { GovernedRelease1764300000001 } from '../migrations/1764300000001-governed-release';
import { ExceptionCases1764300000002 } from '../migrations/1764300000002-exception-cases';
import { StalledSteps1766100000000 } from '../migrations/1766100000000-stalled-steps';
import { PROCESS_SCHEMA } from '../process-api.schema';
import { PROCESS_ENTITIES } from './release.entities';
import { ReleaseRepository } from './release.repository';
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
  async function rollingOut(item: string, plants: string[]): Promise<{ id: string; changeNumber: string }> {
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
      await releases.moveRelease(em, created!, 'ROLLING_OUT', 'test');
      await releases.insertRollouts(em, plants.map((plant) => ({ releaseId: created!.id, plant, effectiveFrom: null, updatedAt: new Date() })));
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
});
