import type { ApplyPlantBomDto } from '@threadline/canonical';
import { classifyFailure } from '@threadline/messaging';
import { BackendLimitExceededError, toProblem } from '@threadline/platform';
import { startStubBackend, StubBackend } from '../../../../test/support/stub-backend';
import { ProcessApiConfig } from '../process-api.config';
import { SystemApis } from './system-apis.client';

/**
 * The process API's reads of paged system-API lists, against a small real HTTP server standing in
 * for the IdP and a system API: a list is read to its end, and one that never ends is refused
 * instead of being cut silently at the page cap.
 */
describe('SystemApis: paged reads and how a system API\'s refusals read (real HTTP)', () => {
  let backend: StubBackend;
  let systemApis: SystemApis;
  let pagesServed = 0;

  beforeAll(async () => {
    backend = await startStubBackend((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const page = Number(url.searchParams.get('cursor') ?? '0');
      pagesServed++;
      if (url.pathname.endsWith('/boms')) {
        // P1: an earlier attempt with the same Idempotency-Key still runs there; P2: ERP's state refuses the BOM.
        response.statusCode = 409;
        const code = url.pathname.startsWith('/v1/plants/P1/') ? 'IDEMPOTENCY_REQUEST_IN_FLIGHT' : 'BOM_CHANGE_CONFLICT';
        response.end(JSON.stringify({ type: 'about:blank', title: 'Conflict', status: 409, code, detail: `${code} here` }));
      } else if (url.pathname === '/v1/plants/P1/work-orders') {
        // Three pages, then the end.
        response.end(JSON.stringify({ items: [{ number: `WO-${page}` }], nextCursor: page < 2 ? String(page + 1) : null }));
      } else {
        // A list that never ends.
        response.end(JSON.stringify({ items: [{ number: `WO-${page}` }], nextCursor: String(page + 1) }));
      }
    });
    const url = backend.url;
    systemApis = new SystemApis(
      Object.assign(new ProcessApiConfig(), { tokenUrl: `${url}/oauth/token`, plmSystemApiUrl: url, erpSystemApiUrl: url, schedulingSystemApiUrl: url }),
    );
  });

  afterAll(async () => {
    await systemApis?.onApplicationShutdown();
    await backend?.close();
  });

  it('follows the cursor to the last page', async () => {
    const orders = await systemApis.workOrders('P1', 'PUMP-100');
    expect(orders.map((o) => o.number)).toEqual(['WO-0', 'WO-1', 'WO-2']);
  });

  it('refuses a list longer than the page cap instead of returning part of it', async () => {
    pagesServed = 0;
    const refused = await systemApis.workOrders('P2', 'PUMP-100').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BackendLimitExceededError);
    expect(toProblem(refused).status).toBe(502);
    expect(pagesServed).toBe(20);
  });

  it('waits out a 409 that says an earlier attempt with the same Idempotency-Key still runs; any other 409 is a refusal', async () => {
    const bom: ApplyPlantBomDto = { itemNumber: 'PUMP-100', revision: 'B', changeNumber: 'ECN-000042', validFrom: '2026-12-01T00:00:00.000Z', lines: [] };
    const inFlight = await systemApis.applyPlantBom('P1', bom).catch((error: unknown) => error);
    expect(toProblem(inFlight)).toMatchObject({ status: 503, code: 'BACKEND_UNAVAILABLE', backend: 'erp-system-api', backendStatus: 409 });
    expect(classifyFailure(inFlight)).toMatchObject({ errorClass: 'backend-unavailable', retry: 'outage' });

    const refused = await systemApis.applyPlantBom('P2', bom).catch((error: unknown) => error);
    expect(toProblem(refused)).toMatchObject({ status: 409, code: 'BACKEND_CONFLICT', backendStatus: 409 });
    expect(classifyFailure(refused)).toMatchObject({ errorClass: 'refused', retry: 'never' });
  });
});
