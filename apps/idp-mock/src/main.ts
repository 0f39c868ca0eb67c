import { runStandalone } from '@threadline/platform';
import { idpMockConfigFromEnv } from './idp-mock.config';
import { startIdpMock } from './idp-mock.app';

runStandalone('idp-mock', () => startIdpMock(idpMockConfigFromEnv(process.env)));
