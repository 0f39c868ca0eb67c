import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASELINE_DIR, compare, Comparison, isMajorBump, mapLimited, OPTIC_CONCURRENCY } from '../tools/check-breaking-changes';

/**
 * The breaking-change check (npm run lint:breaking) run by Optic itself on edited copies of a
 * published document: each case changes one thing the way a DTO edit would.
 */
type Schema = { type?: string; properties?: Record<string, object>; required?: string[] };
type Doc = {
  info: { version: string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Schema> };
};

const published = readFileSync(join(BASELINE_DIR, 'erp-system-api.openapi.json'), 'utf8');
/** The published version, and the next major after it. */
const baseVersion = (JSON.parse(published) as Doc).info.version;
const nextMajor = `${Number(baseVersion.split('.')[0]) + 1}.0.0`;

function edited(change: (doc: Doc) => void): Doc {
  const doc = JSON.parse(published) as Doc;
  change(doc);
  return doc;
}

function schema(doc: Doc, name: string): Schema {
  const found = doc.components.schemas[name];
  if (!found?.properties) throw new Error(`fixture: ${name} is no longer an object schema in the published erp-system-api document`);
  return found;
}

function removePlantTimeZone(doc: Doc): void {
  // PlantDto is the item of GET /v1/plants' 200 response.
  const plant = schema(doc, 'PlantDto');
  if (!plant.properties!.timeZone) throw new Error('fixture: PlantDto.timeZone is gone from the published document');
  delete plant.properties!.timeZone;
  plant.required = plant.required?.filter((p) => p !== 'timeZone');
}

function attachmentList(): object {
  return { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, url: { type: 'string' } }, required: ['name'] } };
}

const cases: Record<string, (doc: Doc) => void> = {
  identical: () => undefined,
  responsePropertyRemoved: removePlantTimeZone,
  operationRemoved: (doc) => {
    // The path keeps its POST, so only the operation goes.
    const item = doc.paths['/v1/plants/{plant}/purchase-requisitions'];
    if (!item?.get || !item.post) throw new Error('fixture: purchase-requisitions lost its GET or POST');
    delete item.get;
  },
  requestPropertyRequired: (doc) => {
    // FlagWorkOrderDto is the body of POST /v1/plants/{plant}/work-orders/{number}/flags; note is optional.
    const flag = schema(doc, 'FlagWorkOrderDto');
    if (!flag.properties!.note || flag.required?.includes('note')) throw new Error('fixture: FlagWorkOrderDto.note is not an optional property');
    flag.required = [...(flag.required ?? []), 'note'];
  },
  removedUnderNewMajor: (doc) => {
    removePlantTimeZone(doc);
    doc.info.version = nextMajor;
  },
  // A new optional list whose entries each need a name: no request sent today lacks a name.
  newOptionalListWithRequiredEntries: (doc) => {
    schema(doc, 'FlagWorkOrderDto').properties!.attachments = attachmentList();
  },
  // The same list, but required itself: every request sent today lacks it.
  newRequiredListWithRequiredEntries: (doc) => {
    const flag = schema(doc, 'FlagWorkOrderDto');
    flag.properties!.attachments = attachmentList();
    flag.required = [...(flag.required ?? []), 'attachments'];
  },
  responsePropertyAdded: (doc) => {
    schema(doc, 'PlantDto').properties!.region = { type: 'string', example: 'EMEA' };
  },
};

describe('breaking-change check against the published baseline (Optic)', () => {
  let dir: string;
  const results = new Map<string, Comparison | Error>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'threadline-breaking-'));
    const baseline = join(dir, 'baseline.openapi.json');
    writeFileSync(baseline, published);
    expect(baseVersion).toMatch(/^\d+\.\d+\.\d+$/);
    // One Optic process per case (a few seconds each), run side by side.
    await mapLimited(Object.entries(cases), OPTIC_CONCURRENCY, async ([name, change]) => {
      const current = join(dir, `${name}.openapi.json`);
      writeFileSync(current, JSON.stringify(edited(change), null, 2));
      results.set(name, await compare(baseline, current).catch((error: Error) => error));
    });
  }, 240_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function result(name: keyof typeof cases): Comparison {
    const found = results.get(name);
    if (found instanceof Error) throw found;
    if (!found) throw new Error(`no result for ${name}`);
    return found;
  }

  it('passes an identical document', () => {
    expect(result('identical')).toEqual({
      verdict: 'unchanged',
      ok: true,
      baselineVersion: baseVersion,
      currentVersion: baseVersion,
      changedOperations: 0,
      breaks: [],
    });
  });

  it('fails when a response schema loses a property', () => {
    const r = result('responsePropertyRemoved');
    expect(r).toMatchObject({ verdict: 'breaking', ok: false });
    expect(r.breaks).toContainEqual({
      operation: 'GET /v1/plants',
      rule: 'prevent removing response property',
      message: "cannot remove response property 'timeZone'.",
    });
  });

  it('fails when an operation is removed', () => {
    const r = result('operationRemoved');
    expect(r).toMatchObject({ verdict: 'breaking', ok: false });
    expect(r.breaks).toEqual([
      { operation: 'GET /v1/plants/{plant}/purchase-requisitions', rule: 'prevent operation removal', message: 'cannot remove an operation.' },
    ]);
  });

  it('fails when an optional request property becomes required', () => {
    const r = result('requestPropertyRequired');
    expect(r).toMatchObject({ verdict: 'breaking', ok: false });
    expect(r.breaks).toEqual([
      {
        operation: 'POST /v1/plants/{plant}/work-orders/{number}/flags',
        rule: 'prevent changing request property to required',
        message: 'cannot make a request property required.',
      },
    ]);
  });

  it('passes the same removal when info.version moves to the next major, still naming the break', () => {
    const r = result('removedUnderNewMajor');
    expect(r).toMatchObject({ verdict: 'allowed', ok: true, baselineVersion: baseVersion, currentVersion: nextMajor });
    expect(r.breaks).toContainEqual({
      operation: 'GET /v1/plants',
      rule: 'prevent removing response property',
      message: "cannot remove response property 'timeZone'.",
    });
  });

  it('passes a new optional request list whose entries have required fields (Optic flags those fields; no request sent today lacks them)', () => {
    const r = result('newOptionalListWithRequiredEntries');
    expect(r).toMatchObject({ verdict: 'compatible', ok: true, breaks: [] });
    expect(r.changedOperations).toBeGreaterThan(0);
  });

  it('fails the same list when the list itself is required', () => {
    const r = result('newRequiredListWithRequiredEntries');
    expect(r).toMatchObject({ verdict: 'breaking', ok: false });
    expect(r.breaks.map((b) => b.operation)).toContain('POST /v1/plants/{plant}/work-orders/{number}/flags');
  });

  it('passes a new optional response property, which Optic sees as a change', () => {
    const r = result('responsePropertyAdded');
    expect(r).toMatchObject({ verdict: 'compatible', ok: true, breaks: [] });
    expect(r.changedOperations).toBeGreaterThan(0);
  });

  it('counts only a greater major as a major version bump', () => {
    expect(isMajorBump('1.0.0', '2.0.0')).toBe(true);
    expect(isMajorBump('1.9.3', 'v2')).toBe(true);
    expect(isMajorBump('1.0.0', '1.5.0')).toBe(false);
    expect(isMajorBump('2.0.0', '1.0.0')).toBe(false);
    expect(isMajorBump('1.0.0', 'next')).toBe(false);
    expect(isMajorBump(undefined, '2.0.0')).toBe(false);
  });
});
