// Tracing first: the SDK hooks pg and Nest as they load, so it starts before the imports below.
import { startTelemetry } from '@threadline/platform/telemetry/start-telemetry';
startTelemetry('scheduling-system-api');
import { runStandalone } from '@threadline/platform';
import { schedulingSystemApiConfigFromEnv } from './scheduling-system-api.config';
import { startSchedulingSystemApi } from './scheduling-system-api.app';

runStandalone('scheduling-system-api', () => startSchedulingSystemApi(schedulingSystemApiConfigFromEnv(process.env)));
