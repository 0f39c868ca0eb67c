import { CreatePlantItemDto, PlantItemDto } from '@threadline/canonical';
import { startSystemApiUnderTest, SystemApiUnderTest } from '../../../../test/support/system-api';

/** POST /v1/plants/{plant}/items over the S/4HANA mock: created once, idempotent on retry (real Postgres, real HTTP). */
describe('erp-system-api: creating an item in a plant', () => {
  let t: SystemApiUnderTest<'erp'>;
  let token: string;

  const call = async <T = any>(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(new URL(path, t.api.url), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  const seal = (overrides: Partial<CreatePlantItemDto> = {}): CreatePlantItemDto => ({
    itemNumber: 'SEAL-970',
    name: 'Shaft seal, HNBR',
    unit: 'EA',
    sourcing: 'buy',
    procurementType: 'buy',
    mrpController: '101',
    lotSizing: 'lot-for-lot',
    standardPrice: 4.8,
    currency: 'EUR',
    ...overrides,
  });

  beforeAll(async () => {
    t = await startSystemApiUnderTest('erp', { label: 'erp_api_items', api: { feedPolling: false } });
    token = await t.idp.token('threadline-process');
  });

  afterAll(() => t?.close());

  it('creates the item in a plant (201) with its plant data and valuation, and answers a retry with the same data 200 changing nothing', async () => {
    const created = await call<PlantItemDto>('POST', '/v1/plants/P1/items', seal());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      plant: 'P1',
      itemNumber: 'SEAL-970',
      description: 'Shaft seal, HNBR',
      revision: 'A',
      unit: 'EA',
      procurementType: 'buy',
      mrpController: '101',
      lotSizing: 'lot-for-lot',
      standardCost: 4.8,
      currency: 'EUR',
    });
    const retried = await call<PlantItemDto>('POST', '/v1/plants/P1/items', seal());
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(created.body);
    expect((await call<PlantItemDto>('GET', '/v1/plants/P1/items/SEAL-970')).body).toEqual(created.body);
  });

  it('answers 409 BACKEND_CONFLICT when the plant holds the item with other data, and leaves it as it was', async () => {
    const other = await call('POST', '/v1/plants/P1/items', seal({ mrpController: '999', standardPrice: 9.99 }));
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('BACKEND_CONFLICT');
    expect((await call<PlantItemDto>('GET', '/v1/plants/P1/items/SEAL-970')).body).toMatchObject({ mrpController: '101', standardCost: 4.8 });
  });

  it('extends the item to another plant in its currency, with that plant\'s data', async () => {
    const p2 = await call<PlantItemDto>('POST', '/v1/plants/P2/items', seal({ mrpController: '201', lotSizing: 'weekly', standardPrice: 121, currency: 'CZK' }));
    expect(p2.status).toBe(201);
    expect(p2.body).toMatchObject({ plant: 'P2', mrpController: '201', lotSizing: 'weekly', standardCost: 121, currency: 'CZK' });
    expect((await call('POST', '/v1/plants/P2/items', seal({ mrpController: '201', lotSizing: 'weekly', standardPrice: 121, currency: 'CZK' }))).status).toBe(200);
    expect((await call<PlantItemDto>('GET', '/v1/plants/P1/items/SEAL-970')).body.mrpController).toBe('101');
  });

  it('creates a make item at price 0 until a roll-up costs it', async () => {
    const kit = await call<PlantItemDto>('POST', '/v1/plants/P3/items', seal({ itemNumber: 'KIT-970', name: 'Seal kit', sourcing: 'make', procurementType: 'make', standardPrice: undefined, currency: 'MXN' }));
    expect(kit.status).toBe(201);
    expect(kit.body).toMatchObject({ procurementType: 'make', standardCost: 0, currency: 'MXN' });
  });

  it('refuses bad requests with 400 problems and ERP refusals with 422, creating nothing', async () => {
    const noPrice = await call('POST', '/v1/plants/P3/items', seal({ itemNumber: 'SEAL-971', standardPrice: undefined, currency: 'MXN' }));
    expect(noPrice.status).toBe(400);
    expect((await call('POST', '/v1/plants/P3/items', seal({ itemNumber: 'SEAL-971', mrpController: 'toolong' }))).status).toBe(400);
    const wrongCurrency = await call('POST', '/v1/plants/P3/items', seal({ itemNumber: 'SEAL-971', currency: 'EUR' }));
    expect(wrongCurrency.status).toBe(422);
    expect(wrongCurrency.body.code).toBe('BACKEND_REJECTED');
    expect((await call('GET', '/v1/plants/P3/items/SEAL-971')).status).toBe(404);
  });

  it('replays a create with the same Idempotency-Key without calling ERP again', async () => {
    const key = { 'idempotency-key': 'create-seal-972-p1' };
    const first = await call<PlantItemDto>('POST', '/v1/plants/P1/items', seal({ itemNumber: 'SEAL-972' }), key);
    const replay = await call<PlantItemDto>('POST', '/v1/plants/P1/items', seal({ itemNumber: 'SEAL-972' }), key);
    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(replay.body).toEqual(first.body);
  });
});
