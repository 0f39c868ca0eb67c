import { RunningApp, startHttpApp } from '@threadline/platform';
import { SchedulerMockConfig } from './scheduler-mock.config';
import { SchedulerMockModule } from './scheduler-mock.module';

export async function startSchedulerMock(config: SchedulerMockConfig): Promise<RunningApp> {
  return startHttpApp(SchedulerMockModule.register(config), {
    name: 'scheduler-mock',
    title: 'Threadline scheduler (simulated frePPLe)',
    description:
      'One simulated frePPLe instance per plant under /{plant}/: the REST input API (/api/input/<model>/) and the execute API ' +
      '(runplan, status), with a real finite-capacity scheduler. Errors are frePPLe-style JSON, not problem+json.',
    version: '1.1.0',
    port: config.port,
    host: config.host,
    bodyLimitBytes: 4 * 1024 * 1024,
    // frePPLe's URLs end in '/', and Nest strips the slash from route paths.
    ignoreTrailingSlash: true,
  });
}
