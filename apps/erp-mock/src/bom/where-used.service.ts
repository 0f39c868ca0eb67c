import { Injectable } from '@nestjs/common';
import { MAX_TOP, parseQueryOptions } from '../odata/odata-query';
import { literalValue } from '../odata/odata-values';
import { SapError } from '../odata/sap-error';
import { BomRepository, WhereUsedPathRow } from './bom.repository';

const RESULT_TYPE = 'API_BILL_OF_MATERIAL_SRV.MaterialWhereUsedResult';
const SUMMARY_TYPE = 'API_BILL_OF_MATERIAL_SRV.MaterialWhereUsedSummaryResult';
/** Materials one summary or paths call takes: as many as one engineering change affects. */
export const WHERE_USED_MAX_MATERIALS = 100;

function parameter(query: Record<string, unknown>, name: string, kind: 'string' | 'date', required: boolean, functionImport = 'MaterialWhereUsed'): unknown {
  const raw = query[name];
  if (raw === undefined || raw === '') {
    if (required) throw new SapError(400, '/IWBEP/CM_MGW_RT/025', `Mandatory parameter '${name}' missing for function import ${functionImport}`);
    return undefined;
  }
  return literalValue(kind, String(raw), name);
}

/** `Materials='A,B'`: the materials, distinct, in the order given. */
function materialsParameter(query: Record<string, unknown>, functionImport: string): string[] {
  const list = parameter(query, 'Materials', 'string', true, functionImport) as string;
  const materials = [...new Set(list.split(',').map((m) => m.trim()))];
  if (materials.some((m) => m === '')) throw new SapError(400, '/IWBEP/CM_MGW_RT/022', `Parameter 'Materials' of function import ${functionImport} has an empty entry`);
  if (materials.length > WHERE_USED_MAX_MATERIALS) {
    throw new SapError(400, '/IWBEP/CM_MGW_RT/022', `Parameter 'Materials' of function import ${functionImport} names more than ${WHERE_USED_MAX_MATERIALS} materials`);
  }
  return materials;
}

/**
 * Function import GET MaterialWhereUsed?Material='SEAL-200'&Plant='P1'&ValidityDate=datetime'...'
 * (CS15, multi-level): the assemblies using the material on that date (default now), one result
 * per path. WhereUsedPath runs from the material up to the assembly, joined by '/'.
 */
@Injectable()
export class WhereUsedService {
  constructor(private readonly boms: BomRepository) {}

  async read(query: Record<string, unknown>): Promise<{ d: { results: unknown[] } }> {
    const material = parameter(query, 'Material', 'string', true) as string;
    const plant = parameter(query, 'Plant', 'string', true) as string;
    const at = (parameter(query, 'ValidityDate', 'date', false) as Date | undefined) ?? new Date();
    const rows = await this.boms.whereUsed(material, plant, at);
    return {
      d: {
        results: rows.map((row) => ({
          __metadata: { type: RESULT_TYPE },
          Material: row.parent,
          Plant: plant,
          BOMHeaderRevisionLevel: row.revision_level,
          BillOfMaterialComponent: material,
          WhereUsedLevel: Number(row.level),
          ComponentQuantityInParent: Number(row.quantity).toFixed(3),
          WhereUsedPath: row.path.join('/'),
        })),
      },
    };
  }
}

/** A path as MaterialWhereUsed answers it, naming the material it starts from. */
function pathResult(row: WhereUsedPathRow, plant: string): Record<string, unknown> {
  return {
    __metadata: { type: RESULT_TYPE },
    Material: row.parent,
    Plant: plant,
    BOMHeaderRevisionLevel: row.revision_level,
    BillOfMaterialComponent: row.material,
    WhereUsedLevel: Number(row.level),
    ComponentQuantityInParent: Number(row.quantity).toFixed(3),
    WhereUsedPath: row.path.join('/'),
  };
}

/**
 * Mock extensions (not in SAP's API_BILL_OF_MATERIAL_SRV; a customer would add them as function
 * imports of a custom service over a CDS view): the where-used of several materials computed next
 * to the data, so a caller that wants totals and the nearest uses need not fetch every path.
 *
 * GET MaterialWhereUsedSummary?Materials='A,B'&Plant='P1'&ValidityDate=datetime'...': one result per
 * material, in the order given: PathCount, AssemblyCount, TopLevelAssemblyCount (assemblies no BOM of
 * the plant uses), DeepestLevel (0 when unused), and with NearestPaths=N (0 to 1000, default 0) its first N
 * paths under to_NearestPath, nearest first: one walk of the BOMs for both.
 *
 * GET MaterialWhereUsedPaths?Materials='A,B'&Plant='P1'&ValidityDate=...&$top=200&$skip=0&$inlinecount=allpages:
 * the paths of all of them (results as MaterialWhereUsed's, BillOfMaterialComponent naming the
 * material each starts from), nearest first: by level, then WhereUsedPath in code-point order.
 */
@Injectable()
export class WhereUsedSummaryService {
  constructor(private readonly boms: BomRepository) {}

  async summary(query: Record<string, unknown>): Promise<{ d: { results: unknown[] } }> {
    const name = 'MaterialWhereUsedSummary';
    const materials = materialsParameter(query, name);
    const plant = parameter(query, 'Plant', 'string', true, name) as string;
    const at = (parameter(query, 'ValidityDate', 'date', false, name) as Date | undefined) ?? new Date();
    const nearest = query.NearestPaths === undefined || query.NearestPaths === '' ? 0 : (literalValue('int', String(query.NearestPaths), 'NearestPaths') as number);
    if (!Number.isInteger(nearest) || nearest < 0 || nearest > MAX_TOP) {
      throw new SapError(400, '/IWBEP/CM_MGW_RT/022', `Parameter 'NearestPaths' of function import ${name} is not a whole number from 0 to ${MAX_TOP}`);
    }
    const rows = await this.boms.whereUsedTotals(materials, plant, at, nearest);
    return {
      d: {
        results: rows.map((row) => ({
          __metadata: { type: SUMMARY_TYPE },
          Material: row.material,
          Plant: plant,
          PathCount: row.paths,
          AssemblyCount: row.assemblies,
          TopLevelAssemblyCount: row.top_level_assemblies,
          DeepestLevel: row.deepest_level,
          to_NearestPath: { results: row.nearest.map((path) => pathResult(path, plant)) },
        })),
      },
    };
  }

  async paths(query: Record<string, unknown>): Promise<{ d: { results: unknown[]; __count?: string } }> {
    const name = 'MaterialWhereUsedPaths';
    const materials = materialsParameter(query, name);
    const plant = parameter(query, 'Plant', 'string', true, name) as string;
    const at = (parameter(query, 'ValidityDate', 'date', false, name) as Date | undefined) ?? new Date();
    const options = parseQueryOptions({ $top: query.$top, $skip: query.$skip, $inlinecount: query.$inlinecount });
    const { total, rows } = await this.boms.whereUsedPaths(materials, plant, at, { top: options.top ?? MAX_TOP, skip: options.skip ?? 0 });
    const results = rows.map((row) => pathResult(row, plant));
    return { d: options.inlineCount ? { __count: String(total), results } : { results } };
  }
}
