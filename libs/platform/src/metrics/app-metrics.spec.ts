import { AppMetrics } from './app-metrics';
import { parsePrometheusText, sampleValue } from './prometheus-text';

describe('AppMetrics: one registry per app, even with nine apps in one process', () => {
  it("labels every series with its app and shows only that app's series", async () => {
    const a = new AppMetrics('app-a', { processMetrics: false });
    const b = new AppMetrics('app-b', { processMetrics: false });
    a.httpServer.observe({ method: 'GET', route: '/v1/things/:id', status: '200' }, 0.01);
    const textA = await a.scrape();
    const textB = await b.scrape();
    const labels = { app: 'app-a', method: 'GET', route: '/v1/things/:id', status: '200' };
    expect(sampleValue(parsePrometheusText(textA), 'http_server_request_duration_seconds_count', labels)).toBe(1);
    expect(textB).not.toContain('route="/v1/things/:id"');
    expect(textB).not.toContain('app-a');
  });

  it('hands the app being built to code constructed inside it, and nothing outside', async () => {
    const metrics = new AppMetrics('built', { processMetrics: false });
    const seen = await AppMetrics.building(metrics, async () => {
      await Promise.resolve();
      return AppMetrics.current();
    });
    expect(seen).toBe(metrics);
    expect(AppMetrics.current()).toBeUndefined();
  });

  it('Node process metrics on request only', async () => {
    const withProcess = new AppMetrics('with', { processMetrics: true });
    const without = new AppMetrics('without', { processMetrics: false });
    expect(await withProcess.scrape()).toContain('process_cpu_seconds_total');
    expect(await without.scrape()).not.toContain('process_cpu_seconds_total');
  });
});
