import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ChangePointerRepository } from '../change-pointer/change-pointer.repository';
import { MaterialRepository } from '../material/material.repository';
import { ODataReader } from '../odata/odata-reader.service';
import { parseQueryOptions } from '../odata/odata-query';
import { parseODataDate, SAP_END_OF_TIME, startOfUtcDay } from '../odata/odata-values';
import { SapError } from '../odata/sap-error';
import { BomRepository } from './bom.repository';

interface BomItemInput {
  itemNumber: string;
  category: string;
  component: string;
  quantity: number;
  unit: string;
}

interface BomInput {
  material: string;
  plant: string;
  variant: string;
  changeDocument: string;
  revisionLevel: string;
  validFrom: Date;
  baseUnit?: string;
  baseQuantity: number;
  items: BomItemInput[];
}

const mandatory = (property: string) => new SapError(400, 'CS/002', `Property ${property} is mandatory`);

function text(body: Record<string, unknown>, property: string, required: boolean, max = 40): string | undefined {
  const value = body[property];
  if (value === undefined || value === null || value === '') {
    if (required) throw mandatory(property);
    return undefined;
  }
  if (typeof value !== 'string' || value.length > max) throw new SapError(400, 'CS/003', `Value for ${property} is invalid`);
  return value;
}

function quantity(value: unknown, property: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) throw new SapError(400, 'CS/030', `Quantity in ${property} must be greater than zero`);
  return n;
}

/** Reads the deep-insert payload the way SAP Gateway does: API field names, decimals as strings. */
export function parseBomPayload(body: unknown): BomInput {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new SapError(400, 'CS/001', 'The request body is not a MaterialBOM entity');
  const b = body as Record<string, unknown>;
  const validFrom = parseODataDate(b.ValidityStartDate);
  if (b.ValidityStartDate === undefined) throw mandatory('ValidityStartDate');
  if (!validFrom) throw new SapError(400, 'CS/003', 'Value for ValidityStartDate is invalid');
  const nav = b.to_BillOfMaterialItem;
  // OData v2 deep inserts carry a navigation collection either bare or wrapped in `results`.
  const rawItems = Array.isArray(nav) ? nav : Array.isArray((nav as { results?: unknown })?.results) ? (nav as { results: unknown[] }).results : undefined;
  if (!rawItems || rawItems.length === 0) throw new SapError(400, 'CS/020', 'A BOM needs at least one item (to_BillOfMaterialItem)');
  const items = rawItems.map((raw, index): BomItemInput => {
    if (!raw || typeof raw !== 'object') throw new SapError(400, 'CS/001', `Item ${index + 1} is not a MaterialBOMItem entity`);
    const item = raw as Record<string, unknown>;
    return {
      itemNumber: text(item, 'BillOfMaterialItemNumber', true, 4)!,
      category: text(item, 'BillOfMaterialItemCategory', false, 1) ?? 'L',
      component: text(item, 'BillOfMaterialComponent', true)!,
      quantity: quantity(item.BillOfMaterialItemQuantity, 'BillOfMaterialItemQuantity'),
      unit: text(item, 'BillOfMaterialItemUnit', true, 3)!,
    };
  });
  const duplicate = items.find((item, i) => items.findIndex((o) => o.itemNumber === item.itemNumber) !== i);
  if (duplicate) throw new SapError(400, 'CS/021', `Item number ${duplicate.itemNumber} is used more than once`);
  return {
    material: text(b, 'Material', true)!,
    plant: text(b, 'Plant', true, 4)!,
    variant: text(b, 'BillOfMaterialVariant', false, 2) ?? '1',
    // Change-managed BOMs only: every version in this system comes from a change number.
    changeDocument: text(b, 'EngineeringChangeDocument', true)!,
    revisionLevel: text(b, 'BOMHeaderRevisionLevel', true, 2)!,
    validFrom: startOfUtcDay(validFrom),
    baseUnit: text(b, 'BOMHeaderBaseUnit', false, 3),
    baseQuantity: b.BOMHeaderQuantityInBaseUnit === undefined ? 1 : quantity(b.BOMHeaderQuantityInBaseUnit, 'BOMHeaderQuantityInBaseUnit'),
    items,
  };
}

function keyLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * POST MaterialBOM with to_BillOfMaterialItem: a new, change-numbered version of a material's
 * BOM in a plant. The previous open version ends where the new one starts, and the plant's
 * revision level follows the version valid today. All of it in one transaction.
 */
@Injectable()
export class CreateMaterialBomService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly boms: BomRepository,
    private readonly materials: MaterialRepository,
    private readonly reader: ODataReader,
    private readonly changePointers: ChangePointerRepository,
  ) {}

  async create(body: unknown, serviceRoot: string, servicePath: string): Promise<{ entity: { d: unknown }; location: string }> {
    const input = parseBomPayload(body);
    try {
      return await this.dataSource.transaction((em) => this.createIn(em, input, serviceRoot, servicePath));
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw alreadyExists(input);
      throw error;
    }
  }

  private async createIn(em: EntityManager, input: BomInput, serviceRoot: string, servicePath: string) {
    // Locking the product-plant row serialises BOM changes for one material in one plant.
    const header = await this.materials.findPlantRecord(em, input.material, input.plant, true);
    if (!header) throw new SapError(400, 'CS/014', `Material ${input.material} is not maintained in plant ${input.plant}`);
    if (input.baseUnit && input.baseUnit !== header.baseUnit) {
      throw new SapError(400, 'CS/031', `Base unit ${input.baseUnit} differs from the material's base unit ${header.baseUnit}`);
    }
    const components = [...new Set(input.items.map((i) => i.component))];
    if (components.includes(input.material)) throw new SapError(400, 'CS/016', `Material ${input.material} cannot be a component of itself`);
    const known = new Map((await this.materials.componentsInPlant(em, input.plant, components)).map((c) => [c.product, c.blockedStatus]));
    const unknown = components.filter((c) => !known.has(c));
    if (unknown.length > 0) {
      throw new SapError(400, 'CS/015', `Component ${unknown.join(', ')} is not maintained in plant ${input.plant}`);
    }
    const blocked = components.find((c) => known.get(c));
    if (blocked) {
      throw new SapError(400, 'CS/017', `Component ${blocked} is blocked for BOMs in plant ${input.plant} (plant-specific material status ${known.get(blocked)})`);
    }
    const { changeExists, latest } = await this.boms.versionsFor(em, input);
    if (changeExists) throw alreadyExists(input);
    if (latest && input.validFrom.getTime() <= latest.validFrom.getTime()) {
      throw new SapError(
        400,
        'CS/601',
        `Valid-from date ${input.validFrom.toISOString().slice(0, 10)} must be after the start of the latest BOM version (${latest.validFrom.toISOString().slice(0, 10)})`,
      );
    }
    const billOfMaterial = latest?.billOfMaterial || (await this.boms.nextNumber(em));
    await this.boms.endVersionsAt(em, input.material, input.plant, input.variant, input.validFrom);
    await this.boms.insertVersion(em, { ...input, billOfMaterial, baseUnit: header.baseUnit, validTo: SAP_END_OF_TIME });
    if (input.validFrom.getTime() <= Date.now()) {
      await this.materials.setRevisionLevel(em, input.material, input.plant, input.revisionLevel);
    } else {
      await this.materials.scheduleRevisionLevel(em, input.material, input.plant, input.revisionLevel, input.validFrom);
    }
    // The BOM and the plant data's revision level changed.
    await this.changePointers.record(em, 'BOM', input.material, input.plant);
    await this.changePointers.record(em, 'MATERIAL', input.material, input.plant);
    const key = [
      `BillOfMaterial=${keyLiteral(billOfMaterial)}`,
      `BillOfMaterialCategory='M'`,
      `BillOfMaterialVariant=${keyLiteral(input.variant)}`,
      `BillOfMaterialVersion=''`,
      `EngineeringChangeDocument=${keyLiteral(input.changeDocument)}`,
      `Material=${keyLiteral(input.material)}`,
      `Plant=${keyLiteral(input.plant)}`,
    ].join(',');
    const entity = await this.reader.read(
      { serviceRoot, servicePath, resource: `MaterialBOM(${key})`, options: parseQueryOptions({ $expand: 'to_BillOfMaterialItem' }) },
      em,
    );
    return { entity, location: (entity.d as { __metadata: { uri: string } }).__metadata.uri };
  }
}

function alreadyExists(input: BomInput): SapError {
  return new SapError(
    409,
    'CS/600',
    `BOM ${input.material} / ${input.plant} / ${input.variant} with change number ${input.changeDocument} already exists`,
  );
}
