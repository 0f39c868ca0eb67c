import type { EngineeringChangeDto, EngineeringReleaseDto } from '@threadline/canonical';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { eventually } from '../support/eventually';
import { call, expectOk } from '../support/http';
import { demoClientToken } from '../support/idp';
import { LaunchedPlatform, requireBuiltLauncher, startLauncher, stopLauncher, tail } from '../support/launcher-process';
import { anEngineeringChange } from '../support/release-fixtures';
import { OtlpReceiver, ReceivedSpan, SPAN_KIND, startOtlpReceiver } from '../support/otlp-receiver';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Traces across every hop, with the real SDK: Jest's module loader hides modules from the
 * require hooks that the pg and Nest instrumentations use, so the built launcher (`npm start`'s)
 * runs as a child process with OTLP export pointed at a receiver this test runs. One engineering
 * change is released through the PLM system API; once the release is COMPLETED, the spans the
 * apps exported must form one trace: the release request, PLM, the outbox and the queue to the
 * process API, its calls to ERP and the schedulers through their system APIs, and the mocks.
 */

const SUMMARY_FILE = process.env.TRACE_SUMMARY_FILE ?? '/tmp/h/trace-summary.txt';
const PLANTS = ['P1', 'P2', 'P3'];
const RELEASED_EVENT = 'threadline.plm.engineering-change.released.v1';
const OTEL_ENV = {
  OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  // Export every 200 ms, so the spans arrive soon after the work (the default is 5 s).
  OTEL_BSP_SCHEDULE_DELAY: '200',
};

const appOf = (span: ReceivedSpan): string => String(span.attributes['threadline.app'] ?? span.service);

describe('tracing: one release is one trace across every app (built launcher, OTLP/HTTP export)', () => {
  let db: TestDatabase;
  let receiver: OtlpReceiver;
  let platform: LaunchedPlatform | undefined;

  beforeAll(async () => {
    requireBuiltLauncher();
    db = await createTestDatabase('tracing');
    receiver = await startOtlpReceiver();
    // startLauncher passes this process's environment on to the launcher.
    const saved = { ...process.env };
    Object.assign(process.env, OTEL_ENV, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    try {
      platform = await startLauncher({ databaseUrl: db.url });
    } finally {
      for (const key of [...Object.keys(OTEL_ENV), 'OTEL_EXPORTER_OTLP_ENDPOINT']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  }, 200_000);

  afterAll(async () => {
    if (platform) await stopLauncher(platform);
    await receiver?.close();
    await db?.drop();
  }, 60_000);

  it('a release yields one trace: PLM system API, outbox and queue, process API, ERP and scheduling system APIs, the mocks', async () => {
    const urls = platform!.urls;
    const integrator = await demoClientToken(`${urls['idp-mock']}/oauth/token`, 'demo-integrator');
    const change = await expectOk<EngineeringChangeDto>(
      'creating the change',
      call('POST', `${urls['plm-system-api']}/v1/engineering-changes`, {
        token: integrator,
        body: anEngineeringChange({ title: 'Tracing: replace obsolete shaft seal', priority: 'high', targetPlants: PLANTS }),
      }),
    );
    const correlationId = `tracing-${change.number}`;
    const released = await call<EngineeringChangeDto>('POST', `${urls['plm-system-api']}/v1/engineering-changes/${change.number}/release`, {
      token: integrator,
      headers: { 'x-correlation-id': correlationId },
    });
    expect(released.status).toBe(200);
    // The answer names the request's span: the root of the release's trace.
    const traceparent = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(released.headers.get('traceparent') ?? '');
    expect(traceparent).not.toBeNull();
    const [, traceId, rootSpanId] = traceparent!;

    const release = await eventually(
      async () => {
        const page = await call<{ items: EngineeringReleaseDto[] }>('GET', `${urls['process-api']}/v1/engineering-releases?changeNumber=${change.number}`, {
          token: integrator,
        });
        const found = page.body.items?.[0];
        if (found && ['FAILED', 'REJECTED', 'AWAITING_APPROVAL'].includes(found.state)) throw new Error(`release ${found.state}`);
        return found?.state === 'COMPLETED' ? found : undefined;
      },
      'the release to complete',
      90_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${tail(platform!.output())}`);
    });
    expect(release.rollouts.map((r) => r.state)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);

    const inTrace = (): ReceivedSpan[] => receiver.spans.filter((s) => s.traceId === traceId);
    const servers = (app: string) => inTrace().filter((s) => s.kind === SPAN_KIND.SERVER && appOf(s) === app);
    // Spans arrive in batches after they end: wait until every hop's are in and none misses its parent.
    const spans = await eventually(
      async () => {
        const all = inTrace();
        const ids = new Set(all.map((s) => s.spanId));
        const orphans = all.filter((s) => s.parentSpanId && !ids.has(s.parentSpanId));
        const hops = ['plm-system-api', 'plm-mock', 'erp-system-api', 'erp-mock', 'scheduling-system-api', 'scheduler-mock'];
        const complete =
          hops.every((app) => servers(app).length > 0) &&
          all.some((s) => appOf(s) === 'process-api' && s.kind === SPAN_KIND.CONSUMER) &&
          // The last hop: each plant's scheduler got the production change.
          servers('scheduling-system-api').filter((s) => s.name === 'POST /v1/plants/:plant/production-changes').length >= PLANTS.length;
        return complete && orphans.length === 0 ? all : undefined;
      },
      'every hop of the release to be exported, with no span missing its parent',
      60_000,
    ).catch((error: Error) => {
      const seen = inTrace();
      throw new Error(`${error.message}\n${seen.length} spans in trace ${traceId}: ${summary(seen)}\n${receiver.spans.length} spans received in ${receiver.exports()} exports`);
    });

    // The trace as received, for reading (or loading into a viewer) when an assertion below fails.
    mkdirSync(dirname(SUMMARY_FILE), { recursive: true });
    writeFileSync(SUMMARY_FILE.replace(/\.txt$/, '') + '-spans.json', JSON.stringify(spans, null, 1));

    // ONE trace: its root is the release request on the PLM system API, every other span hangs under it.
    const roots = spans.filter((s) => !s.parentSpanId);
    expect(roots.map((s) => [appOf(s), s.kind, s.name])).toEqual([['plm-system-api', SPAN_KIND.SERVER, 'POST /v1/engineering-changes/:number/release']]);
    expect(roots[0].spanId).toBe(rootSpanId);

    // Server spans of every layer the release crossed, under their own app's service name.
    for (const app of ['plm-system-api', 'plm-mock', 'erp-system-api', 'erp-mock', 'scheduling-system-api', 'scheduler-mock']) {
      expect({ app, servers: servers(app).length > 0 }).toEqual({ app, servers: true });
      expect(servers(app).every((s) => s.service === app)).toBe(true);
    }
    // The process API is reached through the queue, not HTTP: its consumer and job spans, and its calls.
    const processApi = spans.filter((s) => appOf(s) === 'process-api');
    expect(processApi.some((s) => s.kind === SPAN_KIND.CONSUMER)).toBe(true);
    expect(processApi.some((s) => s.kind === SPAN_KIND.CLIENT)).toBe(true);
    // Every HTTP hop links through the caller's undici span; the process API's calls reach ERP and the schedulers.
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const parentOf = (s: ReceivedSpan) => (s.parentSpanId ? byId.get(s.parentSpanId) : undefined);
    for (const server of spans.filter((s) => s.kind === SPAN_KIND.SERVER && s.spanId !== rootSpanId)) {
      expect({ server: `${appOf(server)} ${server.name}`, parentKind: parentOf(server)!.kind }).toEqual({ server: `${appOf(server)} ${server.name}`, parentKind: SPAN_KIND.CLIENT });
    }
    for (const app of ['erp-system-api', 'scheduling-system-api']) {
      const callers = servers(app).filter((s) => s.name.includes('/v1/plants/')).map((s) => appOf(parentOf(s)!));
      expect({ app, callers: [...new Set(callers)] }).toEqual({ app, callers: ['process-api'] });
    }

    // Through the outbox and the queue: PLM's `send <event type>` producer is the parent of the
    // process API's `process <queue>` consumer, by the messaging conventions.
    const send = spans.find((s) => s.kind === SPAN_KIND.PRODUCER && s.name === `send ${RELEASED_EVENT}`);
    expect(send).toBeDefined();
    expect(appOf(send!)).toBe('plm-system-api');
    expect(send!.attributes).toMatchObject({
      'messaging.system': 'threadline-outbox',
      'messaging.destination.name': RELEASED_EVENT,
      'messaging.operation.type': 'send',
      'messaging.message.conversation_id': correlationId,
    });
    const consumed = spans.filter((s) => s.kind === SPAN_KIND.CONSUMER && s.parentSpanId === send!.spanId);
    expect(consumed.map(appOf)).toContain('process-api');
    const processSpan = consumed.find((s) => appOf(s) === 'process-api')!;
    expect(processSpan.name).toBe(`process ${String(processSpan.attributes['messaging.destination.name'])}`);
    expect(processSpan.attributes).toMatchObject({
      'messaging.system': 'pg-boss',
      'messaging.operation.type': 'process',
      'cloudevents.event_type': RELEASED_EVENT,
      'messaging.message.conversation_id': correlationId,
    });
    expect(processSpan.attributes['messaging.message.id']).toEqual(expect.any(String));
    // Every consumer and job continues its producer: the parent of a `process` span is the `send`
    // span of its event type (outbox) or queue (job), or for a retry the attempt before it.
    const consumers = spans.filter((s) => s.kind === SPAN_KIND.CONSUMER);
    expect(consumers.filter((s) => appOf(s) === 'process-api' && !s.attributes['cloudevents.event_type']).length).toBeGreaterThan(0);
    for (const consumer of consumers) {
      const parent = parentOf(consumer)!;
      const sent = `send ${String(consumer.attributes['cloudevents.event_type'] ?? consumer.attributes['messaging.destination.name'])}`;
      const expected = parent.kind === SPAN_KIND.CONSUMER ? [SPAN_KIND.CONSUMER, consumer.name] : [SPAN_KIND.PRODUCER, sent];
      expect({ consumer: consumer.name, parent: [parent.kind, parent.name] }).toEqual({ consumer: consumer.name, parent: expected });
    }
    // Everything caused by the request carries its correlation id and stays in its trace.
    const correlated = receiver.spans.filter((s) => s.attributes['messaging.message.conversation_id'] === correlationId);
    expect(correlated.length).toBeGreaterThan(0);
    expect(new Set(correlated.map((s) => s.traceId))).toEqual(new Set([traceId]));

    // Events and logs name the exported spans: the announcement in PLM's outbox carries its `send`
    // span's traceparent, and every JSON log line of the release (NODE_ENV=production) the trace and a span of it.
    const [row] = await db.withClient(async (client) =>
      (await client.query<{ event: { traceparent: string } }>('SELECT event FROM plm_system_api.outbox WHERE type = $1 AND subject = $2', [RELEASED_EVENT, change.number])).rows,
    );
    expect(row.event.traceparent).toBe(`00-${traceId}-${send!.spanId}-01`);
    const logged = platform!
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes(correlationId))
      .map((line) => JSON.parse(line) as { correlationId?: string; traceId?: string; spanId?: string; msg: string })
      .filter((line) => line.correlationId === correlationId);
    expect(logged.length).toBeGreaterThan(0);
    expect(new Set(logged.map((line) => line.traceId))).toEqual(new Set([traceId]));
    await eventually(
      async () => (logged.every((line) => receiver.spans.some((s) => s.spanId === line.spanId)) ? true : undefined),
      'the spans the log lines name to be exported',
    );

    // The instrumentations behind the require hooks work in the built launcher: Nest's and pg's spans.
    expect(spans.some((s) => s.scope.includes('instrumentation-nestjs-core'))).toBe(true);
    const pg = receiver.spans.filter((s) => s.scope.includes('instrumentation-pg'));
    expect(spans.some((s) => s.scope.includes('instrumentation-pg'))).toBe(true);
    // pg only under a parent (requireParentSpan): pg-boss's polling makes no traces of its own.
    expect(pg.filter((s) => !s.parentSpanId)).toEqual([]);

    const text = [
      `trace ${traceId} of ${change.number} (correlation id ${correlationId}): ${spans.length} spans`,
      summary(spans),
      `receiver: ${receiver.spans.length} spans in ${receiver.exports()} exports, ${pg.length} pg spans, none without a parent`,
      `${logged.length} JSON log lines with the correlation id, all naming this trace and one of its spans`,
      '',
    ].join('\n');
    process.stdout.write(`[tracing] ${text}`);
    writeFileSync(SUMMARY_FILE, text);
  }, 240_000);
});

/** Spans per app: how many, and of which kind or instrumentation, for the test's output. */
function summary(spans: ReceivedSpan[]): string {
  const columns: [string, (s: ReceivedSpan) => boolean][] = [
    ['server', (s) => s.kind === SPAN_KIND.SERVER],
    ['http out', (s) => s.scope.includes('instrumentation-undici')],
    ['send', (s) => s.kind === SPAN_KIND.PRODUCER],
    ['process', (s) => s.kind === SPAN_KIND.CONSUMER],
    ['nest', (s) => s.scope.includes('instrumentation-nestjs-core')],
    ['pg', (s) => s.scope.includes('instrumentation-pg')],
  ];
  const apps = [...new Set(spans.map(appOf))].sort();
  const row = (cells: (string | number)[]) => `  ${String(cells[0]).padEnd(22)}${cells.slice(1).map((c) => String(c).padStart(9)).join('')}`;
  return [
    row(['app', 'spans', ...columns.map(([name]) => name)]),
    ...apps.map((app) => {
      const mine = spans.filter((s) => appOf(s) === app);
      return row([app, mine.length, ...columns.map(([, test]) => mine.filter(test).length)]);
    }),
  ].join('\n');
}
