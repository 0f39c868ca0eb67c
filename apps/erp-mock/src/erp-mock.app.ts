import { RunningApp, startHttpApp } from '@threadline/platform';
import { ErpMockConfig } from './erp-mock.config';
import { ErpMockModule } from './erp-mock.module';

export async function startErpMock(config: ErpMockConfig): Promise<RunningApp> {
  return startHttpApp(ErpMockModule.register(config), {
    name: 'erp-mock',
    title: 'Simulated SAP S/4HANA (ERP)',
    description:
      'Simulated S/4HANA speaking OData v2 under /sap/opu/odata/sap: products and plant data, material BOMs (deep insert), ' +
      'routings, stock, suppliers, purchase orders and production orders for the demo plants P1, P2 and P3.',
    version: '1.1.0',
    port: config.port,
    host: config.host,
  });
}
