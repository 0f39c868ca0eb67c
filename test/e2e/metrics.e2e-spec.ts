import type { EngineeringChangeDto, EngineeringReleaseDto, ExceptionCaseDto } from '@threadline/canonical';
import { parsePrometheusText, PrometheusSample, sampleValue } from '@threadline/platform';
import { writeFileSync } from 'node:fs';
import { APP_NAMES, AppName } from '../../apps/launcher/src/platform-runner';
import { eventually } from '../support/eventually';
import { call, expectOk } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { anEngineeringChange, exceptionCases } from '../support/release-fixtures';

const PLANTS = ['P1', 'P2', 'P3'];
const BUSINESS_SERIES = [
  'threadline_revision_adoption_plants',
  'threadline_release_lead_time_seconds',
  'threadline_work_order_update_failures_total',
  'threadline_schedule_exceptions_total',
  'threadline_exception_cases_open',
];

/**
 * Issue 11, "a test scrapes /metrics after a release and finds the business series with the right
 * values": one governed release to all three plants through the public APIs, then every app's
 * `/metrics` (no token), each showing its own series only.
 */
describe('metrics: /metrics of every app after a release (nine apps in one process, real HTTP, real Postgres)', () => {
  let t: TestPlatform;
  let integrator: string;
  let change: EngineeringChangeDto;
  let release: EngineeringReleaseDto;

  beforeAll(async () => {
    t = await startTestPlatform('metrics');
    integrator = await t.token('demo-integrator');
  }, 120_000);

  afterAll(() => t?.close());

  const scrapeText = async (app: AppName): Promise<string> => {
    const response = await fetch(`${t.url(app)}/metrics`);
    expect({ app, status: response.status }).toEqual({ app, status: 200 });
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    return response.text();
  };
  const scrape = async (app: AppName): Promise<PrometheusSample[]> => parsePrometheusText(await scrapeText(app));

  it('every app serves /metrics without a token, and every series it shows is its own', async () => {
    for (const app of APP_NAMES) {
      const samples = await scrape(app);
      expect({ app, some: samples.length > 0 }).toEqual({ app, some: true });
      expect({ app, foreign: samples.filter((s) => s.labels.app !== app).map((s) => `${s.name}${JSON.stringify(s.labels)}`) }).toEqual({ app, foreign: [] });
    }
  });

  it('a governed release of one change completes in P1, P2 and P3', async () => {
    const created = await expectOk(
      'create the change',
      call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes`, { token: integrator, body: anEngineeringChange({ targetPlants: PLANTS }) }),
    );
    change = await expectOk(
      'release the change',
      call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes/${created.number}/release`, { token: integrator }),
    );
    release = await eventually(
      async () => {
        const page = await call<{ items: EngineeringReleaseDto[] }>('GET', `${t.url('process-api')}/v1/engineering-releases?changeNumber=${change.number}`, {
          token: integrator,
        });
        const r = page.body.items?.[0];
        if (r && ['FAILED', 'REJECTED', 'AWAITING_APPROVAL'].includes(r.state)) throw new Error(`release ${r.state}: ${r.failureReason ?? r.governance}`);
        return r?.state === 'COMPLETED' ? r : undefined;
      },
      'the release to complete',
      60_000,
    );
    expect(release.rollouts.map((r) => [r.plant, r.state])).toEqual(PLANTS.map((p) => [p, 'COMPLETED']));
  }, 90_000);

  it('process API: the change is adopted in each plant, with one lead time each, from PLM release to completion', async () => {
    const text = await scrapeText('process-api');
    const samples = parsePrometheusText(text);
    const scrapedAt = Date.now();
    for (const plant of PLANTS) {
      const adoption = (state: string) => sampleValue(samples, 'threadline_revision_adoption_plants', { app: 'process-api', plant, state });
      expect({ plant, adopted: adoption('adopted'), pending: adoption('pending'), failed: adoption('failed') }).toEqual({ plant, adopted: 1, pending: 0, failed: 0 });
      expect({ plant, count: sampleValue(samples, 'threadline_release_lead_time_seconds_count', { plant }) }).toEqual({ plant, count: 1 });
      const seconds = sampleValue(samples, 'threadline_release_lead_time_seconds_sum', { plant })!;
      // Measured from PLM's release of the change: more than nothing, less than has passed since.
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual((scrapedAt - Date.parse(change.releasedAt!)) / 1000);
      expect(sampleValue(samples, 'threadline_release_lead_time_seconds_bucket', { plant, le: '+Inf' })).toBe(1);
    }
    // Never an id or a change number as a label.
    expect(text).not.toContain(change.number);
    expect(text).not.toContain(release.id);
  });

  it('process API: schedule exceptions and open exception cases per plant and kind match its exception cases', async () => {
    // P2's scheduler raised problems while it was seeded; each became one case (exception-reconciliation e2e).
    const cases = (plant: string): Promise<ExceptionCaseDto[]> => exceptionCases(t.url('process-api'), integrator, plant);
    const compared = await eventually(
      async () => {
        const opened = await cases('P2');
        const samples = await scrape('process-api');
        if (opened.length === 0) return undefined;
        const kinds = [...new Set(opened.map((c) => c.kind))];
        const expected = kinds.map((kind) => ({
          kind,
          received: opened.filter((c) => c.kind === kind).length,
          openLessThanAnHour: opened.filter((c) => c.kind === kind && c.state === 'OPEN').length,
        }));
        const actual = kinds.map((kind) => ({
          kind,
          received: sampleValue(samples, 'threadline_schedule_exceptions_total', { plant: 'P2', kind }),
          openLessThanAnHour: sampleValue(samples, 'threadline_exception_cases_open', { plant: 'P2', kind, age: 'lt_1h' }),
        }));
        // The cases arrive while the scrape is read: compare once both agree, or fail with the last difference.
        if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`metrics ${JSON.stringify(actual)} vs cases ${JSON.stringify(expected)}`);
        return { expected, samples };
      },
      'the exception metrics to match the P2 cases',
      30_000,
    );
    expect(compared.expected.length).toBeGreaterThan(0);
    for (const { kind } of compared.expected) {
      for (const age of ['1h_to_24h', '1d_to_7d', 'gt_7d']) expect(sampleValue(compared.samples, 'threadline_exception_cases_open', { plant: 'P2', kind, age })).toBe(0);
    }
  });

  it('process API: failed work-order updates per plant match the holds ERP refused', async () => {
    const samples = await scrape('process-api');
    for (const plant of PLANTS) {
      const refused = (await call<{ items: ExceptionCaseDto[] }>('GET', `${t.url('process-api')}/v1/exceptions?plant=${plant}&limit=200`, { token: integrator })).body.items.filter(
        (c) => c.history.some((h) => h.what === 'ERP_HOLD_REFUSED'),
      ).length;
      expect({ plant, failures: sampleValue(samples, 'threadline_work_order_update_failures_total', { plant }) }).toEqual({ plant, failures: refused });
    }
  });

  it("process API: a hold ERP cannot take is a failed work-order update in its plant, and its step a retry, until ERP is back", async () => {
    const operator = await t.token('operator');
    const scheduling = await t.token('threadline-process');
    const failures = (samples: PrometheusSample[], plant: string) => sampleValue(samples, 'threadline_work_order_update_failures_total', { plant }) ?? 0;
    const retries = (samples: PrometheusSample[]) => sampleValue(samples, 'threadline_step_retries_total', { flow: 'exception-cases', tier: '2' }) ?? 0;
    const before = await scrape('process-api');
    // ERP down as a whole (S/4HANA's order calls name no plant, so a P2-only outage would not reach them).
    const outage = { outages: [{ from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 3600_000).toISOString() }] };
    expect((await call('PUT', `${t.url('erp-mock')}/admin/faults/*`, { token: operator, body: outage })).status).toBe(200);
    try {
      const hold = await call('POST', `${t.url('scheduling-system-api')}/v1/plants/P2/quality-holds`, {
        token: scheduling,
        body: { jobId: '1000009', detail: 'Leak test failed on 3 of 30 units' },
      });
      expect([200, 201]).toContain(hold.status);
      // Each failed attempt of the hold is one failed work-order update in P2 and one retry of its flow (tier 2).
      const during = await eventually(
        async () => {
          const samples = await scrape('process-api');
          const failed = failures(samples, 'P2') - failures(before, 'P2');
          const retried = retries(samples) - retries(before);
          if (failed < 1 || failed !== retried) throw new Error(`${failed} failed work-order update(s) in P2, ${retried} retries`);
          return samples;
        },
        'a failed hold attempt counted as a failed work-order update and a retry',
        30_000,
      );
      expect(sampleValue(during, 'threadline_retrying_steps', { flow: 'exception-cases', tier: '2' })).toBe(1);
      expect(sampleValue(during, 'threadline_oldest_retry_seconds', { flow: 'exception-cases', tier: '2' })).toBeGreaterThanOrEqual(0);
    } finally {
      expect((await call('DELETE', `${t.url('erp-mock')}/admin/faults/*`, { token: operator })).status).toBe(204);
    }
    await eventually(
      async () => {
        const page = await call<{ items: ExceptionCaseDto[] }>('GET', `${t.url('process-api')}/v1/exceptions?plant=P2&kind=quality-hold`, { token: integrator });
        return page.body.items?.[0]?.erpHold === 'QUALITY_HOLD' ? true : undefined;
      },
      'the hold to be placed once ERP is back',
      60_000,
    );
    const after = await scrape('process-api');
    expect(sampleValue(after, 'threadline_retrying_steps', { flow: 'exception-cases', tier: '2' })).toBe(0);
    for (const plant of ['P1', 'P3']) expect({ plant, failed: failures(after, plant) }).toEqual({ plant, failed: failures(before, plant) });
  }, 90_000);

  it('process API: its messaging figures per flow, tier and queue', async () => {
    const samples = await scrape('process-api');
    expect(sampleValue(samples, 'threadline_outbox_pending', { app: 'process-api' })).toBeGreaterThanOrEqual(0);
    expect(sampleValue(samples, 'threadline_outbox_lag_seconds', { app: 'process-api' })).toBeGreaterThanOrEqual(0);
    expect(sampleValue(samples, 'threadline_queue_depth', { state: 'created' })).toBeGreaterThanOrEqual(0);
    const flows = samples.filter((s) => s.name === 'threadline_retrying_steps').map((s) => `${s.labels.flow}/${s.labels.tier}`);
    expect(flows).toEqual(expect.arrayContaining(['scheduling-feedback/1', 'exception-cases/2']));
    for (const name of ['threadline_step_retries_total', 'threadline_dead_letters_total', 'threadline_dead_letters_open', 'threadline_oldest_retry_seconds']) {
      expect({ name, flows: samples.some((s) => s.name === name && s.labels.flow === 'scheduling-feedback' && s.labels.tier === '1') }).toEqual({ name, flows: true });
    }
  });

  it('a system API: requests it served by route template and status, and its calls to its backend by outcome', async () => {
    const erp = 'erp-system-api';
    const before = await scrape(erp);
    // The process API applied the new BOM revision in each plant through this route.
    expect(sampleValue(before, 'http_server_request_duration_seconds_count', { app: erp, method: 'POST', route: '/v1/plants/:plant/boms', status: '201' })).toBeGreaterThanOrEqual(3);
    const route = { app: erp, method: 'GET', route: '/v1/plants/:plant/items/:itemNumber', status: '200' };
    const served = sampleValue(before, 'http_server_request_duration_seconds_count', route) ?? 0;
    for (const plant of ['P1', 'P3']) expect((await call('GET', `${t.url(erp)}/v1/plants/${plant}/items/PUMP-100`, { token: integrator })).status).toBe(200);
    const after = await scrape(erp);
    expect(sampleValue(after, 'http_server_request_duration_seconds_count', route)).toBe(served + 2);
    expect(sampleValue(after, 'http_client_request_duration_seconds_count', { app: erp, backend: 'S/4HANA', outcome: 'success' })).toBeGreaterThan(0);
    // The raw URL never: the route is the template.
    expect(after.some((s) => s.labels.route?.includes('PUMP-100'))).toBe(false);
    // And the process API's calls to this system API, under its name.
    const process = await scrape('process-api');
    expect(sampleValue(process, 'http_client_request_duration_seconds_count', { app: 'process-api', backend: erp, outcome: 'success' })).toBeGreaterThan(0);
  });

  it("no other app shows the process API's business series (one registry per app)", async () => {
    for (const app of APP_NAMES.filter((a) => a !== 'process-api')) {
      const samples = await scrape(app);
      expect({ app, business: samples.filter((s) => BUSINESS_SERIES.some((name) => s.name.startsWith(name))).map((s) => s.name) }).toEqual({ app, business: [] });
    }
    // The business series after all of the above, for the closing note when asked (METRICS_EXCERPT_FILE).
    if (process.env.METRICS_EXCERPT_FILE) {
      const text = await scrapeText('process-api');
      const lines = text.split('\n').filter((l) => BUSINESS_SERIES.some((name) => l.startsWith(name)) && !l.includes('_bucket{') && !/ 0$/.test(l));
      writeFileSync(process.env.METRICS_EXCERPT_FILE, `${lines.join('\n')}\n`);
    }
  });
});
