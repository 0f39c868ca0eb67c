import { runStandalone } from '@threadline/platform';
import { schedulingSystemApiConfigFromEnv } from './scheduling-system-api.config';
import { startSchedulingSystemApi } from './scheduling-system-api.app';

runStandalone('scheduling-system-api', () => startSchedulingSystemApi(schedulingSystemApiConfigFromEnv(process.env)));
