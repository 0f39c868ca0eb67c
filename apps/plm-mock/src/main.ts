import { runStandalone } from '@threadline/platform';
import { plmMockConfigFromEnv } from './plm-mock.config';
import { startPlmMock } from './plm-mock.app';

runStandalone('plm-mock', () => startPlmMock(plmMockConfigFromEnv(process.env)));
