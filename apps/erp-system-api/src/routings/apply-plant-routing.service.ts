import { Inject, Injectable } from '@nestjs/common';
import { ApplyPlantRoutingDto, ApplyPlantRoutingResultDto, PlantRoutingDto } from '@threadline/canonical';
import { AppError, isBackendConflict } from '@threadline/platform';
import { ErpConnector } from '../connector/erp.connector';
import { ROUTING_ERRORS } from '../mappers/plant-routing.mapper';

/** Same operations (sequence, work centre kind, text, times) and the same start: a repeat of the change. */
export function sameRouting(existing: PlantRoutingDto, requested: ApplyPlantRoutingDto): boolean {
  const key = (ops: Array<{ sequence: number; workCenter: string; setupMinutes: number; runMinutesPerUnit: number }>) =>
    JSON.stringify([...ops].sort((a, b) => a.sequence - b.sequence).map((o) => [o.sequence, o.workCenter, o.setupMinutes, o.runMinutesPerUnit]));
  return Date.parse(existing.validFrom) === Date.parse(requested.validFrom.slice(0, 10)) && key(existing.operations) === key(requested.operations);
}

/**
 * Applies a change's routing to one plant, at most once per change number: a repeat finds the
 * version the change created and returns it unchanged (ERP's 409 is the backstop for a race).
 */
@Injectable()
export class ApplyPlantRoutingService {
  constructor(@Inject(ErpConnector) private readonly erp: ErpConnector) {}

  async apply(plant: string, routing: ApplyPlantRoutingDto): Promise<ApplyPlantRoutingResultDto> {
    const existing = await this.findByChange(plant, routing);
    if (existing) return { routing: this.sameChange(existing, routing), created: false };
    try {
      return { routing: await this.erp.createPlantRouting(plant, routing), created: true };
    } catch (error) {
      if (isBackendConflict(error)) {
        const raced = await this.findByChange(plant, routing);
        if (raced) return { routing: this.sameChange(raced, routing), created: false };
      }
      throw error;
    }
  }

  private async findByChange(plant: string, routing: ApplyPlantRoutingDto): Promise<PlantRoutingDto | undefined> {
    return (await this.erp.listPlantRoutings(plant, routing.itemNumber)).find((r) => r.changeNumber === routing.changeNumber);
  }

  private sameChange(existing: PlantRoutingDto, requested: ApplyPlantRoutingDto): PlantRoutingDto {
    if (!sameRouting(existing, requested)) {
      throw new AppError<keyof typeof ROUTING_ERRORS>(
        'ROUTING_CHANGE_CONFLICT',
        `Change ${requested.changeNumber} was already applied to ${requested.itemNumber}'s routing in plant ${existing.plant} with other operations or another date`,
        { existing },
      );
    }
    return existing;
  }
}
