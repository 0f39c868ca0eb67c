import { BackendLimitExceededError, toProblem } from '@threadline/platform';
import { startStubBackend, StubBackend } from '../../../../test/support/stub-backend';
import { ProcessApiConfig } from '../process-api.config';
import { SystemApis } from './system-apis.client';

/**
 * The process API's reads of paged system-API lists, against a small real HTTP server standing in
 * for the IdP and a system API: a list is read to its end, and one that never ends is refused
 * instead of being cut silently at the page cap.
 */
describe('SystemApis: paged reads (real HTTP)', () => {
  let backend: StubBackend;
  let systemApis: SystemApis;
  let pagesServed = 0;

  beforeAll(async () => {
    backend = await startStubBackend((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const page = Number(url.searchParams.get('cursor') ?? '0');
      pagesServed++;
      if (url.pathname === '/v1/plants/P1/work-orders') {
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
});
