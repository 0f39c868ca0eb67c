import { Injectable } from '@nestjs/common';
import { literalValue } from '../odata/odata-values';
import { SapError } from '../odata/sap-error';
import { BomRepository } from './bom.repository';

const RESULT_TYPE = 'API_BILL_OF_MATERIAL_SRV.MaterialWhereUsedResult';

function parameter(query: Record<string, unknown>, name: string, kind: 'string' | 'date', required: boolean): unknown {
  const raw = query[name];
  if (raw === undefined || raw === '') {
    if (required) throw new SapError(400, '/IWBEP/CM_MGW_RT/025', `Mandatory parameter '${name}' missing for function import MaterialWhereUsed`);
    return undefined;
  }
  return literalValue(kind, String(raw), name);
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
