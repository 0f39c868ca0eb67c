/**
 * `npm run bench`: throughput and p99 latency of a token-checked GET on a system API (the ERP
 * plant item, read through erp-mock from PostgreSQL) against a bare Fastify handler returning the
 * same body, measured side by side in one run. The last line is the ratio of their throughputs.
 */
import autocannon from 'autocannon';
import { ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from '@threadline/platform';

const PATH = '/v1/plants/P1/items/PUMP-100';
/** What erp-system-api asks the backend for that read. */
const MOCK_PATH = "/sap/opu/odata/sap/API_PRODUCT_SRV/A_Product('PUMP-100')?$expand=to_Description,to_Plant,to_Valuation";
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

function spawnServer(message: object): Promise<{ child: ChildProcess; urls: Record<string, string> }> {
  const child = fork(join(__dirname, 'bench-servers.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
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

async function token(idpUrl: string, clientId: string, clientSecret: string, scope: string): Promise<string> {
  const response = await fetch(`${idpUrl}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function load(url: string, headers: Record<string, string>): Promise<{ rps: number; p99: number; errors: number }> {
  // A short warm-up lets the JIT, connection pools and key caches settle before measuring.
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 });
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_S });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
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
  try {
    const sys = await spawnServer({ kind: 'system-api', databaseUrl });
    children.push(sys.child);
    const auth = { authorization: `Bearer ${await token(sys.urls.idp, 'threadline-process', 'process-secret', 'erp:read')}` };
    const probe = await fetch(`${sys.urls.erpApi}${PATH}`, { headers: auth });
    if (probe.status !== 200) throw new Error(`system API probe answered ${probe.status}: ${await probe.text()}`);
    const body = await probe.text();

    const bare = await spawnServer({ kind: 'bare', body, path: PATH });
    children.push(bare.child);

    console.log(`bench: ${CONNECTIONS} connections, ${DURATION_S} s per target after a 2 s warm-up; body ${body.length} bytes`);
    const bareResult = await load(`${bare.urls.bare}${PATH}`, auth);
    console.log(`bare-fastify:    ${bareResult.rps.toFixed(0)} req/s, p99 ${bareResult.p99} ms, errors ${bareResult.errors}`);
    // The backend alone (one hop: token check and the OData read), to show where the time goes.
    const connectorToken = await token(sys.urls.idp, 'threadline-connector', 'connector-secret', 'mock:access');
    const mockResult = await load(`${sys.urls.erpMock}${MOCK_PATH}`, { authorization: `Bearer ${connectorToken}` });
    console.log(`erp-mock-read:   ${mockResult.rps.toFixed(0)} req/s, p99 ${mockResult.p99} ms, errors ${mockResult.errors}`);
    const sysResult = await load(`${sys.urls.erpApi}${PATH}`, auth);
    console.log(`system-api-read: ${sysResult.rps.toFixed(0)} req/s, p99 ${sysResult.p99} ms, errors ${sysResult.errors}`);
    console.log('  (system-api-read = erp-system-api checks the token and calls erp-mock over HTTP, which checks its token and reads');
    console.log('   PostgreSQL with four queries: product, descriptions, plant data, valuations; PostgreSQL shares the 2 cores)');
    console.log(`bench: system-api-read/bare-fastify = ${(sysResult.rps / bareResult.rps).toFixed(3)}`);
  } finally {
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
