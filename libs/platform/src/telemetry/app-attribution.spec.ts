import { context, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { AppResourceExporter, AppSpanProcessor } from './app-attribution';
import { APP_ATTRIBUTE, inAppScope } from './tracing';

/**
 * Nine apps in one process (the launcher): each span names the app whose scope started it, however
 * far down an async chain, and is exported under that app's service.name.
 */
describe('telemetry: which app a span belongs to, in one process', () => {
  const exported = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'threadline', 'host.name': 'vm' }),
    spanProcessors: [new AppSpanProcessor(), new SimpleSpanProcessor(new AppResourceExporter(exported))],
  });
  const tracer = () => trace.getTracer('test');

  beforeAll(() => provider.register());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });
  beforeEach(() => exported.reset());

  it("names the app on spans started in its scope, across timers and awaits, and exports them under the app's service.name", async () => {
    const later = (name: string) => new Promise<void>((resolve) => setTimeout(() => (tracer().startSpan(name).end(), resolve()), 1));
    // What startHttpApp does for each app; what it sets going runs later, in its own time.
    const erp = inAppScope('erp-mock', () => later('erp work'));
    const plm = inAppScope('plm-system-api', async () => {
      await Promise.resolve();
      const parent = tracer().startSpan('plm request');
      await context.with(trace.setSpan(context.active(), parent), () => later('plm query'));
      parent.end();
    });
    tracer().startSpan('launcher boot').end();
    await Promise.all([erp, plm]);

    const spans = Object.fromEntries(exported.getFinishedSpans().map((s) => [s.name, s]));
    expect(spans['erp work'].attributes[APP_ATTRIBUTE]).toBe('erp-mock');
    expect(spans['plm request'].attributes[APP_ATTRIBUTE]).toBe('plm-system-api');
    expect(spans['plm query'].attributes[APP_ATTRIBUTE]).toBe('plm-system-api');
    expect(spans['launcher boot'].attributes[APP_ATTRIBUTE]).toBeUndefined();

    expect(spans['erp work'].resource.attributes).toEqual({ 'service.name': 'erp-mock', 'host.name': 'vm' });
    expect(spans['plm query'].resource.attributes['service.name']).toBe('plm-system-api');
    expect(spans['launcher boot'].resource.attributes['service.name']).toBe('threadline');
    // One resource per app: the OTLP exporter groups the spans of an app under it.
    expect(spans['plm query'].resource).toBe(spans['plm request'].resource);
    // The span itself still reads as the SDK made it.
    expect(spans['plm query'].spanContext().traceId).toBe(spans['plm request'].spanContext().traceId);
  });
});
