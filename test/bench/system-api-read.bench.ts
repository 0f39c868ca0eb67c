/**
 * `npm run bench`: throughput and p99 latency of a token-checked GET on a system API (the ERP
 * plant item, read through erp-mock from PostgreSQL), measured side by side in one run with the
 * same connections and duration: a bare Fastify handler returning the same body, the backend's
 * read alone (erp-mock), the system API as configured (its master-data cache warm) and the system
 * API with its cache off (every request a backend read). The last line gives the cached API
 * against bare Fastify and the cold API against the backend alone.
 * BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the system APIs' process there
 * (summarise with test/tools/profile-top.ts); BENCH_ONLY=cached or cold measures that API only.
 */
import autocannon from 'autocannon';
import { ChildProcess, fork } from 'node:child_process';
import type { BenchServerMessage } from './bench-servers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from '@threadline/platform';

const PATH = '/v1/plants/P1/items/PUMP-100';
/** What erp-system-api asks the backend for that read. */
const MOCK_PATH = "/sap/opu/odata/sap/API_PRODUCT_SRV/A_Product('PUMP-100')?$expand=to_Description,to_Plant,to_Valuation";
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROF;

function spawnServer(message: BenchServerMessage, profile = false): Promise<{ child: ChildProcess; urls: Record<string, string> }> {
  const child = fork(join(__dirname, 'bench-servers.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', ...(profile && CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : [])],
    env: { ...process.env, NODE_ENV: 'production', TS_NODE_PROJECT: join(__dirname, '..', '..', 'tsconfig.json') },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (reply: { ready: boolean; urls: Record<string, string>; error?: string }) =>
      reply.ready ? resolve({ child, urls: reply.urls }) : reject(new Error(reply.error)),
    );
    child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
    child.send(message);
  });
}

function stopCleanly(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.send({ kind: 'stop' } satisfies BenchServerMessage);
  });
}

async function token(idpUrl: string, clientId: string, clientSecret: string, scope: string): Promise<string> {
  const response = await fetch(`${idpUrl}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

interface Load {
  rps: number;
  p99: number;
  errors: number;
}

interface Target {
  url: string;
  headers: Record<string, string>;
}

async function load(url: string, headers: Record<string, string>): Promise<Load> {
  // A short warm-up lets the JIT, connection pools and key caches settle before measuring.
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 });
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_S });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/**
 * Every target for the same time with the same connections, in ROUNDS interleaved turns of
 * DURATION_S / ROUNDS each (after one warm-up each), so that load from elsewhere on a shared
 * machine weighs on all of them alike rather than on whichever ran during it. p99 is the worst turn's.
 */
async function loadInterleaved(targets: Target[]): Promise<Load[]> {
  for (const t of targets) await autocannon({ url: t.url, headers: t.headers, connections: CONNECTIONS, duration: 2 });
  const totals = targets.map(() => ({ requests: 0, seconds: 0, p99: 0, errors: 0 }));
  const turn = DURATION_S / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, t] of targets.entries()) {
      const result = await autocannon({ url: t.url, headers: t.headers, connections: CONNECTIONS, duration: turn });
      totals[i].requests += result.requests.total;
      totals[i].seconds += result.duration;
      totals[i].p99 = Math.max(totals[i].p99, result.latency.p99);
      totals[i].errors += result.errors + result.non2xx;
    }
  }
  return totals.map((t) => ({ rps: t.requests / t.seconds, p99: t.p99, errors: t.errors }));
}

async function main(): Promise<void> {
  let stopPg: (() => Promise<void>) | undefined;
  let server: string;
  let dataDir: string | undefined;
  if (process.env.DATABASE_URL) {
    server = process.env.DATABASE_URL;
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'threadline-bench-pg-'));
    const pg = await startEmbeddedPostgres({ dataDir, ephemeral: true, database: 'postgres' });
    stopPg = pg.stop;
    server = pg.url;
  }
  const dbUrl = new URL(server);
  dbUrl.pathname = `/threadline_bench_${process.pid}`;
  const databaseUrl = dbUrl.toString();
  await ensureDatabase(databaseUrl);
  const children: ChildProcess[] = [];
  let apis: ChildProcess | undefined;
  try {
    const backend = await spawnServer({ kind: 'backend', databaseUrl });
    children.push(backend.child);
    const sys = await spawnServer({ kind: 'system-api', databaseUrl, idpUrl: backend.urls.idp, erpMockUrl: backend.urls.erpMock }, true);
    apis = sys.child;
    children.push(sys.child);
    const auth = { authorization: `Bearer ${await token(backend.urls.idp, 'threadline-process', 'process-secret', 'erp:read')}` };
    const probe = await fetch(`${sys.urls.erpApi}${PATH}`, { headers: auth });
    if (probe.status !== 200) throw new Error(`system API probe answered ${probe.status}: ${await probe.text()}`);
    const body = await probe.text();
    const coldProbe = await fetch(`${sys.urls.erpApiCold}${PATH}`, { headers: auth });
    if ((await coldProbe.text()) !== body) throw new Error('the system API without cache answers another body');

    const bare = await spawnServer({ kind: 'bare', body, path: PATH });
    children.push(bare.child);

    console.log(`bench: ${CONNECTIONS} connections, ${DURATION_S} s per target in ${ROUNDS} interleaved turns after a 2 s warm-up; body ${body.length} bytes`);
    const connectorToken = await token(backend.urls.idp, 'threadline-connector', 'connector-secret', 'mock:access');
    const only = process.env.BENCH_ONLY;
    if (only === 'cold' || only === 'cached') {
      const one = await load(`${only === 'cold' ? sys.urls.erpApiCold : sys.urls.erpApi}${PATH}`, auth);
      console.log(`system-api-read (${only}): ${one.rps.toFixed(0)} req/s, p99 ${one.p99} ms, errors ${one.errors}`);
      return;
    }
    const [bareResult, mockResult, cached, cold] = await loadInterleaved([
      { url: `${bare.urls.bare}${PATH}`, headers: auth },
      // The backend alone (one hop: token check and the OData read), to show where the time goes.
      { url: `${backend.urls.erpMock}${MOCK_PATH}`, headers: { authorization: `Bearer ${connectorToken}` } },
      { url: `${sys.urls.erpApi}${PATH}`, headers: auth },
      { url: `${sys.urls.erpApiCold}${PATH}`, headers: auth },
    ]);
    console.log(`bare-fastify:             ${bareResult.rps.toFixed(0)} req/s, p99 ${bareResult.p99} ms, errors ${bareResult.errors}`);
    console.log(`erp-mock-read:            ${mockResult.rps.toFixed(0)} req/s, p99 ${mockResult.p99} ms, errors ${mockResult.errors}`);
    console.log(`system-api-read (cached): ${cached.rps.toFixed(0)} req/s, p99 ${cached.p99} ms, errors ${cached.errors}`);
    console.log(`system-api-read (cold):   ${cold.rps.toFixed(0)} req/s, p99 ${cold.p99} ms, errors ${cold.errors}`);
    console.log('  (cached = erp-system-api answers from its master-data cache, ETag and all; a repeat is answered by the gateway\'s');
    console.log('   cached-read front before Nest runs, after the same token, scope, plant and rate-limit checks;');
    console.log('   cold = the same API with MASTER_DATA_CACHE_TTL_SECONDS=0: it checks the token and calls erp-mock over HTTP,');
    console.log('   which checks its token and reads PostgreSQL with four queries; each app in a process of its own, PostgreSQL shares the 2 cores)');
    console.log(
      `bench: system-api-read/bare-fastify = ${(cached.rps / bareResult.rps).toFixed(3)} (cached), system-api-read/backend = ${(cold.rps / mockResult.rps).toFixed(3)} (cold)`,
    );
  } finally {
    // The APIs' process exits cleanly so that its CPU profile is written.
    if (apis && CPU_PROFILE_DIR) await stopCleanly(apis);
    for (const child of children) child.kill('SIGKILL');
    await dropDatabase(databaseUrl).catch(() => undefined);
    await stopPg?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench failed: ${error.message}`);
    process.exit(1);
  },
);
