import { RunningApp, startHttpApp } from '@threadline/platform';
import { ProcessApiConfig } from './process-api.config';
import { ProcessApiModule } from './process-api.module';

export async function startProcessApi(config: ProcessApiConfig): Promise<RunningApp> {
  return startHttpApp(ProcessApiModule.register(config), {
    name: 'process-api',
    title: 'Threadline Process API',
    description:
      'Orchestrates the governed engineering release: from a change released in PLM to every target plant building the new revision. ' +
      'Engineering releases, plant rollouts and their history.',
    version: '1.1.0',
    port: config.port,
    host: config.host,
  });
}
