import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_NAMES, portEnvName } from '../../apps/launcher/src/platform-runner';
import { call } from '../support/http';

const ROOT = join(__dirname, '..', '..');

interface Launch {
  child: ChildProcess;
  output: () => string;
  urls: Record<string, string>;
}

/** Runs the built launcher as `npm start` does, with embedded PostgreSQL and free ports. */
function launch(dataDir: string): Promise<Launch> {
  const env: NodeJS.ProcessEnv = { ...process.env, THREADLINE_DATA_DIR: dataDir, NODE_ENV: 'production' };
  delete env.DATABASE_URL;
  for (const app of APP_NAMES) env[portEnvName(app)] = '0';
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/launcher/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`launcher did not come up:\n${out}`)), 120_000);
    const check = setInterval(() => {
      if (!out.includes('Threadline is running')) return;
      clearInterval(check);
      clearTimeout(timer);
      const urls: Record<string, string> = {};
      for (const app of APP_NAMES) {
        const match = new RegExp(`^\\s+${app}\\s+(http://\\S+)`, 'm').exec(out);
        if (match) urls[app] = match[1];
      }
      resolve({ child, output: () => out, urls });
    }, 100);
    child.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`launcher exited with ${code}:\n${out}`));
    });
  });
}

async function integratorToken(idpUrl: string): Promise<string> {
  const response = await call('POST', `${idpUrl}/oauth/token`, {
    body: 'grant_type=client_credentials&client_id=demo-integrator&client_secret=demo-secret',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return response.body.access_token as string;
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

describe('npm start: the whole platform in one process on embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'threadline-launcher-'));
  const children: ChildProcess[] = [];

  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js'), 'build', 'launcher'], { cwd: ROOT, stdio: 'ignore' });
  }, 180_000);

  afterAll(async () => {
    // A failed assertion must not leave a launcher (and its Postgres) running.
    for (const child of children) if (child.exitCode === null) await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts nine apps, prints their URLs and docs, stops everything on Ctrl-C, and reuses its data on the next start', async () => {
    const first = await launch(dataDir);
    children.push(first.child);
    expect(Object.keys(first.urls).sort()).toEqual([...APP_NAMES].sort());
    expect(first.output()).toContain('/docs-json');
    expect(first.output()).toContain('/oauth/token');
    for (const app of APP_NAMES) expect((await call('GET', `${first.urls[app]}/health/ready`)).status).toBe(200);
    const token = await integratorToken(first.urls['idp-mock']);
    const plants = await call('GET', `${first.urls['erp-system-api']}/v1/plants`, { token });
    expect(plants.body.map((p: { code: string }) => p.code).sort()).toEqual(['P1', 'P2', 'P3']);
    const workOrders = await call('GET', `${first.urls['erp-system-api']}/v1/plants/P1/work-orders`, { token });

    expect(await stop(first.child)).toBe(0);
    // Postgres removes its pid file when it has shut down: nothing is left running.
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await launch(dataDir);
    children.push(second.child);
    try {
      const again = await call('GET', `${second.urls['erp-system-api']}/v1/plants/P1/work-orders`, {
        token: await integratorToken(second.urls['idp-mock']),
      });
      // The same data, not a second copy of the demo seed.
      expect(again.body.items.length).toBe(workOrders.body.items.length);
      expect(first.output()).toMatch(/idp_mock: applied \w+\d{13}/);
      expect(second.output()).not.toMatch(/: applied \w+\d{13}/);
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  }, 240_000);
});
