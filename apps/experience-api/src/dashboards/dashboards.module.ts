import { Module } from '@nestjs/common';
import { ExceptionQueueController } from '../exception-queue/exception-queue.controller';
import { ExceptionQueueProjector } from '../exception-queue/exception-queue.projector';
import { ExceptionQueueRepository } from '../exception-queue/exception-queue.repository';
import { ExceptionQueueService } from '../exception-queue/exception-queue.service';
import { ImpactedOrdersController } from '../impacted-orders/impacted-orders.controller';
import { ImpactedOrdersProjector } from '../impacted-orders/impacted-orders.projector';
import { ImpactedOrdersRepository } from '../impacted-orders/impacted-orders.repository';
import { ImpactedOrdersService } from '../impacted-orders/impacted-orders.service';
import { IntegrationHealthController } from '../integration-health/integration-health.controller';
import { IntegrationHealthProjector } from '../integration-health/integration-health.projector';
import { IntegrationHealthRepository } from '../integration-health/integration-health.repository';
import { IntegrationHealthService } from '../integration-health/integration-health.service';
import { LeadTimeController } from '../lead-time/lead-time.controller';
import { LeadTimeProjector } from '../lead-time/lead-time.projector';
import { LeadTimeRepository } from '../lead-time/lead-time.repository';
import { LeadTimeService } from '../lead-time/lead-time.service';

/**
 * The dashboards' read models besides revision adoption: impacted orders, the exception queue,
 * lead time and integration health. Each is a repository (its tables), a projector (the process
 * API's events into them), a service (the dashboard's shape, what a web view calls) and a controller.
 * The services are exported for the web dashboard.
 */
@Module({
  controllers: [ImpactedOrdersController, ExceptionQueueController, LeadTimeController, IntegrationHealthController],
  providers: [
    ImpactedOrdersRepository,
    ImpactedOrdersProjector,
    ImpactedOrdersService,
    ExceptionQueueRepository,
    ExceptionQueueProjector,
    ExceptionQueueService,
    LeadTimeRepository,
    LeadTimeProjector,
    LeadTimeService,
    IntegrationHealthRepository,
    IntegrationHealthProjector,
    IntegrationHealthService,
  ],
  exports: [ImpactedOrdersService, ExceptionQueueService, LeadTimeService, IntegrationHealthService],
})
export class DashboardsModule {}
