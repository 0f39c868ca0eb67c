import { runStandalone } from '@threadline/platform';
import { startProcessApi } from './process-api.app';
import { processApiConfigFromEnv } from './process-api.config';

runStandalone('process-api', () => startProcessApi(processApiConfigFromEnv(process.env)));
