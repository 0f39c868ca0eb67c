import { DynamicModule, Module } from '@nestjs/common';
import { AuditTrailModule, auditTrailMigration, GatewayAuthModule } from '@threadline/gateway-auth';
import { MessagingModule, messagingTablesMigration } from '@threadline/messaging';
import { DatabaseModule, HealthModule, IdempotencyModule, idempotencyTableMigration } from '@threadline/platform';
import { ProcessInit1764300000000 } from './migrations/1764300000000-process-init';
import { GovernedRelease1764300000001 } from './migrations/1764300000001-governed-release';
import { ExceptionCases1764300000002 } from './migrations/1764300000002-exception-cases';
import { EXCEPTION_ENTITIES } from './exceptions/exception-case.entities';
import { ErpHoldWorker } from './exceptions/open-exception-case/erp-hold.worker';
import { OpenExceptionCaseConsumer } from './exceptions/open-exception-case/open-exception-case.consumer';
import { ExceptionQueryController } from './exceptions/query-exceptions/exception-query.controller';
import { ExceptionQueryService } from './exceptions/query-exceptions/exception-query.service';
import { ResolveExceptionCaseController } from './exceptions/resolve-exception-case/resolve-exception-case.controller';
import { ResolveExceptionCaseService } from './exceptions/resolve-exception-case/resolve-exception-case.service';
import { loadGovernancePolicy } from './governance/governance-policy';
import { GOVERNANCE_POLICY } from './governance/governance.tokens';
import { AssessChangeImpactController } from './impact/assess-change-impact/assess-change-impact.controller';
import { ImpactAssessor } from './impact/impact-assessor.service';
import { ApproveReleaseController } from './releases/approve-release/approve-release.controller';
import { ApproveReleaseService } from './releases/approve-release/approve-release.service';
import { ReleaseSteps } from './releases/release-steps.service';
import { ReleaseValidator } from './releases/validate-release/release-validator.service';
import { ProcessApiConfig } from './process-api.config';
import { AdvanceReleaseWorker } from './releases/advance-release/advance-release.worker';
import { ReleaseQueryController } from './releases/query-releases/release-query.controller';
import { ReleaseQueryService } from './releases/query-releases/release-query.service';
import { ReceiveReleasedChangeConsumer } from './releases/receive-released-change/receive-released-change.consumer';
import { PROCESS_ENTITIES } from './releases/release.entities';
import { ReleaseStore } from './releases/release.store';
import { RollOutPlantWorker } from './releases/roll-out-plant/roll-out-plant.worker';
import { SystemApis } from './system-apis/system-apis';

export const PROCESS_SCHEMA = 'process_api';

@Module({})
export class ProcessApiModule {
  static register(config: ProcessApiConfig): DynamicModule {
    return {
      module: ProcessApiModule,
      imports: [
        DatabaseModule.forApp({
          schema: PROCESS_SCHEMA,
          url: config.databaseUrl,
          entities: [...PROCESS_ENTITIES, ...EXCEPTION_ENTITIES],
          migrations: [messagingTablesMigration(PROCESS_SCHEMA), ProcessInit1764300000000, GovernedRelease1764300000001, ExceptionCases1764300000002, idempotencyTableMigration(PROCESS_SCHEMA), auditTrailMigration(PROCESS_SCHEMA)],
        }),
        MessagingModule.forApp({ appName: 'process-api', schema: PROCESS_SCHEMA, databaseUrl: config.databaseUrl }),
        GatewayAuthModule.forApp({ appName: 'process-api', jwksUrl: config.jwksUrl, issuer: config.jwtIssuer }),
        AuditTrailModule.forApp({ appName: 'process-api', schema: PROCESS_SCHEMA }),
        HealthModule,
        IdempotencyModule.forApp({ schema: PROCESS_SCHEMA }),
      ],
      controllers: [
        ReleaseQueryController,
        ApproveReleaseController,
        AssessChangeImpactController,
        ExceptionQueryController,
        ResolveExceptionCaseController,
      ],
      providers: [
        { provide: ProcessApiConfig, useValue: config },
        { provide: GOVERNANCE_POLICY, useValue: loadGovernancePolicy(config.governancePolicy, config.governancePolicyFile) },
        ReleaseSteps,
        ReleaseValidator,
        ImpactAssessor,
        ApproveReleaseService,
        ExceptionQueryService,
        ResolveExceptionCaseService,
        OpenExceptionCaseConsumer,
        ErpHoldWorker,
        SystemApis,
        ReleaseStore,
        ReleaseQueryService,
        ReceiveReleasedChangeConsumer,
        AdvanceReleaseWorker,
        RollOutPlantWorker,
      ],
    };
  }
}
