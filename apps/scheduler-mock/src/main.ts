import { runStandalone } from '@threadline/platform';
import { schedulerMockConfigFromEnv } from './scheduler-mock.config';
import { startSchedulerMock } from './scheduler-mock.app';

runStandalone('scheduler-mock', () => startSchedulerMock(schedulerMockConfigFromEnv(process.env)));
