/**
 * `npm run bench:releases`: engineering releases end to end under load. Seeds N synthetic products
 * in the three mocks (releases-seed.ts), then, all at once, creates and releases one ECO per
 * product through the PLM system API (SEAL-200 replaced by SEAL-210, use-up, P1-P3, effective
 * tomorrow) and waits until the process API reports every release COMPLETED: validated, assessed,
 * applied to ERP and re-planned by the scheduler of each of the three plants. The mocks run at zero
 * latency (no fault profiles).
 *
 * Per release, the latency runs from its release call returning to the COMPLETED transition the
 * process API records (its history's timestamp, read by polling `GET /v1/engineering-releases
 * ?state=COMPLETED`, so the polling interval does not blur it). Throughput is N over the time
 * from the first ECO call to the last completion. Each app runs in a process of its own, the
 * simulated backends on one database and our apps on another (impact-harness.ts), so the run's
 * CPU (process.cpuUsage of each process) and database transactions (pg_stat_database, commits and
 * rollbacks, from the first call to the last completion, idle background work included: the idle
 * rate over 2 s before the run is printed beside it) are shown per side. The last two lines are
 * `backends: CPU C ms/release, T tx/release` and
 * `releases: R/s, p99 L ms, platform CPU C ms/release, T tx/release`.
 * Figures only: nothing here asserts a timing.
 *
 * Env: DATABASE_URL (a server to make the scratch databases on; embedded PostgreSQL when unset),
 * BENCH_RELEASES (default 40), BENCH_TIMEOUT_S (default 300), BENCH_CPU_PROF=<prefix> (V8 CPU
 * profiles of each platform app from the first call to the last completion, <prefix>.<app>.cpuprofile;
 * BENCH_CPU_PROF_BACKENDS=1 the backends' too), BENCH_DB_STATS=1 (also the busiest tables of each
 * database, from PostgreSQL's statistics), BENCH_CALLS=1 (the HTTP calls per release each app
 * served by route and made by backend, from the apps' /metrics), BENCH_SERVER_LOGS=1 (the apps' logs).
 */
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { EngineeringChangeDto, EngineeringReleaseDto } from '@threadline/canonical';
import { ms, percentile, runBench, Sides, startBenchEnvironment, token } from './impact-harness';
import { PLANTS, seedReleaseProducts, syntheticChange } from './releases-seed';

const N = Number(process.env.BENCH_RELEASES ?? 40);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 300) * 1000;
/**
 * Latency and throughput come from the recorded transitions' timestamps, so the polling interval
 * does not blur them; polling costs the process API though (each poll reads the whole COMPLETED
 * list with its history), so it is kept at a second. BENCH_POLL_MS overrides.
 */
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 1000);
const IDLE_MS = 2_000;
/** PostgreSQL's PGSTAT_IDLE_INTERVAL, and a little more. */
const STATS_SETTLE_MS = 11_000;

interface Tracked {
  product: string;
  changeNumber?: string;
  releasedAt?: number;
  completedAt?: number;
  history?: EngineeringReleaseDto['history'];
}

/**
 * Where a release's time goes, from its recorded transitions: the announcement's trip to the
 * process API, validation, impact assessment, ERP per plant, scheduler per plant (p50 and p95 ms).
 */
function printStages(tracked: Tracked[]): void {
  const stages = new Map<string, number[]>();
  const add = (name: string, from: number | undefined, to: number | undefined) => {
    if (from === undefined || to === undefined) return;
    stages.set(name, [...(stages.get(name) ?? []), to - from]);
  };
  for (const t of tracked) {
    const at = (to: string, plant: string | null = null) => {
      const h = t.history?.find((x) => x.to === to && x.plant === plant);
      return h ? Date.parse(h.at) : undefined;
    };
    add('release call -> RECEIVED (webhook, outbox, queue)', t.releasedAt, at('RECEIVED'));
    add('RECEIVED -> VALIDATED (queue, PLM/ERP reads)', at('RECEIVED'), at('VALIDATED'));
    add('VALIDATED -> IMPACT_ASSESSED (assessment)', at('VALIDATED'), at('IMPACT_ASSESSED'));
    for (const plant of PLANTS) {
      add('ROLLING_OUT -> plant ERP_APPLIED (queue, ERP)', at('ROLLING_OUT'), at('ERP_APPLIED', plant));
      add('plant ERP_APPLIED -> COMPLETED (scheduler, re-plan)', at('ERP_APPLIED', plant), at('COMPLETED', plant));
    }
  }
  console.log('stages (p50 / p95 ms):');
  for (const [name, values] of stages) {
    const sorted = values.sort((a, b) => a - b);
    console.log(`  ${name.padEnd(54)} ${ms(percentile(sorted, 50)).padStart(8)} / ${ms(percentile(sorted, 95))}`);
  }
}

async function post<T>(url: string, auth: string, body?: object): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${auth}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 400)}`);
  return JSON.parse(text) as T;
}

/** Bytes the bench's polling read: polling costs the servers too, so it is kept small and shown. */
let polledBytes = 0;

async function listReleases(processApi: string, auth: string, state: string): Promise<EngineeringReleaseDto[]> {
  const all: EngineeringReleaseDto[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ state, limit: '200', ...(cursor ? { cursor } : {}) });
    const response = await fetch(`${processApi}/v1/engineering-releases?${query.toString()}`, { headers: { authorization: `Bearer ${auth}` } });
    if (response.status !== 200) throw new Error(`listing ${state} releases answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    const text = await response.text();
    polledBytes += text.length;
    const page = JSON.parse(text) as { items: EngineeringReleaseDto[]; nextCursor: string | null };
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

interface DbStats {
  transactions: number;
  tables: Map<string, { scans: number; writes: number }>;
}

/** Transactions of this database and (with `tables`) per table, scans and written rows: where the SQL goes. */
async function dbStats(databaseUrl: string, tables = false): Promise<DbStats> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_stat_force_next_flush()').catch(() => undefined);
    const [{ transactions }] = (await client.query('SELECT (xact_commit + xact_rollback)::bigint AS transactions FROM pg_stat_database WHERE datname = current_database()')).rows;
    if (!tables) return { transactions: Number(transactions), tables: new Map() };
    const rows = (
      await client.query(
        `SELECT schemaname || '.' || relname AS name, (coalesce(seq_scan, 0) + coalesce(idx_scan, 0))::bigint AS scans,
                (n_tup_ins + n_tup_upd + n_tup_del)::bigint AS writes FROM pg_stat_user_tables`,
      )
    ).rows as Array<{ name: string; scans: string; writes: string }>;
    return { transactions: Number(transactions), tables: new Map(rows.map((r) => [r.name, { scans: Number(r.scans), writes: Number(r.writes) }])) };
  } finally {
    await client.end();
  }
}

/** Both databases at once: the platform apps' and the backends'. */
async function bothDbStats(databases: Sides<string>, tables = false): Promise<Sides<DbStats>> {
  const [platform, backends] = await Promise.all([dbStats(databases.platform, tables), dbStats(databases.backends, tables)]);
  return { platform, backends };
}

function printBusiestTables(side: string, before: DbStats, after: DbStats): void {
  console.log(`${side} database: busiest tables (scans / written rows per release):`);
  const deltas = [...after.tables].map(([name, a]) => {
    const b = before.tables.get(name) ?? { scans: 0, writes: 0 };
    return { name, scans: (a.scans - b.scans) / N, writes: (a.writes - b.writes) / N };
  });
  for (const d of deltas.sort((x, y) => y.scans + y.writes - (x.scans + x.writes)).slice(0, 15)) {
    console.log(`  ${d.name.padEnd(48)} ${d.scans.toFixed(1).padStart(8)} / ${d.writes.toFixed(1)}`);
  }
}

/**
 * HTTP calls per release, from each app's Prometheus counters (`/metrics` is public like health):
 * the requests it served by route and the calls it made by backend, since the apps started (the
 * seed's calls go to the mocks' databases directly, so they are not among them).
 */
async function printCalls(urls: object): Promise<void> {
  const rows: { calls: number; line: string }[] = [];
  for (const [app, url] of Object.entries(urls) as [string, string][]) {
    const text = await (await fetch(`${url}/metrics`)).text();
    for (const line of text.split('\n')) {
      const served = /^http_server_request_duration_seconds_count\{.*method="([A-Z]+)",route="([^"]*)",status="(\d+)".*\} (\d+)/.exec(line);
      const made = /^http_client_request_duration_seconds_count\{.*backend="([^"]*)",outcome="([^"]*)".*\} (\d+)/.exec(line);
      if (served) rows.push({ calls: Number(served[4]) / N, line: `${app} served ${served[1]} ${served[2]} ${served[3]}` });
      if (made) rows.push({ calls: Number(made[3]) / N, line: `${app} called ${made[1]} (${made[2]})` });
    }
  }
  console.log('HTTP calls per release (at least 0.5):');
  for (const r of rows.filter((r) => r.calls >= 0.5).sort((a, b) => b.calls - a.calls)) console.log(`  ${r.calls.toFixed(1).padStart(6)}  ${r.line}`);
}

async function main(): Promise<void> {
  const env = await startBenchEnvironment('releases');
  try {
    const products = await seedReleaseProducts(env.databases.backends, N);
    console.log(`seeded ${products.length} synthetic products (PLM part + BOM, ERP material + BOM in ${PLANTS.join(', ')}, scheduler routing per plant)`);
    const auth = await token(env.urls.idp, 'demo-integrator', 'demo-secret');
    const effectiveFrom = new Date(Date.now() + 24 * 3600_000).toISOString();
    const tracked: Tracked[] = products.map((product) => ({ product }));
    const byChange = new Map<string, Tracked>();

    // PostgreSQL counts a connection's transactions when it flushes its statistics, up to 10 s
    // after they ran when the connection then idles: what the boot and the seed did is let in first.
    await new Promise((resolve) => setTimeout(resolve, STATS_SETTLE_MS));
    // What the apps do while nothing happens (queue polling, relays, periodic reconciliation), for scale.
    const idleBefore = await bothDbStats(env.databases);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const idleAfter = await bothDbStats(env.databases);

    await env.startProfiles();
    const statsBefore = await bothDbStats(env.databases, Boolean(process.env.BENCH_DB_STATS));
    const cpuBefore = await env.serverCpuMs();
    const started = performance.now();
    const startedEpoch = Date.now();
    await Promise.all(
      tracked.map(async (t) => {
        const created = await post<EngineeringChangeDto>(`${env.urls.plmApi}/v1/engineering-changes`, auth, syntheticChange(t.product, 'Bench', { effectiveFrom }));
        t.changeNumber = created.number;
        byChange.set(created.number, t);
        await post<EngineeringChangeDto>(`${env.urls.plmApi}/v1/engineering-changes/${created.number}/release`, auth);
        t.releasedAt = Date.now();
      }),
    );
    const releaseCallsMs = performance.now() - started;

    let polls = 0;
    for (;;) {
      const completed = await listReleases(env.urls.processApi, auth, 'COMPLETED');
      for (const release of completed) {
        const t = byChange.get(release.changeNumber);
        const done = release.history.find((h) => h.plant === null && h.to === 'COMPLETED');
        if (t && done && t.completedAt === undefined) {
          t.completedAt = Date.parse(done.at);
          t.history = release.history;
        }
      }
      if (tracked.every((t) => t.completedAt !== undefined)) break;
      if (++polls % 8 === 0) {
        for (const state of ['FAILED', 'REJECTED', 'AWAITING_APPROVAL']) {
          const stuck = (await listReleases(env.urls.processApi, auth, state)).filter((r) => byChange.has(r.changeNumber));
          if (stuck.length > 0) throw new Error(`${stuck.length} release(s) ${state}, e.g. ${stuck[0].changeNumber}: ${stuck[0].failureReason ?? stuck[0].governance}`);
        }
      }
      if (performance.now() - started > TIMEOUT_MS) {
        throw new Error(`${tracked.filter((t) => t.completedAt === undefined).length} of ${N} releases not COMPLETED after ${TIMEOUT_MS / 1000} s`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const cpuAfter = await env.serverCpuMs();
    if (process.env.BENCH_CALLS) await printCalls(env.urls);
    await env.stopProfiles();
    const statsAfter = await bothDbStats(env.databases, Boolean(process.env.BENCH_DB_STATS));
    const cpuPerRelease = (side: keyof Sides<number>) => (cpuAfter[side] - cpuBefore[side]) / N;
    const txPerRelease = (side: keyof Sides<number>) => (statsAfter[side].transactions - statsBefore[side].transactions) / N;
    const idleTxPerS = (side: keyof Sides<number>) => ((idleAfter[side].transactions - idleBefore[side].transactions) * 1000) / IDLE_MS;
    if (process.env.BENCH_DB_STATS) {
      printBusiestTables('platform', statsBefore.platform, statsAfter.platform);
      printBusiestTables('backends', statsBefore.backends, statsAfter.backends);
    }

    const lastCompletion = Math.max(...tracked.map((t) => t.completedAt!));
    const wallS = (lastCompletion - startedEpoch) / 1000;
    const rate = N / wallS;
    const latencies = tracked.map((t) => t.completedAt! - t.releasedAt!).sort((a, b) => a - b);
    console.log(`${N} ECOs created and released concurrently through plm-system-api in ${ms(releaseCallsMs)} ms; ${PLANTS.length} plants each`);
    console.log(`all COMPLETED ${wallS.toFixed(2)} s after the first call`);
    console.log(
      `per release: CPU platform ${cpuPerRelease('platform').toFixed(0)} ms, backends ${cpuPerRelease('backends').toFixed(0)} ms (each app in its own process, PostgreSQL not included); ` +
        `transactions platform ${txPerRelease('platform').toFixed(0)}, backends ${txPerRelease('backends').toFixed(0)} ` +
        `(idle before the run: platform ${idleTxPerS('platform').toFixed(0)}/s, backends ${idleTxPerS('backends').toFixed(0)}/s; included)`,
    );
    console.log(`polling: ${polls + 1} polls of the COMPLETED list, ${(polledBytes / 1024 / 1024).toFixed(1)} MiB read`);
    console.log(
      `release -> COMPLETED: min ${ms(latencies[0])} ms, p50 ${ms(percentile(latencies, 50))} ms, p95 ${ms(percentile(latencies, 95))} ms, ` +
        `p99 ${ms(percentile(latencies, 99))} ms, max ${ms(latencies[latencies.length - 1])} ms`,
    );
    printStages(tracked);
    console.log(`backends: CPU ${cpuPerRelease('backends').toFixed(0)} ms/release, ${txPerRelease('backends').toFixed(0)} tx/release`);
    console.log(
      `releases: ${rate.toFixed(1)}/s, p99 ${percentile(latencies, 99).toFixed(0)} ms, ` +
        `platform CPU ${cpuPerRelease('platform').toFixed(0)} ms/release, ${txPerRelease('platform').toFixed(0)} tx/release`,
    );
  } finally {
    await env.close();
  }
}

runBench(main);
