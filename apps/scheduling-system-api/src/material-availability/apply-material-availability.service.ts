import { Inject, Injectable } from '@nestjs/common';
import { MaterialAvailabilityDto, MaterialAvailabilityResultDto } from '@threadline/canonical';
import { SchedulerConnector } from '../connector/scheduler.connector';
import { PlantReplanner } from '../plan-runs/plant-replanner.service';

const DEFAULT_TRIGGER = 'material-availability';

/**
 * Gives a plant's scheduler ERP's current stock and open supply of some components and re-plans (with the plant's other changes of the moment: PlantReplanner),
 * so the next plan starts jobs no earlier than their material arrives. Repeating a push writes the
 * same state and plans again: harmless.
 */
@Injectable()
export class ApplyMaterialAvailabilityService {
  constructor(
    @Inject(SchedulerConnector) private readonly scheduler: SchedulerConnector,
    private readonly replanner: PlantReplanner,
  ) {}

  async apply(plant: string, availability: MaterialAvailabilityDto): Promise<MaterialAvailabilityResultDto> {
    const { applied, unknown } = await this.scheduler.applyMaterialAvailability(plant, availability.components);
    const planRun = applied.length > 0 ? await this.replanner.replan(plant, availability.trigger ?? DEFAULT_TRIGGER) : null;
    return { plant, asOf: availability.asOf, applied, unknown, planRun };
  }
}
