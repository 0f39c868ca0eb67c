// Tracing first: the SDK hooks pg and Nest as they load, so it starts before the imports below.
import { startTelemetry } from '@threadline/platform/telemetry/start-telemetry';
startTelemetry('erp-mock');
import { runStandalone } from '@threadline/platform';
import { startErpMock } from './erp-mock.app';
import { erpMockConfigFromEnv } from './erp-mock.config';

runStandalone('erp-mock', () => startErpMock(erpMockConfigFromEnv(process.env)));
