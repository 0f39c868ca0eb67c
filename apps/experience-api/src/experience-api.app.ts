import { RunningApp, startHttpApp } from '@threadline/platform';
import { ExperienceApiConfig } from './experience-api.config';
import { ExperienceApiModule } from './experience-api.module';

export async function startExperienceApi(config: ExperienceApiConfig): Promise<RunningApp> {
  return startHttpApp(ExperienceApiModule.register(config), {
    name: 'experience-api',
    title: 'Threadline Experience API',
    description: 'Dashboard read models for the people who watch releases reach the plants.',
    version: '1.1.0',
    port: config.port,
    host: config.host,
  });
}
