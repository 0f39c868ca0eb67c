import { Controller, Get, Logger, Module } from '@nestjs/common';
import { createServer } from 'node:net';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { eventually } from '../../../../test/support/eventually';
import { call } from '../../../../test/support/http';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { RunningApp, startHttpApp } from '../http/create-http-app';
import { Public } from '../http/public.decorator';
import { DATABASE_RETRY_AFTER_SECONDS } from './database-unavailable';

/** A port on this host where nothing listens: taken from the OS, then let go. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const PROBE_APPLICATION = 'database-outage-probe';
const databases: { unreachable?: Pool; live?: DataSource } = {};

@Public()
@Controller('db')
class ProbeController {
  /** node-postgres against a server that is down: the connection is refused. */
  @Get('unreachable')
  async unreachable(): Promise<unknown> {
    return (await databases.unreachable!.query('SELECT 1 AS one')).rows;
  }

  /** TypeORM on a live server, its connection terminated mid-query (pg_terminate_backend). */
  @Get('terminated')
  async terminated(): Promise<unknown> {
    return databases.live!.query('SELECT pg_sleep(30)');
  }

  /** TypeORM on a live server, a real query error: still a bug. */
  @Get('broken-sql')
  async brokenSql(): Promise<unknown> {
    return databases.live!.query('SELECT * FROM no_such_table');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('Database outage answered as 503 DATABASE_UNAVAILABLE (real PostgreSQL, real HTTP)', () => {
  let db: TestDatabase;
  let app: RunningApp;
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;

  beforeAll(async () => {
    db = await createTestDatabase('dbdown');
    databases.unreachable = new Pool({ host: '127.0.0.1', port: await deadPort(), user: 'postgres', database: 'postgres', max: 2 });
    databases.live = new DataSource({ type: 'postgres', url: db.url, extra: { application_name: PROBE_APPLICATION, max: 2 } });
    await databases.live.initialize();
    app = await startHttpApp(ProbeModule, { name: 'dbdown', title: 'dbdown', description: 'dbdown', version: '0', port: 0 });
  });

  afterAll(async () => {
    await app?.close();
    await databases.live?.destroy();
    await databases.unreachable?.end();
    await db?.drop();
  });

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn');
    error = jest.spyOn(Logger.prototype, 'error');
  });

  afterEach(() => jest.restoreAllMocks());

  const expectOutage = (response: Awaited<ReturnType<typeof call>>, path: string) => {
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('retry-after')).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
    expect(response.body).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', title: 'The database is not reachable', instance: path });
    // One warning naming the failure; no stack logged as a bug.
    const lines = warn.mock.calls.map(([message]) => String(message)).filter((m) => m.includes(path));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('-> 503 DATABASE_UNAVAILABLE');
    expect(error.mock.calls.filter(([message]) => String(message).includes(path))).toEqual([]);
    return lines[0];
  };

  it('answers a refused connection (server down) as 503 with Retry-After, without the address', async () => {
    const response = await call('GET', `${app.url}/db/unreachable`);
    const line = expectOutage(response, '/db/unreachable');
    expect(line).toContain('ECONNREFUSED');
    expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });

  it('answers a connection terminated by the server mid-query (57P01, through TypeORM) as 503', async () => {
    const pending = call('GET', `${app.url}/db/terminated`);
    const terminated = await eventually(async () => {
      const admin = new Client({ connectionString: db.url });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ terminated: boolean }>(
          `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
            WHERE application_name = $1 AND state = 'active' AND query LIKE 'SELECT pg_sleep%'`,
          [PROBE_APPLICATION],
        );
        return rows.length > 0 && rows.every((r) => r.terminated) ? true : undefined;
      } finally {
        await admin.end();
      }
    }, 'the probe query to run', 10_000, 50);
    expect(terminated).toBe(true);
    const line = expectOutage(await pending, '/db/terminated');
    expect(line).toContain('57P01');
  });

  it('still answers a real SQL error on a live database as 500, logged with its stack', async () => {
    const response = await call('GET', `${app.url}/db/broken-sql`);
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(response.body).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(error.mock.calls.filter(([message]) => String(message).includes('/db/broken-sql'))).toHaveLength(1);
  });
});
