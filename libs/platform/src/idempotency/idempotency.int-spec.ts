import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { Client } from 'pg';
import { call } from '../../../../test/support/http';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { DatabaseModule } from '../database/database.module';
import { RunningApp, startHttpApp } from '../http/create-http-app';
import { Public } from '../http/public.decorator';
import { IdempotencyKeySweeper, IdempotencyModule } from './idempotency.interceptor';
import { idempotencyTableMigration } from './idempotency.migration';

let runs = 0;
let releaseSlow: () => void = () => undefined;

@Public()
@Controller('things')
class ThingsController {
  @Post()
  @HttpCode(201)
  create(@Body() body: { name?: string }): { run: number; name?: string } {
    runs += 1;
    return { run: runs, name: body.name };
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
        DatabaseModule.forApp({ schema: 'probe', url: db.url, migrations: [idempotencyTableMigration('probe')] }),
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
