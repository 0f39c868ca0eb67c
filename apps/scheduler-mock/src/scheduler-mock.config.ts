import { IsInt, IsString, IsUrl, Max, Min } from 'class-validator';
import { loadConfig } from '@threadline/platform';

export class SchedulerMockConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  port: number = 4103;

  @IsString()
  host: string = '127.0.0.1';

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  databaseUrl: string;

  @IsUrl({ require_tld: false })
  jwksUrl: string = 'http://127.0.0.1:4000/.well-known/jwks.json';

  @IsString()
  jwtIssuer: string = 'https://idp.threadline.local';

  /** Replenishment time assumed for a purchased component the plant has no stock of. */
  @IsInt()
  @Min(0)
  @Max(365)
  purchaseLeadTimeDays: number = 14;
}

export function schedulerMockConfigFromEnv(env: NodeJS.ProcessEnv): SchedulerMockConfig {
  return loadConfig('scheduler-mock', SchedulerMockConfig, {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    jwksUrl: env.JWKS_URL,
    jwtIssuer: env.JWT_ISSUER,
    purchaseLeadTimeDays: env.PURCHASE_LEAD_TIME_DAYS,
  });
}
