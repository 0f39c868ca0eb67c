// Tracing first: the SDK hooks pg and Nest as they load, so it starts before the imports below.
import { startTelemetry } from '@threadline/platform/telemetry/start-telemetry';
startTelemetry('erp-system-api');
import { runStandalone } from '@threadline/platform';
import { startErpSystemApi } from './erp-system-api.app';
import { erpSystemApiConfigFromEnv } from './erp-system-api.config';

runStandalone('erp-system-api', () => startErpSystemApi(erpSystemApiConfigFromEnv(process.env)));
