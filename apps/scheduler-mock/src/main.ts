// Tracing first: the SDK hooks pg and Nest as they load, so it starts before the imports below.
import { startTelemetry } from '@threadline/platform/telemetry/start-telemetry';
startTelemetry('scheduler-mock');
import { runStandalone } from '@threadline/platform';
import { schedulerMockConfigFromEnv } from './scheduler-mock.config';
import { startSchedulerMock } from './scheduler-mock.app';

runStandalone('scheduler-mock', () => startSchedulerMock(schedulerMockConfigFromEnv(process.env)));
