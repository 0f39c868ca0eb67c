// Tracing first: the SDK hooks pg and Nest as they load, so it starts before the imports below.
import { startTelemetry } from '@threadline/platform/telemetry/start-telemetry';
startTelemetry('idp-mock');
import { runStandalone } from '@threadline/platform';
import { idpMockConfigFromEnv } from './idp-mock.config';
import { startIdpMock } from './idp-mock.app';

runStandalone('idp-mock', () => startIdpMock(idpMockConfigFromEnv(process.env)));
