import type { EngineeringChangeDto, EngineeringReleaseDto, PlantBomDto, ProductionChangeDto } from '@threadline/canonical';
import { freePort } from '@threadline/platform';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { WATCHDOG_MARKER } from '../../libs/platform/src/database/embedded-postgres-watchdog';
import { PLANTS, seedReleaseProducts, syntheticChange } from '../bench/releases-seed';
import { eventually } from '../support/eventually';
import { call, expectOk } from '../support/http';
import { demoClientToken } from '../support/idp';
import {
  killProcessesNaming,
  LaunchedPlatform,
  processesNaming,
  requireBuiltLauncher,
  startLauncher,
  stopLauncher,
  tail,
} from '../support/launcher-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Crash recovery, with real processes: the built launcher (`npm start`'s) runs as a child process,
 * releases engineering changes, and is killed with SIGKILL while they are rolling out; started
 * again on the same database, it must finish every release exactly once. The recovery time (kill
 * to last completion) is printed, not asserted.
 */

const RELEASES = 12;
/** ERP answers slowly, so that the rollouts are mid-call (their jobs active) when the process dies. */
const ERP_LATENCY = { latencyMinMs: 500, latencyMaxMs: 1500 };

const log = (line: string): void => void process.stdout.write(`[crash] ${line}\n`);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function listReleases(platform: LaunchedPlatform, token: string): Promise<EngineeringReleaseDto[]> {
  const all: EngineeringReleaseDto[] = [];
  let cursor: string | null = null;
  do {
    const query: URLSearchParams = new URLSearchParams({ limit: '100', ...(cursor ? { cursor } : {}) });
    const page: { items: EngineeringReleaseDto[]; nextCursor: string | null } = await expectOk(
      'listing releases',
      call('GET', `${platform.urls['process-api']}/v1/engineering-releases?${query.toString()}`, { token }),
    );
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** A release that will not complete by itself: refused, failed, waiting for a person, or a step of it stalled as a dead letter. */
function stuckOf(releases: EngineeringReleaseDto[]): string | undefined {
  for (const release of releases) {
    if (['FAILED', 'REJECTED', 'AWAITING_APPROVAL'].includes(release.state)) return `${release.changeNumber} is ${release.state}: ${release.failureReason ?? release.governance ?? ''}`;
    if (release.stalled) return `${release.changeNumber} is stalled (dead letter ${release.stalled.deadLetterId}): ${release.stalled.reason}`;
    const rollout = release.rollouts.find((r) => r.stalled || r.state === 'FAILED');
    if (rollout) return `${release.changeNumber} rollout ${rollout.plant} is ${rollout.stalled ? `stalled (dead letter ${rollout.stalled.deadLetterId}): ${rollout.stalled.reason}` : `${rollout.state}: ${rollout.lastError ?? ''}`}`;
  }
  return undefined;
}

/**
 * Polls until `probe` answers a value; unlike `eventually`, an error ends the wait at once (a
 * release that cannot complete fails the test now, not at the deadline).
 */
async function pollUntil<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs: number, intervalMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Work a process holds in hand: pg-boss jobs active, and BOM applies the ERP system API has begun (their Idempotency-Key in flight). */
async function workInHand(databaseUrl: string): Promise<{ activeJobs: number; erpAppliesInFlight: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ jobs: string; applies: string }>(
      `SELECT (SELECT count(*) FROM pgboss.job WHERE state = 'active') AS jobs,
              (SELECT count(*) FROM erp_system_api.idempotency_keys WHERE state = 'in-flight' AND key LIKE '%:erp') AS applies`,
    );
    return { activeJobs: Number(rows[0].jobs), erpAppliesInFlight: Number(rows[0].applies) };
  } finally {
    await client.end();
  }
}

interface CrashOutcome {
  /** The launcher started again after the kill. */
  second: LaunchedPlatform;
  killedAt: number;
}

/**
 * Starts the launcher, seeds one product per release, makes ERP slow, releases one change per
 * product, and kills the launcher with SIGKILL once half of the releases are rolling out while
 * pg-boss jobs are active and an ERP BOM apply is under way; then runs `afterKill` (the embedded
 * case checks its PostgreSQL), starts the launcher again, and checks that every release completes
 * exactly once in ERP and in each plant's scheduler.
 */
async function crashWhileRollingOut(
  label: string,
  launch: () => Promise<LaunchedPlatform>,
  databaseUrl: () => string,
  track: (platform: LaunchedPlatform) => void,
  afterKill: (killedAt: number) => Promise<void> = async () => undefined,
): Promise<CrashOutcome> {
  const first = await launch();
  track(first);
  const products = await seedReleaseProducts(databaseUrl(), RELEASES);
  const tokenUrl = `${first.urls['idp-mock']}/oauth/token`;
  const integrator = await demoClientToken(tokenUrl, 'demo-integrator');
  const operator = await demoClientToken(tokenUrl, 'operator');
  await expectOk('slowing ERP', call('PUT', `${first.urls['erp-mock']}/admin/faults/*`, { token: operator, body: ERP_LATENCY }));

  const changes = new Map<string, string>(); // change number -> product
  await Promise.all(
    products.map(async (product) => {
      const change = await expectOk<EngineeringChangeDto>(
        `creating the change of ${product}`,
        call('POST', `${first.urls['plm-system-api']}/v1/engineering-changes`, { token: integrator, body: syntheticChange(product, 'Crash test') }),
      );
      changes.set(change.number, product);
      await expectOk(`releasing ${change.number}`, call('POST', `${first.urls['plm-system-api']}/v1/engineering-changes/${change.number}/release`, { token: integrator }));
    }),
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${tail(first.output())}`);
  });
  expect(changes.size).toBe(RELEASES);

  // The moment to die is chosen by state: half of the releases rolling out, work in hand.
  const ours = async (platform: LaunchedPlatform, token: string) => (await listReleases(platform, token)).filter((r) => changes.has(r.changeNumber));
  const atKill = await pollUntil(
    async () => {
      const releases = await ours(first, integrator);
      const stuck = stuckOf(releases);
      if (stuck) throw new Error(stuck);
      const rolling = releases.filter((r) => r.state === 'ROLLING_OUT').length;
      if (rolling < RELEASES / 2) return undefined;
      // The hardest moment: an ERP BOM apply is under way (begun at the ERP system API, not answered).
      const inHand = await workInHand(databaseUrl());
      if (inHand.activeJobs === 0 || inHand.erpAppliesInFlight === 0) return undefined;
      first.child.kill('SIGKILL');
      const killedAt = Date.now();
      const states = releases.reduce<Record<string, number>>((counts, r) => ({ ...counts, [r.state]: (counts[r.state] ?? 0) + 1 }), {});
      return { killedAt, states, ...inHand };
    },
    'half of the releases rolling out, an ERP BOM apply under way',
    120_000,
    100,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${tail(first.output())}`);
  });
  const { killedAt } = atKill;
  expect(await first.exited).toBeNull();
  log(`${label}: killed the launcher (SIGKILL) with releases ${JSON.stringify(atKill.states)}, ${atKill.activeJobs} pg-boss jobs active, ${atKill.erpAppliesInFlight} ERP BOM apply(s) under way`);
  await afterKill(killedAt);

  const second = await launch();
  track(second);
  log(`${label}: started again ${seconds(Date.now() - killedAt)} after the kill`);
  const token = await demoClientToken(`${second.urls['idp-mock']}/oauth/token`, 'demo-integrator');
  const done = await pollUntil(
    async () => {
      const releases = await ours(second, token);
      const stuck = stuckOf(releases);
      if (stuck) throw new Error(stuck);
      return releases.length === RELEASES && releases.every((r) => r.state === 'COMPLETED') ? releases : undefined;
    },
    'every release COMPLETED after the restart',
    300_000,
    500,
  ).catch(async (error: Error) => {
    const states = (await ours(second, token).catch(() => []))
      .map((r) => `${r.changeNumber} ${r.state}${r.state === 'COMPLETED' ? '' : ` (${r.rollouts.map((p) => `${p.plant} ${p.state}${p.lastError ? `: ${p.lastError}` : ''}`).join('; ')})`}`)
      .join(', ');
    throw new Error(`${error.message}\nreleases: ${states}\n${tail(second.output())}`);
  });
  const lastCompletion = Math.max(...done.map((r) => Date.parse(r.history.find((h) => h.to === 'COMPLETED' && h.plant === null)!.at)));
  // Printed, not asserted (no test measures time); the issue's target is 60 s.
  log(`${label}: recovery time ${seconds(lastCompletion - killedAt)} (kill to the last of ${RELEASES} releases COMPLETED; target 60 s)`);

  // Exactly once: one BOM version of the change per plant and item in ERP, one production change per plant.
  for (const [changeNumber, product] of changes) {
    for (const plant of PLANTS) {
      const boms = await expectOk<PlantBomDto[]>('ERP BOMs', call('GET', `${second.urls['erp-system-api']}/v1/plants/${plant}/items/${product}/boms`, { token }));
      expect({ changeNumber, plant, versions: boms.filter((b) => b.revision === 'B' || b.changeNumber === changeNumber).map((b) => `${b.revision} ${b.changeNumber}`) }).toEqual({
        changeNumber,
        plant,
        versions: [`B ${changeNumber}`],
      });
      const production = await expectOk<ProductionChangeDto[]>(
        'production changes',
        call('GET', `${second.urls['scheduling-system-api']}/v1/plants/${plant}/production-changes?changeNumber=${changeNumber}`, { token }),
      );
      expect({ changeNumber, plant, productionChanges: production.length }).toEqual({ changeNumber, plant, productionChanges: 1 });
    }
  }
  return { second, killedAt };
}

describe('crash recovery: kill -9 of the platform while releases roll out (real processes)', () => {
  const launched: LaunchedPlatform[] = [];
  const track = (platform: LaunchedPlatform): void => void launched.push(platform);

  beforeAll(() => {
    // Fails at once, naming `npm run build`, when the launcher is not built.
    requireBuiltLauncher();
  });

  afterEach(async () => {
    // A test that failed leaves its platform running: Ctrl-C it, so the next test starts alone.
    for (const platform of launched) await stopLauncher(platform);
  });

  afterAll(async () => {
    // Whatever failed, nothing this test started may keep running.
    for (const platform of launched) await stopLauncher(platform, 'SIGKILL');
  });

  describe('embedded PostgreSQL (npm start without DATABASE_URL)', () => {
    let dataDir: string;
    let clusterDir: string;
    let pidFile: string;
    let pgPort: number;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'threadline-crash-'));
      clusterDir = join(dataDir, 'pg');
      pidFile = join(clusterDir, 'postmaster.pid');
      pgPort = await freePort();
    });

    afterAll(async () => {
      for (const platform of launched) await stopLauncher(platform, 'SIGKILL');
      if (!dataDir) return;
      const left = await killProcessesNaming(dataDir);
      if (left.length > 0) log(`clean-up stopped ${left.length} process(es) left on ${dataDir}: ${left.map((p) => p.pid).join(', ')}`);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('the releases in flight all complete exactly once after a restart, and the PostgreSQL of the killed process stopped by itself', async () => {
      const { second } = await crashWhileRollingOut(
        'embedded PostgreSQL',
        () => startLauncher({ dataDir, pgPort }),
        () => `postgres://postgres:threadline@127.0.0.1:${pgPort}/threadline`,
        track,
        async (killedAt) => {
          // Its watchdog stops the server of the killed process: nothing runs on the directory.
          await eventually(async () => (processesNaming(dataDir).length === 0 && !existsSync(pidFile) ? true : undefined), 'the orphaned PostgreSQL stopping', 60_000);
          log(`embedded PostgreSQL: the killed launcher's server had stopped ${seconds(Date.now() - killedAt)} after the kill (watchdog)`);
        },
      );
      // Ctrl-C still stops everything.
      expect(await stopLauncher(second)).toBe(0);
      expect(existsSync(pidFile)).toBe(false);
      expect(processesNaming(dataDir)).toEqual([]);
    }, 600_000);

    it('npm start after a crash that also took the watchdog finds the server left running, stops it in one logged line and starts cleanly', async () => {
      const first = await startLauncher({ dataDir, pgPort });
      track(first);
      const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      const watchdogs = processesNaming(dataDir).filter((p) => p.args.includes(WATCHDOG_MARKER));
      expect(watchdogs).toHaveLength(1);
      // Both die at once (as with a kill of the whole session); the server is left on the directory.
      first.child.kill('SIGKILL');
      process.kill(watchdogs[0].pid, 'SIGKILL');
      await first.exited;
      await eventually(async () => (processesNaming(dataDir).every((p) => !p.args.includes(WATCHDOG_MARKER)) ? true : undefined), 'the watchdog gone');
      expect(processesNaming(dataDir).map((p) => p.pid)).toContain(postmaster);

      const second = await startLauncher({ dataDir, pgPort });
      track(second);
      const notices = second.output().split('\n').filter((line) => line.includes('an earlier run left running'));
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain(`found the server (pid ${postmaster}) an earlier run left running on ${clusterDir}; stopped it`);
      log(notices[0].slice(notices[0].indexOf('embedded PostgreSQL:')));
      expect((await call('GET', `${second.urls['process-api']}/health/ready`)).status).toBe(200);
      expect(processesNaming(dataDir).map((p) => p.pid)).not.toContain(postmaster);

      expect(await stopLauncher(second)).toBe(0);
      expect(existsSync(pidFile)).toBe(false);
      expect(processesNaming(dataDir)).toEqual([]);
    }, 300_000);
  });

  describe('PostgreSQL outside the platform (DATABASE_URL)', () => {
    let db: TestDatabase | undefined;

    afterAll(async () => {
      for (const platform of launched) await stopLauncher(platform, 'SIGKILL');
      await db?.drop();
    });

    it('the releases in flight all complete exactly once after a restart', async () => {
      // A fresh database on the run's server: DATABASE_URL's (the machine's, in CI), else the
      // embedded one the test run started; either way PostgreSQL outlives the killed process.
      db = await createTestDatabase('crash');
      const server = new URL(db.url);
      log(`external PostgreSQL: ${process.env.DATABASE_URL ? "DATABASE_URL's server" : "the test run's own server"} at ${server.host}, database ${server.pathname.slice(1)}`);
      const url = db.url;
      const { second } = await crashWhileRollingOut('external PostgreSQL', () => startLauncher({ databaseUrl: url }), () => url, track);
      expect(await stopLauncher(second)).toBe(0);
    }, 600_000);
  });
});
