import { ItemWhereUsedTotalsDto, LIST_LIMITS, RoutingOperationDto, SupplierDto, WhereUsedDto } from '@threadline/canonical';
import { assertWithinLimit } from '@threadline/platform';
import { SapMaterialWhereUsed, SapMaterialWhereUsedSummary, SapRoutingOperation, SapSupplier } from '../connector/s4hana-native';
import { ErpMappingError } from './mapping-error';
import { parseSapDecimal } from './sap-values';

export const whereUsedMapper = {
  toCanonical(native: SapMaterialWhereUsed): WhereUsedDto {
    // SAP walks BOMs of any depth; deeper than an explosion may go is refused, not cut.
    const path = assertWithinLimit(native.WhereUsedPath.split('/'), LIST_LIMITS.whereUsedPathItems, `where-used path of ${native.Material}`);
    return {
      parentItemNumber: native.Material,
      parentRevision: native.BOMHeaderRevisionLevel,
      level: Number(native.WhereUsedLevel),
      quantityPer: parseSapDecimal(native.ComponentQuantityInParent),
      path,
    };
  },
};

export const whereUsedTotalsMapper = {
  toCanonical(native: SapMaterialWhereUsedSummary): ItemWhereUsedTotalsDto {
    const count = (value: unknown, field: string): number => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new ErpMappingError(`where-used ${field} '${String(value)}' of ${native.Material} is not a count`, String(value));
      return n;
    };
    return {
      itemNumber: native.Material,
      paths: count(native.PathCount, 'PathCount'),
      assemblies: count(native.AssemblyCount, 'AssemblyCount'),
      topLevelAssemblies: count(native.TopLevelAssemblyCount, 'TopLevelAssemblyCount'),
      deepestLevel: count(native.DeepestLevel, 'DeepestLevel'),
    };
  },
};

export const routingOperationMapper = {
  /** Setup (StandardWorkQuantity1) is per lot; run (StandardWorkQuantity2) per OperationReferenceQuantity units. */
  toCanonical(native: SapRoutingOperation): RoutingOperationDto {
    for (const unit of [native.StandardWorkQuantityUnit1, native.StandardWorkQuantityUnit2]) {
      if (unit !== 'MIN') throw new ErpMappingError(`routing time unit '${unit}' is not minutes`, unit);
    }
    const sequence = Number(native.Operation);
    if (!Number.isInteger(sequence) || sequence < 1) throw new ErpMappingError(`operation number '${native.Operation}' is not a sequence`, native.Operation);
    const reference = parseSapDecimal(native.OperationReferenceQuantity) || 1;
    return {
      sequence,
      workCentre: native.WorkCenter,
      description: native.OperationText,
      setupMinutes: parseSapDecimal(native.StandardWorkQuantity1),
      runMinutesPerUnit: Math.round((parseSapDecimal(native.StandardWorkQuantity2) / reference) * 10_000) / 10_000,
    };
  },
};

export const supplierMapper = {
  toCanonical(native: SapSupplier): SupplierDto {
    return { id: native.Supplier, name: native.SupplierName, country: native.Country };
  },
};
