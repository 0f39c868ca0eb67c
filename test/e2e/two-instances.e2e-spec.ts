import type { EngineeringChangeDto, EngineeringReleaseDto, PlantBomDto, ProductionChangeDto } from '@threadline/canonical';
import { PLANTS, seedReleaseProducts, syntheticChange } from '../bench/releases-seed';
import { eventually } from '../support/eventually';
import { call, expectOk } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { ProcessApiProcess, startProcessApiProcess } from '../support/process-api-process';

/**
 * Two process APIs on one database, as a scaled-out deployment runs them: the platform's own, in
 * this process, and a second one as its own OS process. They share the queues, the outbox and the
 * tables; 200 releases go through them (the first 20 before the second instance starts, the other
 * 180 at once), and each must be received once and applied once per plant, whichever instance took
 * each step.
 */

const RELEASES = 200;
/** Releases received by this process's instance before the second one starts. */
const HEAD_START = 20;
const log = (line: string): void => void process.stdout.write(`[two-instances] ${line}\n`);

/** Runs `work` on every item, at most `width` at a time. */
async function inBatches<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width) results.push(...(await Promise.all(items.slice(i, i + width).map(work))));
  return results;
}

describe('two process-API processes on one database share 200 releases', () => {
  let t: TestPlatform;
  let second: ProcessApiProcess | undefined;
  const poolSize = process.env.DB_POOL_SIZE;

  beforeAll(async () => {
    // Two platforms' pools on one server: smaller pools keep them within PostgreSQL's default 100 connections.
    process.env.DB_POOL_SIZE = '4';
    t = await startTestPlatform('two-instances');
  }, 120_000);

  afterAll(async () => {
    await second?.stop();
    await t?.close();
    if (poolSize === undefined) delete process.env.DB_POOL_SIZE;
    else process.env.DB_POOL_SIZE = poolSize;
  });

  it('every release completes, received once and applied once per plant, and both instances did work', async () => {
    const products = await seedReleaseProducts(t.db.url, RELEASES);
    const token = await t.token('demo-integrator');
    const plm = t.url('plm-system-api');
    const changeOf = new Map<string, string>();
    const release = (batch: string[]) =>
      inBatches(batch, 20, async (product) => {
        const created = await expectOk<EngineeringChangeDto>('create', call('POST', `${plm}/v1/engineering-changes`, { token, body: syntheticChange(product, 'Two instances') }));
        await expectOk('release', call('POST', `${plm}/v1/engineering-changes/${created.number}/release`, { token }));
        changeOf.set(product, created.number);
      });
    // Which instance takes a job is a race its CPU decides, and this one shares its process with
    // eight other apps and Jest: the first batch is received here before the second instance
    // starts, so both do work whatever the machine's load; the rest go to both at once.
    const head = products.slice(0, HEAD_START);
    await release(head);
    await eventually(async () => {
      const page = await expectOk<{ items: EngineeringReleaseDto[] }>('list', call('GET', `${t.url('process-api')}/v1/engineering-releases?limit=200`, { token }));
      const received = new Set(page.items.map((r) => r.changeNumber));
      return head.every((p) => received.has(changeOf.get(p)!)) ? true : undefined;
    }, `the first ${HEAD_START} releases received by this process's instance`);
    second = await startProcessApiProcess({
      DATABASE_URL: t.db.url,
      JWKS_URL: `${t.url('idp-mock')}/.well-known/jwks.json`,
      TOKEN_URL: `${t.url('idp-mock')}/oauth/token`,
      PLM_SYSTEM_API_URL: t.url('plm-system-api'),
      ERP_SYSTEM_API_URL: t.url('erp-system-api'),
      SCHEDULING_SYSTEM_API_URL: t.url('scheduling-system-api'),
      DB_POOL_SIZE: '4',
    });
    log(`second process API: pid ${second.pid} (this test's pid ${process.pid}) at ${second.url}`);
    await release(products.slice(HEAD_START));
    const ours = new Set(changeOf.values());

    // Either instance answers the reads: they are one database.
    const readers = [t.url('process-api'), second.url];
    const listAll = async (reader: string): Promise<EngineeringReleaseDto[]> => {
      const all: EngineeringReleaseDto[] = [];
      let cursor: string | null = null;
      do {
        const query: URLSearchParams = new URLSearchParams({ limit: '200', ...(cursor ? { cursor } : {}) });
        const page: { items: EngineeringReleaseDto[]; nextCursor: string | null } = await expectOk<{ items: EngineeringReleaseDto[]; nextCursor: string | null }>('list', call('GET', `${reader}/v1/engineering-releases?${query.toString()}`, { token }));
        all.push(...page.items.filter((r) => ours.has(r.changeNumber)));
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    };
    let polls = 0;
    const releases = await eventually(
      async () => {
        const all = await listAll(readers[polls++ % 2]);
        const wrong = all.find((r) => ['FAILED', 'REJECTED', 'AWAITING_APPROVAL'].includes(r.state) || r.stalled);
        if (wrong) throw new Error(`${wrong.changeNumber} is ${wrong.state}${wrong.stalled ? ' (stalled)' : ''}: ${wrong.failureReason ?? ''}`);
        return all.length >= RELEASES && all.every((r) => r.state === 'COMPLETED') ? all : undefined;
      },
      `all ${RELEASES} releases COMPLETED`,
      300_000,
      1_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nsecond instance's output:\n${second!.output().slice(-3000)}`);
    });

    // None lost, none twice: one release per change.
    const perChange = new Map<string, number>();
    for (const r of releases) perChange.set(r.changeNumber, (perChange.get(r.changeNumber) ?? 0) + 1);
    expect({ releases: releases.length, changes: perChange.size, twice: [...perChange].filter(([, n]) => n > 1) }).toEqual({
      releases: RELEASES,
      changes: RELEASES,
      twice: [],
    });

    // Applied once per plant: one BOM version B of the change in ERP, one production change in the scheduler.
    const erp = t.url('erp-system-api');
    const scheduling = t.url('scheduling-system-api');
    const ledger = await inBatches(
      products.flatMap((product) => PLANTS.map((plant) => ({ product, plant, changeNumber: changeOf.get(product)! }))),
      20,
      async ({ product, plant, changeNumber }) => {
        const boms = await expectOk<PlantBomDto[]>('ERP BOMs', call('GET', `${erp}/v1/plants/${plant}/items/${product}/boms`, { token }));
        const production = await expectOk<ProductionChangeDto[]>(
          'production changes',
          call('GET', `${scheduling}/v1/plants/${plant}/production-changes?changeNumber=${changeNumber}`, { token }),
        );
        const versions = boms.filter((b) => b.revision === 'B' || b.changeNumber === changeNumber).length;
        return { key: `${changeNumber} ${plant}`, versions, productionChanges: production.length };
      },
    );
    const bomVersions = ledger.reduce((sum, l) => sum + l.versions, 0);
    const productionChanges = ledger.reduce((sum, l) => sum + l.productionChanges, 0);
    const wrong = ledger.filter((l) => l.versions !== 1 || l.productionChanges !== 1);

    // Which instance received each release: the second one logs the ones it took.
    const receivedBySecond = new Set([...second.output().matchAll(/(ECN-\d+): release \S+ received/g)].map((m) => m[1]).filter((n) => ours.has(n)));
    log(
      `${releases.length} releases COMPLETED (${receivedBySecond.size} received by the second process, ${RELEASES - receivedBySecond.size} by the first); ` +
        `ERP BOM versions ${bomVersions}, production changes ${productionChanges} for ${ledger.length} change-plant pairs; lost 0, twice ${wrong.length}`,
    );
    expect(wrong).toEqual([]);
    expect({ bomVersions, productionChanges }).toEqual({ bomVersions: RELEASES * PLANTS.length, productionChanges: RELEASES * PLANTS.length });
    // Both did work: otherwise this test would not have exercised two instances at all.
    expect(receivedBySecond.size).toBeGreaterThan(0);
    expect(receivedBySecond.size).toBeLessThanOrEqual(RELEASES - HEAD_START);
  }, 420_000);
});
