import { IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { ServiceClientAppConfig, serviceClientAppEnv, loadConfig } from '@threadline/platform';
import { loadTierPolicies } from '@threadline/messaging';
import { loadGovernancePolicy } from './governance/governance-policy.config';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class ProcessApiConfig extends ServiceClientAppConfig {
  override port: number = 4301;
  override clientId: string = 'threadline-process';
  override clientSecret: string = 'process-secret';

  @IsUrl(URL_OPTIONS)
  plmSystemApiUrl: string = 'http://127.0.0.1:4201';

  @IsUrl(URL_OPTIONS)
  erpSystemApiUrl: string = 'http://127.0.0.1:4202';

  @IsUrl(URL_OPTIONS)
  schedulingSystemApiUrl: string = 'http://127.0.0.1:4203';

  /** Timeout of one call to a system API. */
  @IsInt()
  @Min(100)
  @Max(120_000)
  systemApiTimeoutMs: number = 10_000;

  /** Governance policy as JSON (see README), checked in governance-policy.config.ts; overrides the file. Unset: the documented default. */
  @IsOptional()
  @IsString()
  governancePolicy?: string;

  @IsOptional()
  @IsString()
  governancePolicyFile?: string;

  /** Retry, priority and alert policy per integration tier as JSON (see README), merged over the defaults. */
  @IsOptional()
  @IsString()
  messagingTiers?: string;

  /** Seconds between two integration-health reports (the experience API's dashboard); 0 sends none. */
  @IsInt()
  @Min(0)
  @Max(3600)
  integrationHealthReportSeconds: number = 60;
}

/** The settings from the environment, the governance policy included: a bad one stops the app at boot with one line. */
export function processApiConfigFromEnv(env: NodeJS.ProcessEnv): ProcessApiConfig {
  const config = loadConfig('process-api', ProcessApiConfig, {
    ...serviceClientAppEnv(env),
    plmSystemApiUrl: env.PLM_SYSTEM_API_URL,
    erpSystemApiUrl: env.ERP_SYSTEM_API_URL,
    schedulingSystemApiUrl: env.SCHEDULING_SYSTEM_API_URL,
    systemApiTimeoutMs: env.SYSTEM_API_TIMEOUT_MS,
    governancePolicy: env.GOVERNANCE_POLICY,
    governancePolicyFile: env.GOVERNANCE_POLICY_FILE,
    messagingTiers: env.MESSAGING_TIERS,
    integrationHealthReportSeconds: env.INTEGRATION_HEALTH_REPORT_SECONDS,
  });
  loadGovernancePolicy(config.governancePolicy, config.governancePolicyFile);
  loadTierPolicies('process-api', config.messagingTiers);
  return config;
}
