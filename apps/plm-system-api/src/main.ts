import { runStandalone } from '@threadline/platform';
import { plmSystemApiConfigFromEnv } from './plm-system-api.config';
import { startPlmSystemApi } from './plm-system-api.app';

runStandalone('plm-system-api', () => startPlmSystemApi(plmSystemApiConfigFromEnv(process.env)));
