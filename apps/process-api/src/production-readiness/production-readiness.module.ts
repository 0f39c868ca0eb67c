import { Module } from '@nestjs/common';
import { SystemApisModule } from '../system-apis/system-apis.module';
import { MaterialAvailabilityChangeConsumer } from './material-availability-change.consumer';
import { MaterialReconciliationPoller } from './material-reconciliation.poller';
import { ProductionReadinessController } from './production-readiness.controller';
import { ProductionReadinessRepository } from './production-readiness.repository';
import { PushMaterialAvailabilityWorker } from './push-material-availability.worker';

/**
 * Production readiness: the schedulers plan with ERP's current material availability. ERP's
 * availability changes (threadline.erp.material-availability.changed.v1) mark items pending per
 * plant; a push, coalesced over a short window, reads them from ERP once and gives them to the
 * plant's scheduler, which re-plans; a periodic reconciliation pushes everything, and with it the
 * plant's non-working days from ERP's work calendar onto the scheduler's shift calendars.
 */
@Module({
  imports: [SystemApisModule],
  controllers: [ProductionReadinessController],
  providers: [ProductionReadinessRepository, MaterialAvailabilityChangeConsumer, PushMaterialAvailabilityWorker, MaterialReconciliationPoller],
})
export class ProductionReadinessModule {}
