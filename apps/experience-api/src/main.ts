// Tracing first: the SDK hooks pg and Nest as they load, so it starts before the imports below.
import { startTelemetry } from '@threadline/platform/telemetry/start-telemetry';
startTelemetry('experience-api');
import { runStandalone } from '@threadline/platform';
import { startExperienceApi } from './experience-api.app';
import { experienceApiConfigFromEnv } from './experience-api.config';

runStandalone('experience-api', () => startExperienceApi(experienceApiConfigFromEnv(process.env)));
