import type { MaterialAvailabilityDto } from '@threadline/canonical';
import type { CloudEvent, MessagingService } from '@threadline/messaging';
import { openAppDataSource } from '@threadline/platform';
import { IncomingMessage } from 'node:http';
import { DataSource } from 'typeorm';
import { startStubBackend, StubBackend } from '../../../../test/support/stub-backend';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { ProductionReadiness1767000000000 } from '../migrations/1767000000000-production-readiness';
import { ProcessApiConfig } from '../process-api.config';
import { PROCESS_SCHEMA } from '../process-api.schema';
import { SystemApis } from '../system-apis/system-apis.client';
import { MaterialAvailabilityChangeConsumer } from './material-availability-change.consumer';
import { MaterialPushJob, PRODUCTION_READINESS_QUEUE } from './production-readiness.jobs';
import { ProductionReadinessRepository } from './production-readiness.repository';
import { PushMaterialAvailabilityWorker } from './push-material-availability.worker';

const change = (itemNumber: string, document: string) =>
  ({ data: { change: { plant: 'P1', itemNumber, reason: 'purchase-order-changed', document, changedAt: new Date().toISOString() } } }) as unknown as CloudEvent<never>;

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text ? JSON.parse(text) : undefined;
}

/**
 * The consumer and push worker over real Postgres (the flow's tables), with ERP's and the
 * scheduler's system APIs stubbed over real HTTP: a burst is one push reading its items together; an
 * item changed again during a push stays for the next; pushes of a plant never overlap.
 */
describe('production readiness: coalesced, serial pushes (real Postgres, real HTTP)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let stub: StubBackend;
  let repository: ProductionReadinessRepository;
  let consumer: MaterialAvailabilityChangeConsumer;
  let worker: PushMaterialAvailabilityWorker;
  const enqueued: Array<{ queue: string; job: MaterialPushJob; startAfter?: number }> = [];
  const reads: string[] = [];
  const puts: MaterialAvailabilityDto[] = [];
  /** Runs while the scheduler is given the numbers, before it answers. */
  let duringPut: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    db = await createTestDatabase('readiness');
    dataSource = await openAppDataSource({ schema: PROCESS_SCHEMA, url: db.url, migrations: [ProductionReadiness1767000000000] });
    stub = await startStubBackend((request, response) => {
      const url = new URL(request.url!, 'http://stub');
      void (async () => {
        if (request.method === 'PUT') {
          const body = (await bodyOf(request)) as MaterialAvailabilityDto;
          puts.push(body);
          await duringPut();
          response.end(JSON.stringify({ plant: 'P1', asOf: body.asOf, applied: body.components.map((c) => c.componentNumber), unknown: [], planRun: { id: String(puts.length) } }));
          return;
        }
        const asked = url.searchParams.get('items')!.split(',');
        reads.push(`${url.pathname.split('/').pop()} ${asked.join(',')}`);
        const items = url.pathname.endsWith('/item-inventory')
          ? asked.map((itemNumber) => ({ plant: 'P1', itemNumber, location: '0001', lot: null, stockType: 'unrestricted', quantity: 7, unit: 'EA' }))
          : [];
        response.end(JSON.stringify({ items, nextCursor: null, total: items.length }));
      })();
    });
    const config = Object.assign(new ProcessApiConfig(), { tokenUrl: `${stub.url}/oauth/token`, erpSystemApiUrl: stub.url, schedulingSystemApiUrl: stub.url, materialCoalesceSeconds: 2 });
    const messaging = {
      registerConsumer: () => undefined,
      registerWorker: () => undefined,
      enqueue: async (_em: unknown, queue: string, job: MaterialPushJob, options?: { startAfter?: number }) => {
        enqueued.push({ queue, job, startAfter: options?.startAfter });
      },
    } as unknown as MessagingService;
    repository = new ProductionReadinessRepository(dataSource);
    consumer = new MaterialAvailabilityChangeConsumer(messaging, repository, config);
    worker = new PushMaterialAvailabilityWorker(messaging, repository, new SystemApis(config), config, dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await stub?.close();
    await db?.drop();
  });

  beforeEach(() => {
    enqueued.length = 0;
    reads.length = 0;
    puts.length = 0;
    duringPut = async () => undefined;
  });

  const receive = (itemNumber: string, document: string) => dataSource.transaction((em) => consumer.receive(change(itemNumber, document), em));

  it('a burst of three changes to two items: each change schedules a push later, the first push takes both items (ERP read once for both), the others find nothing', async () => {
    await receive('SEAL-200', '4500000002/10');
    await receive('SEAL-200', '4500000009/10');
    await receive('BOLT-M8', '4900000001/2026/1');
    expect(enqueued).toEqual(Array(3).fill({ queue: PRODUCTION_READINESS_QUEUE, job: { plant: 'P1', kind: 'changes' }, startAfter: 2 }));
    for (const { job } of enqueued.splice(0)) await worker.push(job);
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({ trigger: 'erp-change', components: [{ componentNumber: 'BOLT-M8', onHand: 7 }, { componentNumber: 'SEAL-200', onHand: 7 }] });
    expect(reads.sort()).toEqual(['item-inventory BOLT-M8,SEAL-200', 'open-purchase-orders BOLT-M8,SEAL-200']);
    expect((await repository.pushes('P1', 10))[0]).toMatchObject({ kind: 'changes', components: 2, applied: 2, planRunId: '1' });
    expect(await repository.pending('P1')).toEqual([]);
  });

  it('an item changed again while its push runs stays pending for the next push', async () => {
    await receive('SEAL-200', '4500000002/10');
    duringPut = () => receive('SEAL-200', '4500000002/10');
    await worker.push({ plant: 'P1', kind: 'changes' });
    expect((await repository.pending('P1')).map((p) => p.itemNumber)).toEqual(['SEAL-200']);
    duringPut = async () => undefined;
    await worker.push({ plant: 'P1', kind: 'changes' });
    expect(puts).toHaveLength(2);
    expect(await repository.pending('P1')).toEqual([]);
  });

  it('a push of a plant whose push is running goes after it instead of overlapping', async () => {
    await receive('SEAL-200', '4500000002/10');
    enqueued.length = 0;
    let second: Promise<void> | undefined;
    duringPut = async () => {
      second = worker.push({ plant: 'P1', kind: 'reconciliation' });
      await second;
    };
    await worker.push({ plant: 'P1', kind: 'changes' });
    await second;
    expect(puts).toHaveLength(1);
    expect(enqueued).toEqual([{ queue: PRODUCTION_READINESS_QUEUE, job: { plant: 'P1', kind: 'reconciliation' }, startAfter: 2 }]);
  });
});
