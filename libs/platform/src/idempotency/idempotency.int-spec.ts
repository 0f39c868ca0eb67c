import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { eventually } from '../../../../test/support/eventually';
import { call } from '../../../../test/support/http';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { DatabaseModule } from '../database/database.module';
import { RunningApp, startHttpApp } from '../http/create-http-app';
import { Public } from '../http/public.decorator';
import { IdempotencyKeySweeper, IdempotencyModule } from './idempotency.interceptor';
import { OWNER_LOCK_SPACE } from './idempotency-key-owner';
import { idempotencyKeyOwnerMigration, idempotencyTableMigration } from './idempotency.migration';

let runs = 0;
let releaseSlow: () => void = () => undefined;
/** Requests to /things/gated wait here until the test lets each one end, well or with an error. */
const gates: Array<{ pass: () => void; fail: () => void }> = [];

@Public()
@Controller('things')
class ThingsController {
  @Post()
  @HttpCode(201)
  create(@Body() body: { name?: string }): { run: number; name?: string } {
    runs += 1;
    return { run: runs, name: body.name };
  }

  @Post('gated')
  @HttpCode(201)
  async gated(): Promise<{ run: number }> {
    const run = ++runs;
    await new Promise<void>((pass, reject) => gates.push({ pass, fail: () => reject(new Error('gated request failed')) }));
    return { run };
  }

  @Post('slow')
  @HttpCode(201)
  async slow(): Promise<{ done: true }> {
    await new Promise<void>((resolve) => (releaseSlow = resolve));
    return { done: true };
  }
}

describe('Idempotency-Key: abandoned keys and the expiry sweep (real PostgreSQL, real HTTP)', () => {
  let db: TestDatabase;
  let app: RunningApp;
  let sql: Client;

  beforeAll(async () => {
    db = await createTestDatabase('idem');
    @Module({
      imports: [
        DatabaseModule.forApp({ schema: 'probe', url: db.url, migrations: [idempotencyTableMigration('probe'), idempotencyKeyOwnerMigration('probe')] }),
        IdempotencyModule.forApp({ schema: 'probe', inFlightTimeoutSeconds: 60, purgeIntervalMinutes: 0 }),
      ],
      controllers: [ThingsController],
    })
    class ProbeModule {}
    app = await startHttpApp(ProbeModule, { name: 'probe', title: 'probe', description: 'probe', version: '0', port: 0 });
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await app?.close();
    await db?.drop();
  });

  const post = (key: string, name: string) => call('POST', `${app.url}/things`, { body: { name }, headers: { 'idempotency-key': key } });
  const inFlight = (key: string, secondsAgo: number) =>
    sql.query(
      `INSERT INTO probe.idempotency_keys (client_id, key, fingerprint, state, created_at, expires_at)
       VALUES ('anonymous', $1, 'from-a-dead-process', 'in-flight', now() - make_interval(secs => $2), now() + interval '1 day')`,
      [key, secondsAgo],
    );

  it('answers 409 while the first request with a key still runs, and 422 for a key held by another payload', async () => {
    const slow = () => call('POST', `${app.url}/things/slow`, { body: {}, headers: { 'idempotency-key': 'busy-1' } });
    const first = slow();
    await new Promise((r) => setTimeout(r, 300));
    const second = await slow();
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('IDEMPOTENCY_REQUEST_IN_FLIGHT');
    releaseSlow();
    expect((await first).status).toBe(201);

    // A key recently claimed (5 s ago) by a request with another payload is not taken over.
    await inFlight('busy-2', 5);
    const before = runs;
    const other = await post('busy-2', 'a');
    expect(other.status).toBe(422);
    expect(runs).toBe(before);
  });

  it("marks a key in flight with its process's owner lock, held by a live session", async () => {
    const slow = call('POST', `${app.url}/things/slow`, { body: {}, headers: { 'idempotency-key': 'owned-1' } });
    const owner = await eventually(async () => {
      const { rows } = await sql.query<{ owner_lock: number | null }>(`SELECT owner_lock FROM probe.idempotency_keys WHERE key = 'owned-1' AND state = 'in-flight'`);
      return rows[0]?.owner_lock ?? undefined;
    }, 'the slow request to claim its key');
    const held = await sql.query(
      `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = $1::int::oid AND objid = $2::int::oid`,
      [OWNER_LOCK_SPACE, owner],
    );
    expect(held.rowCount).toBe(1);
    releaseSlow();
    expect((await slow).status).toBe(201);
  });

  it("takes over at once a key whose owner's session has ended (its process died), not before", async () => {
    // A second "process": a session holding an owner lock, and a key it has just claimed.
    const other = new Client({ connectionString: db.url });
    other.on('error', () => undefined);
    await other.connect();
    const lock = 7_654_321;
    await other.query('SELECT pg_advisory_lock($1, $2)', [OWNER_LOCK_SPACE, lock]);
    await sql.query(
      `INSERT INTO probe.idempotency_keys (client_id, key, fingerprint, state, created_at, expires_at, owner_lock)
       VALUES ('anonymous', 'orphan-1', $2, 'in-flight', now() - interval '2 seconds', now() + interval '1 day', $1)`,
      // The same request as the retry below (its fingerprint), so that only the owner's fate decides.
      [lock, createHash('sha256').update(`POST /things\n${JSON.stringify({ name: 'd' })}`).digest('base64url')],
    );
    const before = runs;
    const whileAlive = await post('orphan-1', 'd');
    expect(whileAlive.status).toBe(409);
    expect(whileAlive.body.code).toBe('IDEMPOTENCY_REQUEST_IN_FLIGHT');
    expect(runs).toBe(before);

    // kill -9 ends its session; PostgreSQL drops the session's locks with it.
    await other.end();
    const afterDeath = await eventually(async () => {
      const r = await post('orphan-1', 'd');
      return r.status === 409 ? undefined : r;
    }, 'the orphaned key to be taken over', 10_000);
    expect(afterDeath.status).toBe(201);
    expect(afterDeath.body.name).toBe('d');
    expect(runs).toBe(before + 1);
    const replay = await post('orphan-1', 'd');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(runs).toBe(before + 1);
  });

  it('runs the request when the key was left in flight past the timeout, then replays it', async () => {
    await inFlight('abandoned-1', 600);
    const first = await post('abandoned-1', 'b');
    expect(first.status).toBe(201);
    expect(first.body.name).toBe('b');
    const replay = await post('abandoned-1', 'b');
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.run).toBe(first.body.run);
  });

  it('keeps the claim of the request that took a key over: the request it took the key from neither records its answer nor frees the key', async () => {
    const gated = (key: string) => call<{ run: number }>('POST', `${app.url}/things/gated`, { body: {}, headers: { 'idempotency-key': key } });
    const running = (n: number, what: string) => eventually(async () => (gates.length === n ? true : undefined), what);
    /** A runs and hangs past the in-flight timeout (60 s here: its claim is made 10 minutes old); B takes the key over and runs. */
    const takenOver = async (key: string) => {
      gates.length = 0;
      const a = gated(key);
      await running(1, `A with ${key} to be running`);
      await sql.query(`UPDATE probe.idempotency_keys SET created_at = now() - interval '600 seconds' WHERE key = $1`, [key]);
      const b = gated(key);
      await running(2, `B to take ${key} over and run`);
      return { a, b };
    };

    // A answers late, after B took its key over: B's claim stays, a retry waits for B (409), then gets B's answer.
    const { a, b } = await takenOver('late-1');
    gates[0].pass();
    expect((await a).status).toBe(201);
    const whileB = await gated('late-1');
    expect(whileB.status).toBe(409);
    expect(whileB.body).toMatchObject({ code: 'IDEMPOTENCY_REQUEST_IN_FLIGHT' });
    gates[1].pass();
    const bAnswer = await b;
    expect(bAnswer.status).toBe(201);
    const replay = await gated('late-1');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.run).toBe(bAnswer.body.run);

    // A fails late, after B took its key over: the key stays B's, in flight (A does not free it for a third run).
    const { a: a2, b: b2 } = await takenOver('late-2');
    gates[0].fail();
    expect((await a2).status).toBe(500);
    const before = runs;
    const third = await gated('late-2');
    expect(third.status).toBe(409);
    expect(runs).toBe(before);
    gates[1].pass();
    expect((await b2).status).toBe(201);
  });

  it('treats an expired key as free: the request runs again, whatever payload the key had', async () => {
    const first = await post('expired-1', 'e');
    expect(first.status).toBe(201);
    await sql.query(`UPDATE probe.idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'expired-1'`);
    const again = await post('expired-1', 'e');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(again.body.run).toBe(first.body.run + 1);
    await sql.query(`UPDATE probe.idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'expired-1'`);
    const other = await post('expired-1', 'f');
    expect(other.status).toBe(201);
    expect(other.body.name).toBe('f');
    const replay = await post('expired-1', 'f');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.run).toBe(other.body.run);
    const stale = await post('expired-1', 'e');
    expect(stale.status).toBe(422);
  });

  it('runs a request once when many arrive with one key at the same moment', async () => {
    const before = runs;
    const answers = await Promise.all(Array.from({ length: 20 }, () => post('burst-1', 'g')));
    expect(runs).toBe(before + 1);
    const ran = answers.filter((a) => a.status === 201 && a.headers.get('idempotent-replayed') === null);
    expect(ran).toHaveLength(1);
    for (const a of answers) {
      if (a.status === 201) expect(a.body.run).toBe(before + 1);
      else expect(a.status).toBe(409);
    }
  });

  it('sweeps expired keys and keeps live ones', async () => {
    await post('live-1', 'c');
    await sql.query(
      `INSERT INTO probe.idempotency_keys (client_id, key, fingerprint, state, status, body, expires_at)
       SELECT 'anonymous', 'old-' || i, 'f', 'done', 201, '{}'::jsonb, now() - interval '1 minute' FROM generate_series(1, 2500) AS i`,
    );
    const purged = await app.app.get(IdempotencyKeySweeper).purgeExpired(1000);
    expect(purged).toBe(2500);
    const left = await sql.query(`SELECT key FROM probe.idempotency_keys WHERE key LIKE 'old-%'`);
    expect(left.rowCount).toBe(0);
    const live = await sql.query(`SELECT key FROM probe.idempotency_keys WHERE key = 'live-1'`);
    expect(live.rowCount).toBe(1);
  });
});
