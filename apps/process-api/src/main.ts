// Tracing first: the SDK hooks pg and Nest as they load, so it starts before the imports below.
import { startTelemetry } from '@threadline/platform/telemetry/start-telemetry';
startTelemetry('process-api');
import { runStandalone } from '@threadline/platform';
import { startProcessApi } from './process-api.app';
import { processApiConfigFromEnv } from './process-api.config';

runStandalone('process-api', () => startProcessApi(processApiConfigFromEnv(process.env)));
