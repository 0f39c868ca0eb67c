import { BackendCallCounter, callOutcome, plantOfPath } from './backend-calls.counter';
import { backendHealth } from './integration-health.rules';

describe('integration health', () => {
  it('counts a call by its answer: no answer, 429, 502-504 unavailable; other 5xx failed; 4xx an answer', () => {
    expect([undefined, 429, 502, 503, 504, 500, 404, 422, 200].map(callOutcome)).toEqual([
      'unavailable',
      'unavailable',
      'unavailable',
      'unavailable',
      'unavailable',
      'failed',
      'ok',
      'ok',
      'ok',
    ]);
    expect(plantOfPath('/v1/plants/P2/work-orders?itemNumber=PUMP-100')).toBe('P2');
    expect(plantOfPath('/v1/items/PUMP-100')).toBeNull();
  });

  it('counts only calls to the named backends, per backend and plant, and starts again after a drain', () => {
    const counter = new BackendCallCounter({ 'erp-system-api': 'http://127.0.0.1:4202', 'plm-system-api': 'http://127.0.0.1:4201/' });
    counter.count({ origin: 'http://127.0.0.1:4202', path: '/v1/plants/P2/boms' }, 200);
    counter.count({ origin: new URL('http://127.0.0.1:4202'), path: '/v1/plants/P2/boms' }, 503);
    counter.count({ origin: 'http://127.0.0.1:4202', path: '/v1/plants/P2/boms' }, 500);
    counter.count({ origin: 'http://127.0.0.1:4201', path: '/v1/items/X' }, undefined);
    counter.count({ origin: 'http://127.0.0.1:4000', path: '/oauth/token' }, 200);
    expect(counter.drain()).toEqual([
      { backend: 'erp-system-api', plant: 'P2', calls: 3, failedCalls: 2, unavailableCalls: 1 },
      { backend: 'plm-system-api', plant: null, calls: 1, failedCalls: 1, unavailableCalls: 1 },
    ]);
    expect(counter.drain()).toEqual([]);
  });

  it('lists per backend and plant the calls, the retrying steps since the oldest, and the dead letters; steps naming no backend are left out', () => {
    const t = (s: string) => new Date(`2026-11-30T08:0${s}:00.000Z`);
    const entries = backendHealth(
      [{ backend: 'erp-system-api', plant: 'P2', calls: 4, failedCalls: 1, unavailableCalls: 1 }],
      [
        { backend: 'scheduling-system-api', plant: 'P3', firstFailedAt: t('2'), lastFailedAt: t('5'), errorClass: 'backend-unavailable' },
        { backend: 'scheduling-system-api', plant: 'P3', firstFailedAt: t('1'), lastFailedAt: t('4'), errorClass: 'backend-unavailable' },
        { backend: null, plant: 'P1', firstFailedAt: t('1'), lastFailedAt: t('1'), errorClass: 'waiting' },
      ],
      [{ backend: 'erp-system-api', plant: 'P1', lastFailedAt: t('3'), errorClass: 'refused' }],
    );
    expect(entries).toEqual([
      { backend: 'erp-system-api', plant: 'P1', calls: 0, failedCalls: 0, unavailableCalls: 0, retryingSteps: 0, oldestRetrySince: null, deadLetters: 1, lastErrorClass: 'refused' },
      { backend: 'erp-system-api', plant: 'P2', calls: 4, failedCalls: 1, unavailableCalls: 1, retryingSteps: 0, oldestRetrySince: null, deadLetters: 0, lastErrorClass: null },
      {
        backend: 'scheduling-system-api',
        plant: 'P3',
        calls: 0,
        failedCalls: 0,
        unavailableCalls: 0,
        retryingSteps: 2,
        oldestRetrySince: '2026-11-30T08:01:00.000Z',
        deadLetters: 0,
        lastErrorClass: 'backend-unavailable',
      },
    ]);
  });
});
