import type { EngineeringChangeDto } from '@threadline/canonical';
import { EventBus, messagingTablesMigration, MessagingService } from '@threadline/messaging';
import { openAppDataSource } from '@threadline/platform';
import { DataSource } from 'typeorm';
import { startStubBackend, StubBackend } from '../../../../../test/support/stub-backend';
import { createTestDatabase, TestDatabase } from '../../../../../test/support/test-database';
import { DEFAULT_POLICY } from '../../governance/governance-policy.config';
import { ImpactAssessor } from '../../impact/impact-assessor.service';
import { ProcessInit1764300000000 } from '../../migrations/1764300000000-process-init';
import { GovernedRelease1764300000001 } from '../../migrations/1764300000001-governed-release';
import { ExceptionCases1764300000002 } from '../../migrations/1764300000002-exception-cases';
import { StalledSteps1766100000000 } from '../../migrations/1766100000000-stalled-steps';
import { ProcessApiConfig } from '../../process-api.config';
import { PROCESS_SCHEMA } from '../../process-api.schema';
import { SystemApis } from '../../system-apis/system-apis.client';
import { PROCESS_ENTITIES } from '../release.entities';
import { ReleaseRepository } from '../release.repository';
import { releasedItems } from '../release-rules';
import { ReleaseSteps } from '../release-steps.service';
import { ReleaseValidator } from '../validate-release/release-validator.service';
import { AdvanceReleaseWorker } from './advance-release.worker';

/**
 * Validation of a received release against a small real HTTP server standing in for the IdP and the
 * PLM system API: PLM holding no such revision rejects the release with a coded rule, but the
 * system API refusing this app's credentials is an operational failure (the job is retried once
 * the credentials are fixed) and never a verdict on the release.
 */
describe('AdvanceReleaseWorker: a refused credential is not a rejected release (real Postgres, real HTTP)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let backend: StubBackend;
  let systemApis: SystemApis;
  let releases: ReleaseRepository;
  let worker: AdvanceReleaseWorker;
  /** How the stand-in PLM system API answers the BOM read: 403 (our token's scope), or 404 (no such revision). */
  let bomAnswer: 403 | 404 = 403;

  beforeAll(async () => {
    db = await createTestDatabase('advance_release');
    dataSource = await openAppDataSource({
      schema: PROCESS_SCHEMA,
      url: db.url,
      entities: PROCESS_ENTITIES,
      migrations: [messagingTablesMigration(PROCESS_SCHEMA), ProcessInit1764300000000, GovernedRelease1764300000001, ExceptionCases1764300000002, StalledSteps1766100000000],
    });
    backend = await startStubBackend((_request, response) => {
      response.statusCode = bomAnswer;
      response.setHeader('content-type', 'application/problem+json');
      response.end(
        JSON.stringify(
          bomAnswer === 403
            ? { status: 403, code: 'INSUFFICIENT_SCOPE', title: 'Forbidden', detail: 'This operation needs scope plm:read' }
            : { status: 404, code: 'NOT_FOUND', title: 'Resource not found', detail: "Item revision 'PUMP-100/Z' does not exist" },
        ),
      );
    });
    const url = backend.url;
    systemApis = new SystemApis(
      Object.assign(new ProcessApiConfig(), { tokenUrl: `${url}/oauth/token`, plmSystemApiUrl: url, erpSystemApiUrl: url, schedulingSystemApiUrl: url }),
    );
    // A rejection publishes an event to the outbox; the bus itself is never started here.
    const messaging = new MessagingService({ appName: 'process-api', schema: PROCESS_SCHEMA, databaseUrl: db.url }, dataSource, new EventBus({ databaseUrl: db.url, applicationName: 'advance-release-test' }));
    releases = new ReleaseRepository(dataSource);
    const steps = new ReleaseSteps(messaging, releases, DEFAULT_POLICY);
    const validator = new ReleaseValidator(releases, systemApis, DEFAULT_POLICY);
    worker = new AdvanceReleaseWorker(messaging, releases, steps, validator, new ImpactAssessor(systemApis, DEFAULT_POLICY), DEFAULT_POLICY);
  });

  afterAll(async () => {
    await systemApis?.onApplicationShutdown();
    await backend?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  async function receive(number: string): Promise<string> {
    const change: EngineeringChangeDto = {
      number,
      title: 'Replace obsolete shaft seal',
      description: null,
      state: 'RELEASED',
      priority: 'normal',
      targetPlants: ['P1'],
      effectivity: { type: 'date', startDate: new Date(Date.now() + 86_400_000).toISOString() },
      affectedItems: [
        { itemNumber: 'PUMP-100', fromRevision: 'A', toRevision: 'Z', disposition: 'use-up', bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }] },
      ],
      createdAt: new Date().toISOString(),
      releasedAt: new Date().toISOString(),
    };
    const release = await releases.transaction((em) => releases.insertReceived(em, change, releasedItems(change), { actor: 'test', reason: 'received' }));
    return release!.id;
  }

  it('retries (throws BACKEND_AUTH_FAILED) and leaves the release RECEIVED when the system API refuses our token', async () => {
    bomAnswer = 403;
    const id = await receive('ECN-900001');
    await expect(worker.advance(id)).rejects.toMatchObject({ code: 'BACKEND_AUTH_FAILED', extensions: { backend: 'plm-system-api', backendStatus: 403 } });
    const release = await releases.get(id);
    expect(release.state).toBe('RECEIVED');
    expect(release.rejection).toBeNull();
    // Once the credentials are fixed, the same job moves on: here PLM then says the revision does not exist.
    bomAnswer = 404;
    await worker.advance(id);
    expect((await releases.get(id)).state).toBe('REJECTED');
  });

  it('rejects the release with RELEASE_REVISION_NOT_FOUND when PLM holds no such revision', async () => {
    bomAnswer = 404;
    const id = await receive('ECN-900002');
    await worker.advance(id);
    const release = await releases.get(id);
    expect(release.state).toBe('REJECTED');
    expect(release.failureCode).toBe('RELEASE_REVISION_NOT_FOUND');
    expect(release.rejection).toMatchObject({ status: 422, code: 'RELEASE_REVISION_NOT_FOUND', object: 'ECN-900002' });
    expect(release.failureReason).toMatch(/^plm-system-api answered 404: ItemRevision 'PUMP-100\/Z' does not exist/);
  });
});
