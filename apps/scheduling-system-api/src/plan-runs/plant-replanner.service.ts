import { Inject, Injectable } from '@nestjs/common';
import { PlanRunDto } from '@threadline/canonical';
import { SchedulerConnector } from '../connector/scheduler.connector';
import { SchedulingSystemApiConfig } from '../scheduling-system-api.config';
import { PlanCoalescer } from './plan-coalescer';

/**
 * Every re-plan this API asks of a plant's scheduler, coalesced per plant (PlanCoalescer): changes
 * reaching a plant within `REPLAN_COALESCE_MS` of each other share one plan run.
 */
@Injectable()
export class PlantReplanner extends PlanCoalescer<PlanRunDto> {
  constructor(@Inject(SchedulerConnector) scheduler: SchedulerConnector, @Inject(SchedulingSystemApiConfig) config: SchedulingSystemApiConfig) {
    super((plant, triggers) => scheduler.runPlan(plant, triggers), config.replanCoalesceMs);
  }
}
