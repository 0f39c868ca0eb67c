import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, ValidationError } from 'class-validator';
import { ApplyPlantBomDto } from './erp/plant-bom.dto';
import { CreatePurchaseRequisitionDto, FlagWorkOrderDto, HoldWorkOrderDto, ReleaseWorkOrderHoldDto, RunCostRollupDto } from './erp/erp-changes.dto';
import { FIELD_LIMITS } from './field-limits';
import { BomLineDto } from './plm/bom.dto';
import { AffectedItemDto, BomChangeDto, CreateEngineeringChangeDto, EffectivityDto, RecordChangeApprovalDto } from './plm/engineering-change.dto';
import { ApprovalRequestDto } from './process/approval.dto';
import { ChangeImpactRequestDto } from './process/change-impact.dto';
import { ResolveExceptionCaseDto } from './process/exception-case.dto';
import { ReportQualityHoldDto } from './scheduling/schedule-exception-page.dto';
import { ApplyProductionChangeDto, ComponentRequirementDto } from './scheduling/scheduling.dto';

type Class = new () => object;

/** Where @ApiProperty keeps what it documents (@nestjs/swagger's DECORATORS, not exported). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';
const API_MODEL_PROPERTIES_ARRAY = 'swagger/apiModelPropertiesArray';

/** Every canonical DTO a client sends as a request body (or nested in one). */
const REQUEST_DTOS: Class[] = [
  CreateEngineeringChangeDto,
  AffectedItemDto,
  BomChangeDto,
  EffectivityDto,
  RecordChangeApprovalDto,
  BomLineDto,
  ApplyPlantBomDto,
  ApplyProductionChangeDto,
  ComponentRequirementDto,
  FlagWorkOrderDto,
  HoldWorkOrderDto,
  ReleaseWorkOrderHoldDto,
  CreatePurchaseRequisitionDto,
  RunCostRollupDto,
  ReportQualityHoldDto,
  ApprovalRequestDto,
  ResolveExceptionCaseDto,
  ChangeImpactRequestDto,
];

interface Documented {
  type?: unknown;
  isArray?: boolean;
  enum?: unknown;
  maxLength?: number;
  maxItems?: number;
  items?: { maxLength?: number };
}

function documented(dto: Class): Map<string, Documented> {
  const names: string[] = Reflect.getMetadata(API_MODEL_PROPERTIES_ARRAY, dto.prototype) ?? [];
  return new Map(names.map((n) => n.slice(1)).map((name) => [name, Reflect.getMetadata(API_MODEL_PROPERTIES, dto.prototype, name) as Documented]));
}

/** The largest length / size class-validator enforces on a property, per kind. */
function enforced(dto: Class, property: string): { length?: number; eachLength?: number; items?: number } {
  const rules = getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', true, false)
    .filter((m) => m.propertyName === property);
  const found: { length?: number; eachLength?: number; items?: number } = {};
  for (const rule of rules) {
    const max = rule.name === 'maxLength' ? rule.constraints[0] : rule.name === 'isLength' ? rule.constraints[1] : undefined;
    if (max !== undefined) found[rule.each ? 'eachLength' : 'length'] = max as number;
    if (rule.name === 'arrayMaxSize') found.items = rule.constraints[0] as number;
  }
  return found;
}

async function errorsOf(dto: Class, body: object): Promise<ValidationError[]> {
  return validate(plainToInstance(dto, body));
}

/** The constraint names that failed anywhere in the body, e.g. 'affectedItems.0.itemNumber: maxLength'. */
function failures(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => [
    ...Object.keys(e.constraints ?? {}).map((c) => `${prefix}${e.property}: ${c}`),
    ...failures(e.children ?? [], `${prefix}${e.property}.`),
  ]);
}

function change(overrides: Partial<AffectedItemDto> = {}): object {
  return {
    title: 'Replace obsolete shaft seal',
    targetPlants: ['P1'],
    effectivity: { type: 'date', startDate: '2027-01-04T00:00:00.000Z' },
    affectedItems: [
      {
        itemNumber: 'PUMP-100',
        fromRevision: 'A',
        toRevision: 'B',
        disposition: 'use-up',
        bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }],
        ...overrides,
      },
    ],
  };
}

describe('field limits', () => {
  describe.each(REQUEST_DTOS.map((dto) => [dto.name, dto] as const))('%s: what the OpenAPI document promises is what validation enforces', (_name, dto) => {
    const properties = [...documented(dto)];

    it('documents a maxLength for every string and a maxItems for every list', () => {
      for (const [name, meta] of properties) {
        if (meta.type === 'array' || meta.isArray) expect({ [name]: meta.maxItems }).not.toEqual({ [name]: undefined });
        else if (meta.type === String && !meta.enum) expect({ [name]: meta.maxLength }).not.toEqual({ [name]: undefined });
      }
    });

    it('enforces exactly the documented limits', () => {
      for (const [name, meta] of properties) {
        const rules = enforced(dto, name);
        if (meta.maxLength !== undefined) expect({ [name]: rules.length }).toEqual({ [name]: meta.maxLength });
        if (meta.items?.maxLength !== undefined) expect({ [name]: rules.eachLength }).toEqual({ [name]: meta.items.maxLength });
        if (meta.maxItems !== undefined) expect({ [name]: rules.items }).toEqual({ [name]: meta.maxItems });
      }
    });
  });

  it('accept an item number of 40 characters and refuse one of 41 (SAP MATNR is 40)', async () => {
    const forty = 'PUMP-' + '1'.repeat(35);
    expect(failures(await errorsOf(CreateEngineeringChangeDto, change({ itemNumber: forty })))).toEqual([]);
    expect(failures(await errorsOf(CreateEngineeringChangeDto, change({ itemNumber: forty + '1' })))).toContain('affectedItems.0.itemNumber: maxLength');
  });

  it('refuse a reference designator longer than the limit, which nothing else bounded', async () => {
    const line = { findNumber: 10, componentNumber: 'SEAL-200', quantity: 2, unit: 'EA' };
    const fits = 'R'.repeat(FIELD_LIMITS.referenceDesignator);
    expect(failures(await errorsOf(BomLineDto, { ...line, referenceDesignators: ['S1', fits] }))).toEqual([]);
    expect(failures(await errorsOf(BomLineDto, { ...line, referenceDesignators: ['S1', fits + 'R'] }))).toEqual(['referenceDesignators: maxLength']);
  });

  it('refuse an exception resolution or an approval comment longer than 2000 characters', async () => {
    const text = 'x'.repeat(FIELD_LIMITS.text);
    expect(failures(await errorsOf(ResolveExceptionCaseDto, { resolution: text }))).toEqual([]);
    expect(failures(await errorsOf(ResolveExceptionCaseDto, { resolution: text + 'x' }))).toEqual(['resolution: maxLength']);
    expect(failures(await errorsOf(ApprovalRequestDto, { decision: 'reject', comment: text + 'x' }))).toEqual(['comment: maxLength']);
  });

  it('refuse a need date longer than any ISO 8601 date-time', async () => {
    const body = { itemNumber: 'SEAL-210', quantity: 120, unit: 'EA', reference: 'ECN-000042' };
    expect(failures(await errorsOf(CreatePurchaseRequisitionDto, { ...body, needDate: '2027-01-04T00:00:00.000+01:00' }))).toEqual([]);
    expect(failures(await errorsOf(CreatePurchaseRequisitionDto, { ...body, needDate: '2027-01-04T00:00:00.' + '0'.repeat(30) + 'Z' }))).toContain('needDate: maxLength');
  });
});
