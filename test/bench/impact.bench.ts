/**
 * `npm run bench:impact`: latency of a change-impact dry run (`POST /v1/change-impact-assessments`
 * on process-api) against a large ERP: 100,000 BOM lines over 10 levels in P1 whose lower levels
 * use HOUSING-110, and 20,000 open production orders in P1-P3, 800 of them on HOUSING-110 rev A.
 * The assessment of HOUSING-110 A->B (BOLT-M8 removed, use-up) over P1, P2, P3 goes through
 * plm-system-api, erp-system-api (where-used, work orders, stock, purchase orders, costs) and
 * scheduling-system-api, each over its mock. Prints min/p50/p95/max and the sizes involved; the
 * last line is `impact: p95 X ms over N runs`. Figures only: nothing here asserts a timing.
 *
 * Env: DATABASE_URL (a server to make a scratch database on; embedded PostgreSQL when unset),
 * BENCH_RUNS (default 30), BENCH_WARMUP (default 5), BENCH_BREAKDOWN=1 (also time, one by one, the
 * system API reads an assessment makes, to show where the time goes), BENCH_CPU_PROF=<prefix> (V8
 * CPU profiles of each platform app's process during the timed runs, <prefix>.<app>.cpuprofile;
 * BENCH_CPU_PROF_BACKENDS=1 the backends' too). Each app runs in a process of its own (impact-harness.ts).
 */
import { performance } from 'node:perf_hooks';
import type { ChangeImpactAssessmentDto } from '@threadline/canonical';
import { ms, percentile, runBench, Sides, startBenchEnvironment, token } from './impact-harness';
import { IMPACT_ITEM, seedImpactData } from './impact-seed';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const PLANTS = ['P1', 'P2', 'P3'];

function housingChange() {
  return {
    change: {
      title: 'Housing: drop the M8 bolts (bench)',
      priority: 'normal',
      targetPlants: PLANTS,
      effectivity: { type: 'date', startDate: new Date(Date.now() + 24 * 3600_000).toISOString() },
      affectedItems: [
        { itemNumber: IMPACT_ITEM, fromRevision: 'A', toRevision: 'B', disposition: 'use-up', bomChanges: [{ action: 'remove', componentNumber: 'BOLT-M8' }] },
      ],
    },
  };
}

async function assess(processApi: string, auth: string): Promise<{ ms: number; body: ChangeImpactAssessmentDto }> {
  const started = performance.now();
  const response = await fetch(`${processApi}/v1/change-impact-assessments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
    body: JSON.stringify(housingChange()),
  });
  const text = await response.text();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`assessment answered ${response.status}: ${text.slice(0, 500)}`);
  return { ms: elapsed, body: JSON.parse(text) as ChangeImpactAssessmentDto };
}

/** Median of `RUNS / 3` sequential calls of one read, after one warm-up call. */
async function timeRead(url: string, auth: string): Promise<{ ms: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i <= Math.max(3, Math.floor(RUNS / 3)); i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${auth}` } });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
    if (i > 0) times.push(performance.now() - started);
    bytes = text.length;
  }
  return { ms: percentile(times.sort((a, b) => a - b), 50), bytes };
}

async function breakdown(urls: { plmApi: string; erpApi: string; schedulingApi: string }, auth: string): Promise<void> {
  const at = encodeURIComponent(new Date().toISOString());
  const reads: Array<[string, string]> = [
    ['plm bom HOUSING-110/A', `${urls.plmApi}/v1/items/${IMPACT_ITEM}/revisions/A/bom`],
    ['erp where-used P1', `${urls.erpApi}/v1/plants/P1/items/${IMPACT_ITEM}/where-used?at=${at}`],
    ['erp where-used P2', `${urls.erpApi}/v1/plants/P2/items/${IMPACT_ITEM}/where-used?at=${at}`],
    ['erp where-used summary P1 (200)', `${urls.erpApi}/v1/plants/P1/where-used-summary?items=${IMPACT_ITEM}&limit=200&at=${at}`],
    ['erp work orders P1 (200)', `${urls.erpApi}/v1/plants/P1/work-orders?itemNumber=${IMPACT_ITEM}&limit=200`],
    ['erp inventory P1 BOLT-M8', `${urls.erpApi}/v1/plants/P1/inventory?itemNumber=BOLT-M8&limit=200`],
    ['erp purchase orders P1 BOLT-M8', `${urls.erpApi}/v1/plants/P1/purchase-orders?itemNumber=BOLT-M8&limit=200`],
    ['erp plant item P1 BOLT-M8', `${urls.erpApi}/v1/plants/P1/items/BOLT-M8`],
    ['scheduling jobs P1', `${urls.schedulingApi}/v1/plants/P1/jobs?itemNumber=${IMPACT_ITEM}&limit=200`],
  ];
  for (const [name, url] of reads) {
    const read = await timeRead(url, auth);
    console.log(`  read ${name.padEnd(32)} p50 ${ms(read.ms).padStart(6)} ms, ${(read.bytes / 1024).toFixed(0)} KiB`);
  }
}

async function main(): Promise<void> {
  const env = await startBenchEnvironment('impact');
  try {
    const seedStarted = performance.now();
    const figures = await seedImpactData(env.databases.backends);
    console.log(
      `seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s: ${figures.bomLines} BOM lines over ${figures.assemblies} assemblies in P1, ` +
        `${figures.productionOrders} open production orders in P1-P3, on ${IMPACT_ITEM}: ${JSON.stringify(figures.impactItemOrders)}`,
    );
    const auth = await token(env.urls.idp, 'demo-integrator', 'demo-secret');

    let last: ChangeImpactAssessmentDto | undefined;
    for (let i = 0; i < WARMUP; i++) last = (await assess(env.urls.processApi, auth)).body;
    const times: number[] = [];
    let bytes = 0;
    // The apps do background work (queue polling, relays) even when idle; that share is taken out.
    const idleBefore = await env.serverCpuMs();
    await new Promise((r) => setTimeout(r, 2_000));
    const idleAfter = await env.serverCpuMs();
    await env.startProfiles();
    const cpuBefore = await env.serverCpuMs();
    const runsStarted = performance.now();
    for (let i = 0; i < RUNS; i++) {
      const run = await assess(env.urls.processApi, auth);
      times.push(run.ms);
      last = run.body;
      bytes = JSON.stringify(run.body).length;
    }
    const runsMs = performance.now() - runsStarted;
    const cpuAfter = await env.serverCpuMs();
    const cpuPerRun = (side: keyof Sides<number>) =>
      (cpuAfter[side] - cpuBefore[side] - ((idleAfter[side] - idleBefore[side]) / 2_000) * runsMs) / RUNS;
    await env.stopProfiles();
    for (const plant of last!.plants) {
      console.log(
        `  ${plant.plant}: where-used ${plant.whereUsedTotal ?? plant.whereUsed.length} paths, ${plant.whereUsed.length} listed ` +
          `(deepest level ${Math.max(0, ...(plant.whereUsedSummary ?? plant.whereUsed.map((w) => ({ deepestLevel: w.level }))).map((s) => s.deepestLevel))}), ` +
          `open work orders ${plant.workOrders.total}, scheduled jobs ${plant.scheduledJobs}, warnings ${plant.warnings.length}`,
      );
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`response ${(bytes / 1024).toFixed(0)} KiB; ${RUNS} runs after ${WARMUP} warm-up runs, one at a time`);
    console.log(
      `server CPU per run: platform ${ms(cpuPerRun('platform'))} ms, backends ${ms(cpuPerRun('backends'))} ms ` +
        `(each app in its own process, idle background work taken out; PostgreSQL not included)`,
    );
    console.log(`min ${ms(sorted[0])} ms, p50 ${ms(percentile(sorted, 50))} ms, p95 ${ms(percentile(sorted, 95))} ms, max ${ms(sorted[sorted.length - 1])} ms`);
    if (process.env.BENCH_BREAKDOWN) await breakdown(env.urls, auth);
    console.log(`impact: p95 ${percentile(sorted, 95).toFixed(0)} ms over ${RUNS} runs`);
  } finally {
    await env.close();
  }
}

runBench(main);
