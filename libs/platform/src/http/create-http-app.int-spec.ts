import { Controller, Get, Module, Param } from '@nestjs/common';
import { eventually } from '../../../../test/support/eventually';
import { call } from '../../../../test/support/http';
import { parseCorsOrigins, RunningApp, startHttpApp } from './create-http-app';
import { MAX_PATH_PARAM_LENGTH } from './openapi-conventions';
import { Public } from './public.decorator';

@Public()
@Controller('things')
class ThingsController {
  @Get(':id')
  get(@Param('id') id: string): { id: string } {
    return { id };
  }
}

/** A request the test holds open: the handler says it has started, and answers when released. */
const held = { started: () => undefined as void, release: () => undefined as void };

@Public()
@Controller('held')
class HeldController {
  @Get()
  async get(): Promise<{ released: true }> {
    await new Promise<void>((resolve) => {
      held.release = resolve;
      held.started();
    });
    return { released: true };
  }
}

@Module({ controllers: [ThingsController, HeldController] })
class ThingsModule {}

const start = (corsOrigins?: string[]) =>
  startHttpApp(ThingsModule, { name: 'things', title: 'things', description: 'things', version: '0', port: 0, corsOrigins });

describe('HTTP app hardening (real Fastify over HTTP)', () => {
  describe('CORS', () => {
    let closed: RunningApp;
    let open: RunningApp;

    beforeAll(async () => {
      closed = await start([]);
      open = await start(['https://dash.example.com']);
    });

    afterAll(async () => {
      await closed?.close();
      await open?.close();
    });

    const preflight = (app: RunningApp, origin: string) =>
      fetch(`${app.url}/things/T-1`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });

    it('is off unless configured: no Access-Control-Allow-Origin, preflight not answered', async () => {
      const get = await fetch(`${closed.url}/things/T-1`, { headers: { origin: 'https://dash.example.com' } });
      expect(get.status).toBe(200);
      expect(get.headers.get('access-control-allow-origin')).toBeNull();
      expect((await preflight(closed, 'https://dash.example.com')).headers.get('access-control-allow-origin')).toBeNull();
    });

    it('allows exactly the configured origins', async () => {
      const allowed = await preflight(open, 'https://dash.example.com');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dash.example.com');
      const get = await fetch(`${open.url}/things/T-1`, { headers: { origin: 'https://dash.example.com' } });
      expect(get.headers.get('access-control-allow-origin')).toBe('https://dash.example.com');
      expect(get.headers.get('access-control-expose-headers')).toContain('RateLimit');
      const other = await fetch(`${open.url}/things/T-1`, { headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('refuses a malformed CORS_ALLOWED_ORIGINS at boot', () => {
      expect(parseCorsOrigins(' https://a.example.com , http://localhost:3000 ')).toEqual(['https://a.example.com', 'http://localhost:3000']);
      expect(parseCorsOrigins(undefined)).toEqual([]);
      for (const bad of ['*', 'https://a.example.com/path', 'a.example.com', 'ftp://a.example.com']) {
        expect(() => parseCorsOrigins(bad)).toThrow(/CORS_ALLOWED_ORIGINS/);
      }
    });

    it('keeps path parameters within the documented limit', async () => {
      const atLimit = 'x'.repeat(MAX_PATH_PARAM_LENGTH);
      expect((await call('GET', `${closed.url}/things/${atLimit}`)).body).toEqual({ id: atLimit });
      const over = await call('GET', `${closed.url}/things/${atLimit}x`);
      expect(over.status).toBe(414);
      expect(over.headers.get('content-type')).toContain('application/problem+json');
    });
  });

  it('closes without waiting for the keep-alive of a request that was running when the close began', async () => {
    const app = await start();
    const started = new Promise<void>((resolve) => (held.started = resolve));
    const answer = fetch(`${app.url}/held`);
    await started;
    const closing = app.close();
    const server = app.app.getHttpServer();
    await eventually(async () => (server.listening ? undefined : true), 'the server to stop listening');
    held.release();
    const response = await answer;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ released: true });
    // The client drops the connection after this answer; a kept-alive one would hold close() for 72 s.
    expect(response.headers.get('connection')).toBe('close');
    await closing;
  });
});
