import { Controller, Get, Inject, Injectable, Module, OnApplicationShutdown, Param } from '@nestjs/common';
import { call } from '../../../../test/support/http';
import { HealthModule } from '../health/health.module';
import { BackendClient } from '../http/backend-client';
import { RunningApp, startHttpApp } from '../http/create-http-app';
import { Public } from '../http/public.decorator';
import { parsePrometheusText, PrometheusSample, sampleValue } from './prometheus-text';

@Public()
@Controller('things')
class ThingsController {
  @Get(':id')
  get(@Param('id') id: string): { id: string } {
    return { id };
  }
}

@Module({ imports: [HealthModule], controllers: [ThingsController] })
class ThingsModule {}

const UPSTREAM = { url: '' };

/** A provider that builds its BackendClient with `new`, as the apps' connectors do. */
@Injectable()
class Upstream implements OnApplicationShutdown {
  readonly client = new BackendClient({ dialect: { backend: 'things-api' }, baseUrl: UPSTREAM.url, retries: 0 });

  onApplicationShutdown(): Promise<void> {
    return this.client.close();
  }
}

@Public()
@Controller('relay')
class RelayController {
  constructor(@Inject(Upstream) private readonly upstream: Upstream) {}

  @Get(':id')
  async relay(@Param('id') id: string): Promise<unknown> {
    return this.upstream.client.send({ path: `/things/${id}` }).catch(() => ({ failed: true }));
  }
}

@Module({ imports: [HealthModule], controllers: [RelayController], providers: [Upstream] })
class RelayModule {}

describe('GET /metrics: each app its own registry (two apps in one process, real HTTP)', () => {
  let things: RunningApp;
  let relay: RunningApp;

  beforeAll(async () => {
    things = await startHttpApp(ThingsModule, { name: 'things', title: 't', description: 't', version: '0', port: 0 });
    UPSTREAM.url = things.url;
    relay = await startHttpApp(RelayModule, { name: 'relay', title: 'r', description: 'r', version: '0', port: 0 });
  });

  afterAll(async () => {
    await relay?.close();
    await things?.close();
  });

  const scrape = async (app: RunningApp): Promise<PrometheusSample[]> => {
    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    return parsePrometheusText(await response.text());
  };

  it('counts served requests by route template and status, and a request no route matched as unmatched', async () => {
    expect((await call('GET', `${things.url}/things/T-1`)).status).toBe(200);
    expect((await call('GET', `${things.url}/things/T-2`)).status).toBe(200);
    expect((await call('GET', `${things.url}/no/such/route`)).status).toBe(404);
    const samples = await scrape(things);
    const count = (route: string, status: string) =>
      sampleValue(samples, 'http_server_request_duration_seconds_count', { app: 'things', method: 'GET', route, status });
    expect(count('/things/:id', '200')).toBe(2);
    expect(count('unmatched', '404')).toBe(1);
    expect(sampleValue(samples, 'http_server_request_duration_seconds_sum', { route: '/things/:id', status: '200' })).toBeGreaterThan(0);
    // Never the raw URL.
    expect(samples.some((s) => Object.values(s.labels).some((v) => v.includes('T-1')))).toBe(false);
  });

  it("times a BackendClient's calls in the app that built it, by backend and outcome", async () => {
    expect((await call('GET', `${relay.url}/relay/T-3`)).body).toEqual({ id: 'T-3' });
    await things.close();
    expect((await call('GET', `${relay.url}/relay/T-4`)).body).toEqual({ failed: true });
    const samples = await scrape(relay);
    const count = (outcome: string) => sampleValue(samples, 'http_client_request_duration_seconds_count', { app: 'relay', backend: 'things-api', outcome });
    expect(count('success')).toBe(1);
    expect(count('network_error')).toBe(1);
    // The relay's own requests are its own; the things app's series are not here.
    expect(sampleValue(samples, 'http_server_request_duration_seconds_count', { route: '/relay/:id', status: '200' })).toBe(2);
    expect(samples.some((s) => s.labels.app === 'things' || s.labels.route === '/things/:id')).toBe(false);
    expect(samples.every((s) => s.labels.app === 'relay')).toBe(true);
  });

  it('needs no token and stays out of the OpenAPI document', async () => {
    const spec = await call('GET', `${relay.url}/docs-json`);
    expect(Object.keys(spec.body.paths)).not.toContain('/metrics');
    expect(Object.keys(spec.body.paths)).toContain('/health/live');
  });
});
