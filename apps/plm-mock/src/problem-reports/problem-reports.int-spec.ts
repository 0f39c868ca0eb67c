import { RunningApp } from '@threadline/platform';
import { startTestIdp, TestIdp } from '../../../../test/support/idp';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { startPlmMock } from '../plm-mock.app';
import { PlmMockConfig } from '../plm-mock.config';

const ROOT = '/Windchill/servlet/odata/ChangeMgmt';

interface Report {
  ID: string;
  Number: string;
  Name: string;
  Category: { Value: string; Display: string };
  Priority: { Value: string };
  State: { Value: string; Display: string };
  ExternalReference: string | null;
  RelatedChangeNotice: { ID: string; Number: string } | null;
  ReportedAgainst: Array<{ Number: string; Version: string }>;
}

describe('plm-mock: problem reports in the ChangeMgmt domain (real Postgres, real HTTP)', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let mock: RunningApp;
  let token: string;
  let noticeNumber: string;
  let noticeId: string;

  async function call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T; location: string | null }> {
    const response = await fetch(`${mock.url}${ROOT}/${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as T, location: response.headers.get('location') };
  }

  const report = (overrides: Record<string, unknown> = {}) => ({
    Name: 'Leak test failures on PUMP-100 A',
    Description: 'Leak test failed on 3 of 30 units',
    Category: { Value: 'QUALITY_ISSUE' },
    Priority: { Value: 'HIGH' },
    RelatedChangeNotice: { Number: noticeNumber },
    ReportedAgainst: [{ Number: 'PUMP-100', Version: 'A' }],
    ...overrides,
  });

  beforeAll(async () => {
    db = await createTestDatabase('plm_mock_pr');
    idp = await startTestIdp(db.url);
    mock = await startPlmMock(Object.assign(new PlmMockConfig(), { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer, pageSize: 5 }));
    token = await idp.token('threadline-connector');
    const notice = await call<{ ID: string; Number: string }>('ChangeNotices', {
      method: 'POST',
      body: {
        Name: 'Replace obsolete shaft seal',
        NeedDate: '2026-12-01T00:00:00Z',
        TargetPlants: 'P1',
        AffectedObjects: [
          {
            Number: 'PUMP-100',
            FromVersion: 'A',
            ToVersion: 'B',
            OnOrderDisposition: { Value: 'USE_UP' },
            WIPDisposition: { Value: 'USE_UP' },
            FinishedDisposition: { Value: 'USE_UP' },
            BOMChanges: [],
          },
        ],
      },
    });
    expect(notice.status).toBe(201);
    noticeNumber = notice.body.Number;
    noticeId = notice.body.ID;
  });

  afterAll(async () => {
    await mock?.close();
    await idp?.close();
    await db?.drop();
  });

  it('creates an OPEN report numbered PR-nnnnnn, linked to its change notice and part version, readable by its key', async () => {
    const created = await call<Report>('ProblemReports', { method: 'POST', body: report({ ExternalReference: 'case-1' }) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      Number: expect.stringMatching(/^PR-\d{6}$/),
      State: { Value: 'OPEN', Display: 'Open' },
      Category: { Value: 'QUALITY_ISSUE', Display: 'Quality Issue' },
      Priority: { Value: 'HIGH' },
      ExternalReference: 'case-1',
      RelatedChangeNotice: { ID: noticeId, Number: noticeNumber },
      ReportedAgainst: [{ Number: 'PUMP-100', Version: 'A' }],
    });
    expect(created.body.ID).toMatch(/^OR:wt\.change2\.WTChangeIssue:\d+$/);
    expect(created.location).toMatch(new RegExp(`/ChangeMgmt/ProblemReports\\('${created.body.ID}'\\)$`));

    const read = await call<Report>(`ProblemReports('${created.body.ID}')`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ Number: created.body.Number, RelatedChangeNotice: { Number: noticeNumber } });
    // The change notices' keyed route still answers its own entity set.
    expect((await call<{ Number: string }>(`ChangeNotices('${noticeId}')`)).body.Number).toBe(noticeNumber);
  });

  it('answers a create repeating an ExternalReference with the existing report (200), also when creates race', async () => {
    const first = await call<Report>('ProblemReports', { method: 'POST', body: report({ ExternalReference: 'case-2' }) });
    expect(first.status).toBe(201);
    const again = await call<Report>('ProblemReports', { method: 'POST', body: report({ ExternalReference: 'case-2', Name: 'A retry' }) });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ ID: first.body.ID, Number: first.body.Number, Name: first.body.Name });

    const racing = await Promise.all([1, 2, 3].map(() => call<Report>('ProblemReports', { method: 'POST', body: report({ ExternalReference: 'case-3' }) })));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(racing.map((r) => r.body.Number)).size).toBe(1);
    const listed = await call<{ value: Report[] }>(`ProblemReports?$filter=${encodeURIComponent("ExternalReference eq 'case-3'")}`);
    expect(listed.body.value).toHaveLength(1);
  });

  it('filters by the related change notice, and refuses an unknown notice, part version or key with OData errors, creating nothing', async () => {
    const listed = await call<{ value: Report[] }>(`ProblemReports?$filter=${encodeURIComponent(`RelatedChangeNotice/Number eq '${noticeNumber}'`)}`);
    expect(listed.status).toBe(200);
    expect(listed.body.value.map((r) => r.ExternalReference)).toEqual(['case-1', 'case-2', 'case-3']);

    const before = (await call<{ value: Report[] }>('ProblemReports?$top=100')).body.value.length;
    const unknownNotice = await call<{ error: { code: string } }>('ProblemReports', { method: 'POST', body: report({ RelatedChangeNotice: { Number: 'ECN-999999' } }) });
    expect(unknownNotice).toMatchObject({ status: 400, body: { error: { code: 'InvalidRelatedChangeNotice' } } });
    const unknownPart = await call<{ error: { code: string } }>('ProblemReports', { method: 'POST', body: report({ ReportedAgainst: [{ Number: 'PUMP-100', Version: 'Z' }] }) });
    expect(unknownPart).toMatchObject({ status: 400, body: { error: { code: 'InvalidReportedAgainst' } } });
    const malformed = await call<{ error: { code: string } }>('ProblemReports', { method: 'POST', body: report({ Category: { Value: 'NOISE' } }) });
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'InvalidRequestBody' } } });
    expect((await call<{ value: Report[] }>('ProblemReports?$top=100')).body.value).toHaveLength(before);

    const missing = await call<{ error: { code: string } }>("ProblemReports('OR:wt.change2.WTChangeIssue:999999')");
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'EntityNotFound' } } });
  });
});
