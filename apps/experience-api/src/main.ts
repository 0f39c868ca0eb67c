import { runStandalone } from '@threadline/platform';
import { startExperienceApi } from './experience-api.app';
import { experienceApiConfigFromEnv } from './experience-api.config';

runStandalone('experience-api', () => startExperienceApi(experienceApiConfigFromEnv(process.env)));
