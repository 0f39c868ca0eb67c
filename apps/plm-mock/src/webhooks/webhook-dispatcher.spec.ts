import { PlmMockConfig } from '../plm-mock.config';
import { EventSubscriptionRepository } from './event-subscription.repository';
import { EventSubscriptionRow } from './event-subscription.odata';
import { WebhookDispatcher } from './webhook-dispatcher';
import { signWebhook } from './webhook-signature';

class RecordingDispatcher extends WebhookDispatcher {
  readonly waits: number[] = [];
  protected override async sleep(ms: number): Promise<void> {
    this.waits.push(ms);
  }
}

function setup(statuses: Array<number | Error>, overrides: Partial<PlmMockConfig> = {}) {
  const recorded: unknown[] = [];
  const subscription = { id: '6001', url: 'http://127.0.0.1:9/hook', secret: 'a-secret-of-16+chars', events: ['CHANGE_NOTICE_RELEASED'] } as EventSubscriptionRow;
  const repository = {
    forEvent: async () => [subscription],
    recordDelivery: async (_id: string, outcome: unknown) => void recorded.push(outcome),
  } as unknown as EventSubscriptionRepository;
  const config = Object.assign(new PlmMockConfig(), { webhookRetryBaseMs: 500, webhookMaxAttempts: 4, ...overrides });
  const dispatcher = new RecordingDispatcher(repository, config);
  const calls: Array<{ url: string; headers: Record<string, string>; body: string }> = [];
  dispatcher.sender = async (url, headers, body) => {
    calls.push({ url, headers, body });
    const next = statuses.shift() ?? 200;
    if (next instanceof Error) throw next;
    return next;
  };
  return { dispatcher, calls, recorded, subscription };
}

describe('WebhookDispatcher', () => {
  it('signs each delivery over timestamp + "." + the exact body it sends', async () => {
    const { dispatcher, calls } = setup([200]);
    const [result] = await dispatcher.deliverAll('CHANGE_NOTICE_RELEASED', { Number: 'ECN-000001', State: { Value: 'RELEASED' } });
    expect(result).toMatchObject({ delivered: true, attempts: 1, status: 200 });
    const { headers, body } = calls[0];
    expect(body).toBe('{"Number":"ECN-000001","State":{"Value":"RELEASED"}}');
    expect(headers['X-PTC-Event']).toBe('CHANGE_NOTICE_RELEASED');
    expect(headers['X-PTC-Signature']).toBe(signWebhook('a-secret-of-16+chars', Number(headers['X-PTC-Timestamp']), body));
  });

  it('retries no answer, 429 and 5xx with doubling backoff, keeping the delivery id, and records the outcome', async () => {
    const { dispatcher, calls, recorded } = setup([new Error('ECONNREFUSED'), 503, 429, 204]);
    const [result] = await dispatcher.deliverAll('CHANGE_NOTICE_RELEASED', { Number: 'ECN-000002' });
    expect(result).toMatchObject({ delivered: true, attempts: 4, status: 204 });
    expect(dispatcher.waits).toEqual([500, 1000, 2000]);
    expect(new Set(calls.map((c) => c.headers['X-PTC-Delivery'])).size).toBe(1);
    expect(recorded).toEqual([{ status: 204, attempts: 4, error: null }]);
  });

  it('gives up after the last attempt without throwing, and does not retry a 4xx refusal', async () => {
    const failing = setup([500, 500, 500, 500, 500]);
    const [gaveUp] = await failing.dispatcher.deliverAll('CHANGE_NOTICE_RELEASED', {});
    expect(gaveUp).toMatchObject({ delivered: false, attempts: 4, status: 500, error: 'answered 500' });
    expect(failing.calls).toHaveLength(4);

    const refused = setup([401]);
    const [once] = await refused.dispatcher.deliverAll('CHANGE_NOTICE_RELEASED', {});
    expect(once).toMatchObject({ delivered: false, attempts: 1, status: 401 });
  });

  it('never sends to a URL the allow-list no longer accepts', async () => {
    const { dispatcher, calls } = setup([200], { webhookAllowedHosts: ['plm-consumer.internal'] });
    const [result] = await dispatcher.deliverAll('CHANGE_NOTICE_RELEASED', {});
    expect(result).toMatchObject({ delivered: false, attempts: 0, error: expect.stringContaining('WEBHOOK_ALLOWED_HOSTS') });
    expect(calls).toHaveLength(0);
  });

  it('dispatch() returns at once and swallows failures', async () => {
    const { dispatcher, calls } = setup([new Error('down'), new Error('down'), new Error('down'), new Error('down')]);
    expect(dispatcher.dispatch('CHANGE_NOTICE_RELEASED', { Number: 'ECN-000003' })).toBeUndefined();
    await dispatcher.idle();
    expect(calls).toHaveLength(4);
  });
});
