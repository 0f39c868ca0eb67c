import { GatewayAppConfig, gatewayAppEnv, loadConfig } from '@threadline/platform';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class ExperienceApiConfig extends GatewayAppConfig {
  override port: number = 4401;
}

export function experienceApiConfigFromEnv(env: NodeJS.ProcessEnv): ExperienceApiConfig {
  return loadConfig('experience-api', ExperienceApiConfig, {
    ...gatewayAppEnv(env),
  });
}
