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
 * Applies a change's BOM to one plant, at most once per change number: a repeat finds the BOM
 * version the change already created and returns it unchanged. The ERP's own rejection of a
 * duplicate (409) is the backstop when two requests race.
 */
@Injectable()
export class ApplyPlantBomService {
  constructor(@Inject(ErpConnector) private readonly erp: ErpConnector) {}

  async apply(plant: string, bom: ApplyPlantBomDto): Promise<ApplyPlantBomResultDto> {
    const existing = await this.erp.findPlantBomByChange(plant, bom.itemNumber, bom.changeNumber);
    if (existing) return { bom: this.sameChange(existing, bom), created: false };
    try {
      return { bom: await this.erp.createPlantBom(plant, bom), created: true };
    } catch (error) {
      if (isBackendConflict(error)) {
        const raced = await this.erp.findPlantBomByChange(plant, bom.itemNumber, bom.changeNumber);
        if (raced) return { bom: this.sameChange(raced, bom), created: false };
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
