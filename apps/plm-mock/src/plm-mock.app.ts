import { RunningApp, startHttpApp } from '@threadline/platform';
import { PlmMockConfig } from './plm-mock.config';
import { PlmMockModule } from './plm-mock.module';

export async function startPlmMock(config: PlmMockConfig): Promise<RunningApp> {
  return startHttpApp(PlmMockModule.register(config), {
    name: 'plm-mock',
    title: 'Simulated PLM (Windchill REST Services)',
    description:
      'Simulated PTC Windchill speaking Windchill REST Services / OData v4: parts, part structures (Uses), change notices and their release. Native dialect, not canonical.',
    version: '1.1.0',
    port: config.port,
    host: config.host,
  });
}
