// Tracing first: the SDK hooks pg and Nest as they load, so it starts before the imports below.
import { startTelemetry } from '@threadline/platform/telemetry/start-telemetry';
startTelemetry('plm-mock');
import { runStandalone } from '@threadline/platform';
import { plmMockConfigFromEnv } from './plm-mock.config';
import { startPlmMock } from './plm-mock.app';

runStandalone('plm-mock', () => startPlmMock(plmMockConfigFromEnv(process.env)));
