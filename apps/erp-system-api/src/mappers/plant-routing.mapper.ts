import { ApplyPlantRoutingDto, PlantRoutingDto, PlantWorkCenterDto } from '@threadline/canonical';
import { AppError, defineErrorCodes } from '@threadline/platform';
import { SapRoutingOperationVersion, SapRoutingVersionCreate, SapWorkCenter } from '../connector/s4hana-native';
import { ErpMappingError } from './mapping-error';
import { parseSapDate, parseSapDecimal, parseSapValidityEnd, toSapDate } from './sap-values';

export const ROUTING_ERRORS = defineErrorCodes({
  PLANT_WORK_CENTER_UNKNOWN: {
    status: 422,
    title: 'Work centre unknown in the plant',
    description: 'The routing names a work centre the plant has none of (`workCenter`, `operation`)',
  },
  ROUTING_CHANGE_CONFLICT: {
    status: 409,
    title: 'Conflict',
    description: 'The change was already applied to this item in this plant with other operations or another date (`existing`)',
  },
});

export function workCenterToCanonical(native: SapWorkCenter): PlantWorkCenterDto {
  if (!native.YY1_ResourceType) throw new ErpMappingError(`work centre ${native.WorkCenter} has no resource type`, native.WorkCenter);
  return { workCenter: native.YY1_ResourceType, plantWorkCenter: native.WorkCenter, description: native.WorkCenterDesc };
}

/** Pure mapping between canonical routings (plant-neutral work centres, minutes) and S/4HANA routing versions. */
export const plantRoutingMapper = {
  /**
   * The deep insert of a routing version. Each plant-neutral work centre runs on the plant's first
   * work centre of that kind (by name; the scheduler spreads work over the others).
   */
  fromCanonical(plant: string, routing: ApplyPlantRoutingDto, workCenters: PlantWorkCenterDto[]): SapRoutingVersionCreate {
    const plantWorkCenter = (workCenter: string, sequence: number): string => {
      const found = workCenters.filter((w) => w.workCenter === workCenter).sort((a, b) => a.plantWorkCenter.localeCompare(b.plantWorkCenter))[0];
      if (!found) {
        throw new AppError<keyof typeof ROUTING_ERRORS>('PLANT_WORK_CENTER_UNKNOWN', `Plant ${plant} has no work centre ${workCenter} (operation ${sequence})`, {
          plant,
          workCenter,
          operation: sequence,
        });
      }
      return found.plantWorkCenter;
    };
    return {
      Material: routing.itemNumber,
      Plant: plant,
      ChangeNumber: routing.changeNumber,
      ValidityStartDate: toSapDate(new Date(routing.validFrom)),
      to_Operation: {
        results: [...routing.operations]
          .sort((a, b) => a.sequence - b.sequence)
          .map((o) => ({
            Operation: String(o.sequence).padStart(4, '0'),
            WorkCenter: plantWorkCenter(o.workCenter, o.sequence),
            OperationText: o.description.slice(0, 40),
            OperationReferenceQuantity: '1',
            StandardWorkQuantity1: String(o.setupMinutes),
            StandardWorkQuantityUnit1: 'MIN',
            StandardWorkQuantity2: String(o.runMinutesPerUnit),
            StandardWorkQuantityUnit2: 'MIN',
          })),
      },
    };
  },

  /** Operations of one material in one plant, grouped into versions (one per change number and validity), oldest first. */
  toCanonical(plant: string, itemNumber: string, operations: SapRoutingOperationVersion[], workCenters: PlantWorkCenterDto[]): PlantRoutingDto[] {
    const kindOf = new Map(workCenters.map((w) => [w.plantWorkCenter, w.workCenter]));
    const versions = new Map<string, SapRoutingOperationVersion[]>();
    for (const op of operations) {
      const key = `${op.ProductionRoutingOpIntVersion}`;
      versions.set(key, [...(versions.get(key) ?? []), op]);
    }
    return [...versions.values()]
      .map((ops) => ({
        plant,
        itemNumber,
        changeNumber: ops[0].ChangeNumber || null,
        validFrom: parseSapDate(ops[0].ValidityStartDate).toISOString(),
        validTo: parseSapValidityEnd(ops[0].ValidityEndDate),
        operations: ops
          .map((o) => {
            for (const unit of [o.StandardWorkQuantityUnit1, o.StandardWorkQuantityUnit2]) {
              if (unit !== 'MIN') throw new ErpMappingError(`routing time unit '${unit}' is not minutes`, unit);
            }
            const workCenter = kindOf.get(o.WorkCenter);
            if (!workCenter) throw new ErpMappingError(`work centre ${o.WorkCenter} is not a work centre of plant ${plant}`, o.WorkCenter);
            const reference = parseSapDecimal(o.OperationReferenceQuantity) || 1;
            return {
              sequence: Number(o.Operation),
              description: o.OperationText,
              workCenter,
              plantWorkCenter: o.WorkCenter,
              setupMinutes: parseSapDecimal(o.StandardWorkQuantity1),
              runMinutesPerUnit: Math.round((parseSapDecimal(o.StandardWorkQuantity2) / reference) * 10_000) / 10_000,
            };
          })
          .sort((a, b) => a.sequence - b.sequence),
      }))
      .sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  },
};
