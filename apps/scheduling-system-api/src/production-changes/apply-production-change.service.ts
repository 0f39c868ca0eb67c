import { Inject, Injectable } from '@nestjs/common';
import { ApplyProductionChangeDto, ApplyProductionChangeResultDto } from '@threadline/canonical';
import { SchedulerConnector } from '../connector/scheduler.connector';
import { PlantReplanner } from '../plan-runs/plant-replanner.service';

/**
 * Pushes a production-effective change to one plant and re-plans (with the plant's other changes
 * of the moment: PlantReplanner). Repeating it is harmless: a change the scheduler already holds
 * is not written again, and the latest plan is returned (the run still to include it when one is
 * waiting or under way; re-planning only if the plant has never been planned since).
 */
@Injectable()
export class ApplyProductionChangeService {
  constructor(
    @Inject(SchedulerConnector) private readonly scheduler: SchedulerConnector,
    private readonly replanner: PlantReplanner,
  ) {}

  async apply(plant: string, change: ApplyProductionChangeDto): Promise<ApplyProductionChangeResultDto> {
    const applied = await this.scheduler.applyProductionChange(plant, change);
    if (applied.created) {
      return { change: applied.change, planRun: await this.replanner.replan(plant, change.changeNumber), created: true };
    }
    const latest =
      (await this.replanner.pending(plant, change.changeNumber)) ??
      (await this.scheduler.latestPlanRun(plant)) ??
      (await this.replanner.replan(plant, change.changeNumber));
    return { change: applied.change, planRun: latest, created: false };
  }
}
