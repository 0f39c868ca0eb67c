import { RunningApp, startHttpApp } from '@threadline/platform';
import { SchedulingSystemApiConfig } from './scheduling-system-api.config';
import { SchedulingSystemApiModule } from './scheduling-system-api.module';

export async function startSchedulingSystemApi(config: SchedulingSystemApiConfig): Promise<RunningApp> {
  return startHttpApp(SchedulingSystemApiModule.register(config), {
    name: 'scheduling-system-api',
    title: 'Threadline scheduling system API',
    description:
      "Canonical scheduling over each plant's scheduler: resources, jobs and their scheduled operations, production-effective changes, plan runs.",
    version: '1.0.0',
    port: config.port,
    host: config.host,
  });
}
