import { RunningApp, startHttpApp } from '@threadline/platform';
import { ErpSystemApiConfig } from './erp-system-api.config';
import { ErpSystemApiModule } from './erp-system-api.module';

export async function startErpSystemApi(config: ErpSystemApiConfig): Promise<RunningApp> {
  return startHttpApp(ErpSystemApiModule.register(config), {
    name: 'erp-system-api',
    title: 'Threadline ERP system API',
    description:
      'Canonical plant items, plant BOMs, work orders, inventory and purchase orders over the ERP (SAP S/4HANA through the ErpConnector). ' +
      'Applying a BOM is idempotent per change number.',
    version: '1.1.0',
    port: config.port,
    host: config.host,
  });
}
