import { BackendLimitExceededError } from '@threadline/platform';
import { startStubBackend, StubBackend } from '../../../../../test/support/stub-backend';
import { PlmSystemApiConfig } from '../../plm-system-api.config';
import { WindchillPlmConnector } from './windchill-plm.connector';

/**
 * Windchill's server-driven paging (`@odata.nextLink`) against a small real HTTP server: a
 * collection that never ends is refused at the page cap, not returned in part.
 */
describe('WindchillPlmConnector: paged collections (real HTTP)', () => {
  let backend: StubBackend;
  let connector: WindchillPlmConnector;
  let pagesServed = 0;

  beforeAll(async () => {
    backend = await startStubBackend((request, response) => {
      pagesServed++;
      const base = `http://${request.headers.host}/Windchill/servlet/odata/ProdMgmt/Parts`;
      const part = { ID: `OR:wt.part.WTPart:${pagesServed}`, Number: 'PUMP-100', Name: 'Pump', Version: 'A', Iteration: '1', State: { Value: 'RELEASED' } };
      response.end(JSON.stringify({ value: [part], '@odata.nextLink': `${base}?$skiptoken=${pagesServed}` }));
    });
    const url = backend.url;
    connector = new WindchillPlmConnector(Object.assign(new PlmSystemApiConfig(), { plmBaseUrl: url, tokenUrl: `${url}/oauth/token`, plmRetries: 0 }));
  });

  afterAll(async () => {
    await connector?.onApplicationShutdown();
    await backend?.close();
  });

  it('refuses a collection longer than the page cap instead of returning part of it', async () => {
    const refused = await connector.getItem('PUMP-100').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BackendLimitExceededError);
    expect(pagesServed).toBe(50);
  });
});
