import { GatewayAppConfig, gatewayAppEnv, loadConfig } from '@threadline/platform';

export class ExperienceApiConfig extends GatewayAppConfig {
  override port: number = 4401;
}

export function experienceApiConfigFromEnv(env: NodeJS.ProcessEnv): ExperienceApiConfig {
  return loadConfig('experience-api', ExperienceApiConfig, {
    ...gatewayAppEnv(env),
  });
}
