import { Inject, Injectable } from '@nestjs/common';
import { ApplyPlantBomDto, ApplyPlantBomResultDto, BomLineDto, PlantBomDto } from '@threadline/canonical';
import { AppError, defineErrorCodes, isBackendConflict } from '@threadline/platform';
import { ErpConnector } from '../connector/erp.connector';

function sameLines(a: BomLineDto[], b: BomLineDto[]): boolean {
  const key = (lines: BomLineDto[]) =>
    JSON.stringify([...lines].sort((x, y) => x.findNumber - y.findNumber).map((l) => [l.findNumber, l.componentNumber, l.quantity, l.unit]));
  return key(a) === key(b);
}

export const BOM_ERRORS = defineErrorCodes({
  BOM_CHANGE_CONFLICT: {
    status: 409,
    title: 'Conflict',
    description: 'The change was already applied to this item in this plant with another revision or other lines (`existing`)',
  },
});

/**
 * Applies a change's BOM to one plant, at most once per change number. The BOM is created
 * straight away: the ERP refuses a second BOM version with the same change number (409), and only
 * then is the version the change created read and returned unchanged (a repeat, or a request that
 * lost a race). So the usual first apply costs the ERP one call, not a read and a write.
 */
@Injectable()
export class ApplyPlantBomService {
  constructor(@Inject(ErpConnector) private readonly erp: ErpConnector) {}

  async apply(plant: string, bom: ApplyPlantBomDto): Promise<ApplyPlantBomResultDto> {
    try {
      return { bom: await this.erp.createPlantBom(plant, bom), created: true };
    } catch (error) {
      if (isBackendConflict(error)) {
        const existing = await this.erp.findPlantBomByChange(plant, bom.itemNumber, bom.changeNumber);
        if (existing) return { bom: this.sameChange(existing, bom), created: false };
      }
      throw error;
    }
  }

  /** A change number names one BOM content; the same number with other content is a conflict, not a repeat. */
  private sameChange(existing: PlantBomDto, requested: ApplyPlantBomDto): PlantBomDto {
    if (existing.revision !== requested.revision || !sameLines(existing.lines, requested.lines)) {
      throw new AppError<keyof typeof BOM_ERRORS>(
        'BOM_CHANGE_CONFLICT',
        `Change ${requested.changeNumber} was already applied to ${existing.itemNumber} in plant ${existing.plant} with a different revision or lines`,
        { existing },
      );
    }
    return existing;
  }
}
