import { runStandalone } from '@threadline/platform';
import { startErpSystemApi } from './erp-system-api.app';
import { erpSystemApiConfigFromEnv } from './erp-system-api.config';

runStandalone('erp-system-api', () => startErpSystemApi(erpSystemApiConfigFromEnv(process.env)));
