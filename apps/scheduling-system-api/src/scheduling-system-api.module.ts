import { DynamicModule, Module } from '@nestjs/common';
import { GatewayAuthModule } from '@threadline/gateway-auth';
import { DatabaseModule, HealthModule } from '@threadline/platform';
import { FrepplePlanningConnector } from './connector/frepple-planning.connector';
import { SchedulerConnector } from './connector/scheduler.connector';
import { JobsController } from './jobs/jobs.controller';
import { PlanRunsController } from './plan-runs/plan-runs.controller';
import { ApplyProductionChangeService } from './production-changes/apply-production-change.service';
import { ProductionChangesController } from './production-changes/production-changes.controller';
import { ResourcesController } from './resources/resources.controller';
import { SchedulingSystemApiConfig } from './scheduling-system-api.config';

@Module({})
export class SchedulingSystemApiModule {
  static register(config: SchedulingSystemApiConfig): DynamicModule {
    return {
      module: SchedulingSystemApiModule,
      imports: [
        // The schema is owned and migrated from the start, though nothing is stored in it yet.
        DatabaseModule.forApp({ schema: 'scheduling_system_api', url: config.databaseUrl, migrations: [] }),
        GatewayAuthModule.forApp({ appName: 'scheduling-system-api', jwksUrl: config.jwksUrl, issuer: config.jwtIssuer }),
        HealthModule,
      ],
      controllers: [ResourcesController, JobsController, ProductionChangesController, PlanRunsController],
      providers: [
        { provide: SchedulingSystemApiConfig, useValue: config },
        { provide: SchedulerConnector, useClass: FrepplePlanningConnector },
        ApplyProductionChangeService,
      ],
    };
  }
}
