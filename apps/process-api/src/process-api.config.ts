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

  /**
   * Engineering feedback: a quality hold on a job building the new revision of a change released
   * (to that plant) at most this many days before the hold is posted to PLM as a problem report.
   */
  @IsInt()
  @Min(1)
  @Max(3650)
  engineeringFeedbackWindowDays: number = 90;

  /**
   * Production readiness: seconds between two full pushes of ERP's material availability to every
   * plant's scheduler (what heals a lost change event); the first one an interval after start. 0: none.
   */
  @IsInt()
  @Min(0)
  @Max(86_400)
  materialReconcileSeconds: number = 900;

  /** Production readiness: how long availability changes of one plant are collected before one push. */
  @IsInt()
  @Min(0)
  @Max(600)
  materialCoalesceSeconds: number = 2;
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
    engineeringFeedbackWindowDays: env.ENGINEERING_FEEDBACK_WINDOW_DAYS,
    materialReconcileSeconds: env.MATERIAL_RECONCILE_SECONDS,
    materialCoalesceSeconds: env.MATERIAL_COALESCE_SECONDS,
  });
  loadGovernancePolicy(config.governancePolicy, config.governancePolicyFile);
  loadTierPolicies('process-api', config.messagingTiers);
  return config;
}
