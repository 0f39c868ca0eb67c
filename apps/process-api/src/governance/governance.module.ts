import { Module } from '@nestjs/common';
import { ProcessApiConfig } from '../process-api.config';
import { loadGovernancePolicy } from './governance-policy.config';
import { GOVERNANCE_POLICY } from './governance.tokens';

/**
 * The governance policy in force, loaded and checked once at boot (a bad setting stops the app
 * with one line, see governance-policy.config.ts); its rules are plain functions in governance-policy.ts.
 */
@Module({
  providers: [
    {
      provide: GOVERNANCE_POLICY,
      useFactory: (config: ProcessApiConfig) => loadGovernancePolicy(config.governancePolicy, config.governancePolicyFile),
      inject: [ProcessApiConfig],
    },
  ],
  exports: [GOVERNANCE_POLICY],
})
export class GovernanceModule {}
