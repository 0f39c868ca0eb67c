import { HttpStatusError, HttpUnavailableError } from '../http/http-client';
import { ServiceTokenError } from '../http/service-token.provider';
import { AppMetrics } from './app-metrics';
import { parsePrometheusText, sampleValue } from './prometheus-text';
import { clientOutcome, routeLabel, timeBackendCall, UNMATCHED_ROUTE } from './http-metrics';

describe('clientOutcome: how a backend call ended, as a bounded label', () => {
  it.each([
    ['an answer', undefined, 'success'],
    ['a 404', new HttpStatusError('erp', 404, {}, new Headers()), 'client_error'],
    ['a 429', new HttpStatusError('erp', 429, {}, new Headers()), 'client_error'],
    ['a 500', new HttpStatusError('erp', 500, {}, new Headers()), 'server_error'],
    ['a 503', new HttpStatusError('erp', 503, {}, new Headers()), 'server_error'],
    ['no answer in time', new HttpUnavailableError('erp', 'no answer within 10 ms', true), 'timeout'],
    ['a refused connection', new HttpUnavailableError('erp', 'connect ECONNREFUSED 127.0.0.1:1', false), 'network_error'],
    ['an open circuit', new HttpUnavailableError('erp', 'circuit open after repeated failures', false), 'circuit_open'],
    ['refused credentials', new ServiceTokenError('me', true, 'invalid_client'), 'client_error'],
    ['an IdP out of reach', new ServiceTokenError('me', false, 'ECONNREFUSED'), 'network_error'],
    ['anything else', new Error('boom'), 'network_error'],
  ])('%s is %s', (_what, error, outcome) => {
    expect(clientOutcome(error)).toBe(outcome);
  });
});

describe('routeLabel', () => {
  it('keeps the template and names a request no route matched', () => {
    expect(routeLabel('/v1/engineering-releases/:releaseId')).toBe('/v1/engineering-releases/:releaseId');
    expect(routeLabel(undefined)).toBe(UNMATCHED_ROUTE);
    expect(routeLabel('')).toBe(UNMATCHED_ROUTE);
  });
});

describe('timeBackendCall', () => {
  it('observes one call per outcome and passes the answer or the error on', async () => {
    const metrics = new AppMetrics('caller', { processMetrics: false });
    await expect(timeBackendCall(metrics, 'erp-system-api', async () => 42)).resolves.toBe(42);
    const failure = new HttpStatusError('erp-system-api', 502, {}, new Headers());
    await expect(timeBackendCall(metrics, 'erp-system-api', () => Promise.reject(failure))).rejects.toBe(failure);
    const samples = parsePrometheusText(await metrics.scrape());
    const count = (outcome: string) => sampleValue(samples, 'http_client_request_duration_seconds_count', { app: 'caller', backend: 'erp-system-api', outcome });
    expect(count('success')).toBe(1);
    expect(count('server_error')).toBe(1);
  });

  it('without an app only runs the call', async () => {
    await expect(timeBackendCall(undefined, 'x', async () => 'ok')).resolves.toBe('ok');
  });
});
