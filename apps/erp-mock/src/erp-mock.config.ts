import { GatewayAppConfig, gatewayAppEnv, loadConfig } from '@threadline/platform';

export class ErpMockConfig extends GatewayAppConfig {
  override port: number = 4102;
}

export function erpMockConfigFromEnv(env: NodeJS.ProcessEnv): ErpMockConfig {
  return loadConfig('erp-mock', ErpMockConfig, {
    ...gatewayAppEnv(env),
  });
}
