import type { EngineeringChangeDto, ItemDto } from '@threadline/canonical';
import { call, expectOk, JsonResponse } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/platform';

interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  object?: string;
  currentRevision?: string;
  path?: string[];
  backendError?: { error: { code: string } };
}

/**
 * Issue 12, item 7: a change that does not fit PLM is refused when it is created, with a code a
 * client can act on (COMPONENT_UNKNOWN, REVISION_CONFLICT naming PLM's current revision,
 * BOM_CYCLE with the path), and nothing is created; PLM's refusal at release speaks the same codes.
 * Items of the demo family no other test changes: PUMP-2060 and its housing HOUSING-2061.
 */
describe('codes at the door: creating an engineering change (nine apps, real HTTP, real Postgres)', () => {
  let t: TestPlatform;
  let integrator: string;
  const plm = (path: string) => `${t.url('plm-system-api')}${path}`;

  beforeAll(async () => {
    t = await startTestPlatform('door_codes');
    integrator = await t.token('demo-integrator');
  }, 120_000);

  afterAll(() => t?.close());

  function aChange(affected: Record<string, unknown>) {
    return {
      title: 'Door codes',
      priority: 'normal',
      targetPlants: ['P1'],
      effectivity: { type: 'date', startDate: new Date(Date.now() + 10 * 86_400_000).toISOString() },
      affectedItems: [{ itemNumber: 'PUMP-2060', fromRevision: 'A', toRevision: 'B', disposition: 'use-as-is', ...affected }],
    };
  }

  async function changeNumbers(): Promise<string[]> {
    const page = await expectOk('list changes', call<{ items: EngineeringChangeDto[] }>('GET', plm('/v1/engineering-changes?limit=200'), { token: integrator }));
    return page.items.map((c) => c.number);
  }

  async function refusedAtTheDoor(body: object): Promise<Problem> {
    const before = await changeNumbers();
    const refused: JsonResponse<Problem> = await call<Problem>('POST', plm('/v1/engineering-changes'), { token: integrator, body });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 422, title: expect.any(String), detail: expect.any(String) });
    expect(refused.body.type).toBe(`https://threadline.dev/problems/${refused.body.code.toLowerCase().replace(/_/g, '-')}`);
    // Nothing was created in PLM.
    expect(await changeNumbers()).toEqual(before);
    return refused.body;
  }

  it('an unknown affected item, and an unknown component to remove or bring in: 422 COMPONENT_UNKNOWN naming it', async () => {
    const item = await refusedAtTheDoor(aChange({ itemNumber: 'PUMP-9999', bomChanges: [{ action: 'remove', componentNumber: 'GASKET-DN125' }] }));
    expect(item).toMatchObject({ code: 'COMPONENT_UNKNOWN', object: 'PUMP-9999' });
    const outgoing = await refusedAtTheDoor(aChange({ bomChanges: [{ action: 'remove', componentNumber: 'GASKET-DN999' }] }));
    expect(outgoing).toMatchObject({ code: 'COMPONENT_UNKNOWN', object: 'GASKET-DN999' });
    const incoming = await refusedAtTheDoor(aChange({ bomChanges: [{ action: 'replace', componentNumber: 'GASKET-DN125', replacementNumber: 'GASKET-DN999' }] }));
    expect(incoming).toMatchObject({ code: 'COMPONENT_UNKNOWN', object: 'GASKET-DN999' });
    expect(incoming.detail).toContain('GASKET-DN999');
  });

  it('a component that contains the item through released structures: 422 BOM_CYCLE with the path', async () => {
    const cycle = await refusedAtTheDoor(
      aChange({ itemNumber: 'HOUSING-2061', bomChanges: [{ action: 'add', componentNumber: 'PUMP-2060', quantity: 1, unit: 'EA' }] }),
    );
    expect(cycle).toMatchObject({ code: 'BOM_CYCLE', object: 'HOUSING-2061', path: ['HOUSING-2061', 'PUMP-2060', 'HOUSING-2061'] });
  });

  it("a fromRevision that is no longer current: 422 REVISION_CONFLICT naming PLM's revision; PLM's refusal at release answers the same code", async () => {
    const create = (body: object) => expectOk('create', call<EngineeringChangeDto>('POST', plm('/v1/engineering-changes'), { token: integrator, body }));
    // Two changes from A, both accepted while PLM still holds A.
    const first = await create(aChange({ bomChanges: [{ action: 'replace', componentNumber: 'GASKET-DN100', replacementNumber: 'GASKET-DN125' }] }));
    const second = await create(aChange({ bomChanges: [{ action: 'add', componentNumber: 'WASHER-M16', quantity: 4, unit: 'EA' }] }));
    await expectOk('release the first', call('POST', plm(`/v1/engineering-changes/${first.number}/release`), { token: integrator }));

    // PLM holds B now: a new change from A is refused at the door.
    const stale = await refusedAtTheDoor(aChange({ bomChanges: [{ action: 'add', componentNumber: 'WASHER-M16', quantity: 4, unit: 'EA' }] }));
    expect(stale).toMatchObject({ code: 'REVISION_CONFLICT', object: 'PUMP-2060', currentRevision: 'B' });
    expect(stale.detail).toBe('PUMP-2060 is at revision B in PLM; the change starts from A');

    // The second change, created before, is refused by PLM at release: the same code, PLM's words kept.
    const refused = await call<Problem>('POST', plm(`/v1/engineering-changes/${second.number}/release`), { token: integrator });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'REVISION_CONFLICT', object: 'PUMP-2060', currentRevision: 'B', backendError: { error: { code: 'InvalidAffectedObject' } } });
    // It stays open in PLM, which made no revision of it.
    const after = await expectOk('read the second', call<EngineeringChangeDto>('GET', plm(`/v1/engineering-changes/${second.number}`), { token: integrator }));
    expect(after.state).toBe('OPEN');
    const item = await expectOk('read the item', call<ItemDto>('GET', plm('/v1/items/PUMP-2060'), { token: integrator }));
    expect(item.revisions.map((r) => [r.revision, r.changeNumber])).toEqual([
      ['A', null],
      ['B', first.number],
    ]);

    // The change on the change, from B, is welcome.
    const next = await create(aChange({ fromRevision: 'B', toRevision: 'C', bomChanges: [{ action: 'add', componentNumber: 'WASHER-M16', quantity: 4, unit: 'EA' }] }));
    expect(next.state).toBe('OPEN');
  });

  it('the OpenAPI document lists the codes for creating and releasing a change', async () => {
    const doc = await expectOk('read the OpenAPI document', call<{ paths: Record<string, Record<string, Record<string, unknown>>> }>('GET', plm('/docs-json')));
    const create = doc.paths['/v1/engineering-changes'].post['x-problem-codes'];
    const release = doc.paths['/v1/engineering-changes/{number}/release'].post['x-problem-codes'];
    for (const codes of [create, release]) expect(codes).toEqual(expect.arrayContaining(['COMPONENT_UNKNOWN', 'REVISION_CONFLICT', 'BOM_CYCLE']));
  });
});
