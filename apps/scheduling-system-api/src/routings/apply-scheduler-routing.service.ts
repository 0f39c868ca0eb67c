import { Inject, Injectable } from '@nestjs/common';
import { ApplySchedulerRoutingDto, ApplySchedulerRoutingResultDto } from '@threadline/canonical';
import { SchedulerConnector } from '../connector/scheduler.connector';

/**
 * Pushes a change's routing to one plant and re-plans, so jobs built from its date run the new
 * operations. Repeating it is harmless: a routing the scheduler holds is not written again, and
 * the latest plan is returned.
 */
@Injectable()
export class ApplySchedulerRoutingService {
  constructor(@Inject(SchedulerConnector) private readonly scheduler: SchedulerConnector) {}

  async apply(plant: string, change: ApplySchedulerRoutingDto): Promise<ApplySchedulerRoutingResultDto> {
    const applied = await this.scheduler.applyRouting(plant, change);
    if (applied.created) return { routing: applied.routing, planRun: await this.scheduler.runPlan(plant, change.changeNumber), created: true };
    const latest = (await this.scheduler.latestPlanRun(plant)) ?? (await this.scheduler.runPlan(plant, change.changeNumber));
    return { routing: applied.routing, planRun: latest, created: false };
  }
}
