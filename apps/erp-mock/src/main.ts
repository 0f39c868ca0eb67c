import { runStandalone } from '@threadline/platform';
import { startErpMock } from './erp-mock.app';
import { erpMockConfigFromEnv } from './erp-mock.config';

runStandalone('erp-mock', () => startErpMock(erpMockConfigFromEnv(process.env)));
