import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BackendError, currentContext, openAppDataSource, RequestContext, registerTracing } from '@threadline/platform';
import { DataSource } from 'typeorm';
import { eventually } from '../../../test/support/eventually';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { createEvent } from './cloud-event';
import { EventBus } from './event-bus';
import { messagingTablesMigration } from './messaging.migration';
import { MessagingService } from './messaging.service';
import { DEFAULT_TIER_SETTINGS, TierPolicies } from './tiers';

const TYPE = 'threadline.test.traced-thing.v1';
const QUEUE = 'trace-test.work';

/** No waiting between attempts. */
const FAST: TierPolicies = {
  1: { ...DEFAULT_TIER_SETTINGS[1], baseDelaySeconds: 0, maxDelaySeconds: 1, maxAttempts: 3 },
  2: { ...DEFAULT_TIER_SETTINGS[2], baseDelaySeconds: 0, maxDelaySeconds: 1 },
  3: { ...DEFAULT_TIER_SETTINGS[3], baseDelaySeconds: 0, maxDelaySeconds: 1 },
};

/**
 * The messaging spans with the SDK's tracer provider registered in-process (the messaging spans
 * are made through the OpenTelemetry API, no require hook needed) and real PostgreSQL and pg-boss:
 * `send` and `process` spans by the messaging conventions, the trace carried on the outbox row and
 * the job, through a retry and a dead letter's replay.
 */
describe('messaging: send and process spans, the trace kept through retries and dead letters (real Postgres, pg-boss)', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let db: TestDatabase;
  let dataSource: DataSource;
  let messaging: MessagingService;
  /** Per job key: how its next attempts go. */
  const script = new Map<string, ('bug' | 'refused' | 'ok')[]>();
  const runs: { key: string; context: RequestContext | undefined }[] = [];
  const consumed: { id: string; context: RequestContext | undefined }[] = [];

  const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
  const named = (name: string) => spans().filter((s) => s.name === name);
  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

  beforeAll(async () => {
    provider.register();
    registerTracing({ instrumentFastify: () => undefined, flush: () => provider.forceFlush() });
    db = await createTestDatabase('messaging_tracing');
    dataSource = await openAppDataSource({ schema: 'trace_test', url: db.url, migrations: [messagingTablesMigration('trace_test')] });
    messaging = new MessagingService(
      { appName: 'trace-test', schema: 'trace_test', databaseUrl: db.url, tiers: FAST },
      dataSource,
      new EventBus({ databaseUrl: db.url, applicationName: 'trace-test' }),
    );
    messaging.registerWorker<{ key: string }>({
      queue: QUEUE,
      handle: async (data) => {
        runs.push({ key: data.key, context: currentContext() });
        const step = script.get(data.key)?.shift() ?? 'ok';
        if (step === 'bug') throw new TypeError('a bug, this time');
        if (step === 'refused') throw new BackendError('BACKEND_REJECTED', 'ERP', 'refused', { backendStatus: 422 });
      },
    });
    messaging.registerConsumer({
      name: 'things',
      eventTypes: [TYPE],
      handle: async (event) => {
        consumed.push({ id: event.id, context: currentContext() });
      },
    });
    await messaging.start();
  });

  afterAll(async () => {
    await messaging?.stop();
    await dataSource?.destroy();
    await db?.drop();
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  /** Runs `work` in a span of its own (a request, say) and answers that span's trace id. */
  const inRequestSpan = async (work: () => Promise<unknown>): Promise<string> => {
    const span = trace.getTracer('test').startSpan('POST /v1/things', { kind: SpanKind.SERVER });
    await context.with(trace.setSpan(context.active(), span), work);
    span.end();
    return span.spanContext().traceId;
  };

  it('an event written to the outbox: a `send <type>` producer span whose traceparent the row keeps, and a `process <queue>` consumer span under it', async () => {
    const event = createEvent({ type: TYPE, source: '/trace-test', data: { n: 1 } });
    const traceId = await inRequestSpan(() => dataSource.transaction((em) => messaging.publish(em, event)));
    const [send] = named(`send ${TYPE}`);
    expect(send).toBeDefined();
    expect(send.kind).toBe(SpanKind.PRODUCER);
    expect(send.spanContext().traceId).toBe(traceId);
    expect(send.attributes).toMatchObject({
      'messaging.system': 'threadline-outbox',
      'messaging.destination.name': TYPE,
      'messaging.operation.type': 'send',
      'messaging.operation.name': 'send',
      'messaging.message.id': event.id,
      'cloudevents.event_type': TYPE,
    });
    const [row] = await dataSource.query<{ event: { traceparent: string } }[]>('SELECT event FROM trace_test.outbox WHERE id = $1', [event.id]);
    expect(row.event.traceparent).toBe(`00-${traceId}-${send.spanContext().spanId}-01`);

    const process = await eventually(async () => named('process trace-test.things')[0], 'the consumer span');
    expect(process.kind).toBe(SpanKind.CONSUMER);
    expect(process.spanContext().traceId).toBe(traceId);
    expect(parentOf(process)).toBe(send.spanContext().spanId);
    expect(process.attributes).toMatchObject({
      'messaging.system': 'pg-boss',
      'messaging.destination.name': 'trace-test.things',
      'messaging.operation.type': 'process',
      'messaging.consumer.group.name': 'things',
      'cloudevents.event_id': event.id,
    });
    // The handler's request context is the consumer span: its logs, calls and events name it.
    expect(consumed.find((c) => c.id === event.id)?.context).toMatchObject({ traceId, spanId: process.spanContext().spanId });
  });

  it('a job: `send <queue>` when enqueued, `process <queue>` when run; a retry is a child of the failed attempt, which is marked failed', async () => {
    script.set('retry', ['bug', 'ok']);
    const traceId = await inRequestSpan(() => dataSource.transaction((em) => messaging.enqueue(em, QUEUE, { key: 'retry' })));
    await eventually(async () => (runs.filter((r) => r.key === 'retry').length === 2 && named(`process ${QUEUE}`).length >= 2 ? true : undefined), 'two attempts');
    const [send] = named(`send ${QUEUE}`);
    expect(send.kind).toBe(SpanKind.PRODUCER);
    expect(send.attributes).toMatchObject({ 'messaging.system': 'pg-boss', 'messaging.destination.name': QUEUE, 'messaging.operation.type': 'send' });
    expect(send.attributes['messaging.message.id']).toEqual(expect.any(String));
    const [first, second] = named(`process ${QUEUE}`).filter((s) => s.spanContext().traceId === traceId);
    expect(parentOf(first)).toBe(send.spanContext().spanId);
    expect(first.attributes['messaging.message.id']).toBe(send.attributes['messaging.message.id']);
    expect(first.status.code).toBe(SpanStatusCode.ERROR);
    expect(first.events.map((e) => e.name)).toContain('exception');
    expect(parentOf(second)).toBe(first.spanContext().spanId);
    expect(second.attributes).toMatchObject({ 'threadline.step.attempt': 2 });
    expect(second.status.code).not.toBe(SpanStatusCode.ERROR);
  });

  it("a dead letter's replay continues the trace of its last attempt", async () => {
    script.set('dead', ['refused', 'ok']);
    const traceId = await inRequestSpan(() => dataSource.transaction((em) => messaging.enqueue(em, QUEUE, { key: 'dead' })));
    const failedRun = await eventually(async () => runs.find((r) => r.key === 'dead'), 'the refused attempt');
    const step = await eventually(
      async () => (await messaging.ledger.list({ states: ['dead'] }, undefined, 10)).items.find((s) => (s.payload as { key: string }).key === 'dead'),
      'the dead letter',
    );
    expect(step.traceparent).toBe(`00-${traceId}-${failedRun.context!.spanId}-01`);
    await messaging.ledger.replay(step.workId, 'operator', 'fixed in ERP');
    await eventually(async () => (runs.filter((r) => r.key === 'dead').length === 2 ? true : undefined), 'the replayed attempt');
    const replayed = await eventually(
      async () => named(`process ${QUEUE}`).find((s) => parentOf(s) === failedRun.context!.spanId),
      "the replay's process span",
    );
    expect(replayed.spanContext().traceId).toBe(traceId);
  });
});
