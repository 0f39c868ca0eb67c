import { Inject, Injectable } from '@nestjs/common';
import { ApplySchedulerRoutingDto, ApplySchedulerRoutingResultDto } from '@threadline/canonical';
import { SchedulerConnector } from '../connector/scheduler.connector';
import { PlantReplanner } from '../plan-runs/plant-replanner.service';

/**
 * Pushes a change's routing to one plant and re-plans (with the plant's other changes of the
 * moment: PlantReplanner), so jobs built from its date run the new operations. Repeating it is
 * harmless: a routing the scheduler holds is not written again, and the latest plan is returned
 * (the run still to include it when one is waiting or under way).
 */
@Injectable()
export class ApplySchedulerRoutingService {
  constructor(
    @Inject(SchedulerConnector) private readonly scheduler: SchedulerConnector,
    private readonly replanner: PlantReplanner,
  ) {}

  async apply(plant: string, change: ApplySchedulerRoutingDto): Promise<ApplySchedulerRoutingResultDto> {
    const applied = await this.scheduler.applyRouting(plant, change);
    if (applied.created) return { routing: applied.routing, planRun: await this.replanner.replan(plant, change.changeNumber), created: true };
    const latest =
      (await this.replanner.pending(plant, change.changeNumber)) ??
      (await this.scheduler.latestPlanRun(plant)) ??
      (await this.replanner.replan(plant, change.changeNumber));
    return { routing: applied.routing, planRun: latest, created: false };
  }
}
