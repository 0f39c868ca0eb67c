import { DynamicModule, Module } from '@nestjs/common';
import { AuditTrailModule, GatewayAuthModule } from '@threadline/gateway-auth';
import { MessagingModule } from '@threadline/messaging';
import { DatabaseModule, HealthModule, IdempotencyModule } from '@threadline/platform';
import { CalendarsController } from './calendars/calendars.controller';
import { WorkCalendarController } from './calendars/work-calendar.controller';
import { ApplyWorkCalendarService } from './calendars/apply-work-calendar.service';
import { FrepplePlanningConnector } from './connector/frepple-planning.connector';
import { SchedulerConnector } from './connector/scheduler.connector';
import { AnnouncedExceptionRepository } from './exceptions/announced-exception.repository';
import { ExceptionsController } from './exceptions/exceptions.controller';
import { RaiseScheduleExceptionService } from './exceptions/raise-schedule-exception.service';
import { RawBodyCapture } from './exceptions/raw-body.capture';
import { SchedulerWebhookController } from './exceptions/scheduler-webhook.controller';
import { SchedulerWebhookSubscriber } from './exceptions/scheduler-webhook.subscriber';
import { JobsController } from './jobs/jobs.controller';
import { ApplyMaterialAvailabilityService } from './material-availability/apply-material-availability.service';
import { MaterialAvailabilityController } from './material-availability/material-availability.controller';
import { SCHEDULING_SYSTEM_API_MIGRATIONS } from './migrations';
import { PlanRunsController } from './plan-runs/plan-runs.controller';
import { PlantReplanner } from './plan-runs/plant-replanner.service';
import { ApplyProductionChangeService } from './production-changes/apply-production-change.service';
import { ProductionChangesController } from './production-changes/production-changes.controller';
import { ApplySchedulerRoutingService } from './routings/apply-scheduler-routing.service';
import { SchedulerRoutingsController } from './routings/scheduler-routings.controller';
import { ExceptionReconciliationController } from './reconciliation/exception-reconciliation.controller';
import { ExceptionReconciliationPoller } from './reconciliation/exception-reconciliation.poller';
import { ExceptionReconciler } from './reconciliation/exception-reconciler.service';
import { ResourcesController } from './resources/resources.controller';
import { SchedulingSystemApiConfig } from './scheduling-system-api.config';
import { SCHEDULING_SYSTEM_API_SCHEMA } from './scheduling-system-api.schema';

@Module({})
export class SchedulingSystemApiModule {
  static register(config: SchedulingSystemApiConfig): DynamicModule {
    return {
      module: SchedulingSystemApiModule,
      imports: [
        DatabaseModule.forApp({ schema: SCHEDULING_SYSTEM_API_SCHEMA, url: config.databaseUrl, migrations: SCHEDULING_SYSTEM_API_MIGRATIONS }),
        MessagingModule.forApp({ appName: 'scheduling-system-api', schema: SCHEDULING_SYSTEM_API_SCHEMA, databaseUrl: config.databaseUrl }),
        GatewayAuthModule.forApp({ appName: 'scheduling-system-api', jwksUrl: config.jwksUrl, issuer: config.jwtIssuer }),
        AuditTrailModule.forApp({ appName: 'scheduling-system-api', schema: SCHEDULING_SYSTEM_API_SCHEMA }),
        HealthModule,
        IdempotencyModule.forApp({ schema: SCHEDULING_SYSTEM_API_SCHEMA }),
      ],
      controllers: [
        ResourcesController,
        CalendarsController,
        WorkCalendarController,
        JobsController,
        ExceptionsController,
        ProductionChangesController,
        SchedulerRoutingsController,
        PlanRunsController,
        SchedulerWebhookController,
        ExceptionReconciliationController,
        MaterialAvailabilityController,
      ],
      providers: [
        { provide: SchedulingSystemApiConfig, useValue: config },
        // The one line a customer on another APS changes: bind their adapter to the port.
        { provide: SchedulerConnector, useClass: FrepplePlanningConnector },
        PlantReplanner,
        ApplyProductionChangeService,
        ApplySchedulerRoutingService,
        AnnouncedExceptionRepository,
        RaiseScheduleExceptionService,
        RawBodyCapture,
        SchedulerWebhookSubscriber,
        ExceptionReconciler,
        ExceptionReconciliationPoller,
        ApplyMaterialAvailabilityService,
        ApplyWorkCalendarService,
      ],
    };
  }
}
