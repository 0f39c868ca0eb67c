// Tracing first: the SDK hooks pg and Nest as they load, so it starts before the imports below.
import { startTelemetry } from '@threadline/platform/telemetry/start-telemetry';
startTelemetry('plm-system-api');
import { runStandalone } from '@threadline/platform';
import { plmSystemApiConfigFromEnv } from './plm-system-api.config';
import { startPlmSystemApi } from './plm-system-api.app';

runStandalone('plm-system-api', () => startPlmSystemApi(plmSystemApiConfigFromEnv(process.env)));
