import { DynamicModule, Module } from '@nestjs/common';
import { auditTrailDetailsMigration, AuditTrailModule, auditTrailMigration, GatewayAuthModule } from '@threadline/gateway-auth';
import { loadTierPolicies, MessagingModule, messagingTablesMigration } from '@threadline/messaging';
import { DatabaseModule, HealthModule, IdempotencyModule, idempotencyKeyOwnerMigration, idempotencyTableMigration } from '@threadline/platform';
import { EXCEPTION_ENTITIES } from './exceptions/exception-case.entities';
import { ExceptionsModule } from './exceptions/exceptions.module';
import { GovernanceModule } from './governance/governance.module';
import { ImpactModule } from './impact/impact.module';
import { ProcessMetricsModule } from './metrics/process-metrics.module';
import { OPERATIONS_ENTITIES } from './operations/dead-letter-replays/dead-letter-replay.entities';
import { OperationsModule } from './operations/operations.module';
import { ProcessInit1764300000000 } from './migrations/1764300000000-process-init';
import { GovernedRelease1764300000001 } from './migrations/1764300000001-governed-release';
import { ExceptionCases1764300000002 } from './migrations/1764300000002-exception-cases';
import { StalledSteps1766100000000 } from './migrations/1766100000000-stalled-steps';
import { ExceptionProblemReports1766412000001 } from './migrations/1766412000001-exception-problem-reports';
import { ProductionReadiness1767000000000 } from './migrations/1767000000000-production-readiness';
import { ProductionReadinessModule } from './production-readiness/production-readiness.module';
import { ProcessApiConfig } from './process-api.config';
import { PROCESS_SCHEMA } from './process-api.schema';
import { PROCESS_ENTITIES } from './releases/release.entities';
import { ReleasesModule } from './releases/releases.module';

/** The app's settings, for every feature module. */
@Module({})
class ProcessApiConfigModule {
  static register(config: ProcessApiConfig): DynamicModule {
    return { module: ProcessApiConfigModule, global: true, providers: [{ provide: ProcessApiConfig, useValue: config }], exports: [ProcessApiConfig] };
  }
}

/**
 * The process API: infrastructure (database, messaging, gateway, audit, health, idempotency) and
 * five feature modules, each owning its tables through one repository: releases, impact,
 * governance, exceptions, operations.
 */
@Module({})
export class ProcessApiModule {
  static register(config: ProcessApiConfig): DynamicModule {
    return {
      module: ProcessApiModule,
      imports: [
        ProcessApiConfigModule.register(config),
        DatabaseModule.forApp({
          schema: PROCESS_SCHEMA,
          url: config.databaseUrl,
          entities: [...PROCESS_ENTITIES, ...EXCEPTION_ENTITIES, ...OPERATIONS_ENTITIES],
          migrations: [
            messagingTablesMigration(PROCESS_SCHEMA),
            ProcessInit1764300000000,
            GovernedRelease1764300000001,
            ExceptionCases1764300000002,
            idempotencyTableMigration(PROCESS_SCHEMA),
            auditTrailMigration(PROCESS_SCHEMA),
            StalledSteps1766100000000,
            auditTrailDetailsMigration(PROCESS_SCHEMA),
            idempotencyKeyOwnerMigration(PROCESS_SCHEMA),
            ProductionReadiness1767000000000,
            ExceptionProblemReports1766412000001,
          ],
        }),
        MessagingModule.forApp({
          appName: 'process-api',
          schema: PROCESS_SCHEMA,
          databaseUrl: config.databaseUrl,
          tiers: loadTierPolicies('process-api', config.messagingTiers),
        }),
        GatewayAuthModule.forApp({ appName: 'process-api', jwksUrl: config.jwksUrl, issuer: config.jwtIssuer }),
        AuditTrailModule.forApp({ appName: 'process-api', schema: PROCESS_SCHEMA }),
        HealthModule,
        ProcessMetricsModule,
        IdempotencyModule.forApp({ schema: PROCESS_SCHEMA }),
        GovernanceModule,
        ImpactModule,
        ReleasesModule,
        ExceptionsModule,
        OperationsModule,
        ProductionReadinessModule,
      ],
    };
  }
}
