import { WindchillError } from './windchill-errors';
import { BomDto, BomLineDto } from '@threadline/canonical';
import { WindchillPartUse, WindchillPartUseInput } from './windchill.types';
import { WindchillUnit } from './windchill-values';

function findNumber(use: WindchillPartUse): number {
  // Windchill keeps find numbers as text; Threadline's are positions 1..9999.
  const parsed = Number(use.FindNumber ?? use.LineNumber);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 9999) {
    throw new WindchillError('PLM_UNMAPPED_VALUE', `FindNumber '${use.FindNumber}' is not a position 1..9999`, {
      backend: 'PLM',
      property: 'FindNumber',
      value: use.FindNumber,
    });
  }
  return parsed;
}

/** One Windchill usage link as a canonical BOM line. */
export function toCanonical(use: WindchillPartUse): BomLineDto {
  const designators = (use.ReferenceDesignatorRange ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  return {
    findNumber: findNumber(use),
    componentNumber: use.Uses.Number,
    quantity: use.Quantity,
    unit: WindchillUnit.toCanonical(use.Unit.Value),
    ...(designators.length > 0 ? { referenceDesignators: designators } : {}),
  };
}

export function fromCanonical(line: BomLineDto): WindchillPartUseInput {
  return {
    FindNumber: String(line.findNumber),
    LineNumber: line.findNumber,
    Quantity: line.quantity,
    Unit: { Value: WindchillUnit.fromCanonical(line.unit) },
    ReferenceDesignatorRange: line.referenceDesignators?.length ? line.referenceDesignators.join(',') : null,
    Uses: { Number: line.componentNumber },
  };
}

/** The usage links of one part version as its canonical single-level BOM. */
export function bomToCanonical(itemNumber: string, revision: string, uses: WindchillPartUse[]): BomDto {
  return { itemNumber, revision, lines: uses.map(toCanonical).sort((a, b) => a.findNumber - b.findNumber) };
}
