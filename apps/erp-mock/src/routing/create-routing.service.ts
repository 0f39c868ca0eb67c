import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ChangePointerRepository } from '../change-pointer/change-pointer.repository';
import { MaterialRepository } from '../material/material.repository';
import { ODataReader } from '../odata/odata-reader.service';
import { parseQueryOptions } from '../odata/odata-query';
import { parseODataDate, SAP_END_OF_TIME, startOfUtcDay } from '../odata/odata-values';
import { SapError } from '../odata/sap-error';
import { NewRoutingOperation, RoutingRepository } from './routing.repository';

export interface RoutingInput {
  material: string;
  plant: string;
  changeNumber: string;
  validFrom: Date;
  operations: NewRoutingOperation[];
}

const mandatory = (property: string) => new SapError(400, 'CP/002', `Property ${property} is mandatory`);

function text(body: Record<string, unknown>, property: string, required: boolean, max = 40): string | undefined {
  const value = body[property];
  if (value === undefined || value === null || value === '') {
    if (required) throw mandatory(property);
    return undefined;
  }
  if (typeof value !== 'string' || value.length > max) throw new SapError(400, 'CP/003', `Value for ${property} is invalid`);
  return value;
}

function minutes(body: Record<string, unknown>, quantity: string, unit: string): number {
  const raw = body[quantity];
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isFinite(n) || n < 0) throw new SapError(400, 'CP/030', `Value for ${quantity} is invalid`);
  const u = body[unit] ?? 'MIN';
  if (u !== 'MIN') throw new SapError(400, 'CP/031', `Unit ${String(u)} for ${quantity} is not supported; use MIN`);
  return n;
}

/** Reads the deep insert as SAP Gateway does: API field names, decimals as strings, to_Operation bare or in `results`. */
export function parseRoutingPayload(body: unknown): RoutingInput {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new SapError(400, 'CP/001', 'The request body is not a ProductionRoutingHeader entity');
  const b = body as Record<string, unknown>;
  if (b.ValidityStartDate === undefined) throw mandatory('ValidityStartDate');
  const validFrom = parseODataDate(b.ValidityStartDate);
  if (!validFrom) throw new SapError(400, 'CP/003', 'Value for ValidityStartDate is invalid');
  const nav = b.to_Operation;
  const raw = Array.isArray(nav) ? nav : Array.isArray((nav as { results?: unknown })?.results) ? (nav as { results: unknown[] }).results : undefined;
  if (!raw || raw.length === 0) throw new SapError(400, 'CP/020', 'A routing needs at least one operation (to_Operation)');
  const operations = raw.map((r, index): NewRoutingOperation => {
    if (!r || typeof r !== 'object') throw new SapError(400, 'CP/001', `Operation ${index + 1} is not a ProductionRoutingOperation entity`);
    const op = r as Record<string, unknown>;
    const operation = text(op, 'Operation', true, 4)!;
    if (!/^\d{4}$/.test(operation)) throw new SapError(400, 'CP/003', `Value for Operation is invalid: ${operation}`);
    const reference = op.OperationReferenceQuantity === undefined ? 1 : Number(op.OperationReferenceQuantity);
    if (!Number.isFinite(reference) || reference <= 0) throw new SapError(400, 'CP/030', 'Value for OperationReferenceQuantity is invalid');
    return {
      operation,
      workCenter: text(op, 'WorkCenter', true, 8)!,
      text: text(op, 'OperationText', true, 40)!,
      setupMinutes: minutes(op, 'StandardWorkQuantity1', 'StandardWorkQuantityUnit1'),
      runMinutes: minutes(op, 'StandardWorkQuantity2', 'StandardWorkQuantityUnit2'),
      referenceQuantity: reference,
    };
  });
  const duplicate = operations.find((o, i) => operations.findIndex((x) => x.operation === o.operation) !== i);
  if (duplicate) throw new SapError(400, 'CP/021', `Operation ${duplicate.operation} is used more than once`);
  return {
    material: text(b, 'Material', true)!,
    plant: text(b, 'Plant', true, 4)!,
    // Change-managed routings only: every version in this system comes from a change number.
    changeNumber: text(b, 'ChangeNumber', true)!,
    validFrom: startOfUtcDay(validFrom),
    operations: [...operations].sort((a, b2) => a.operation.localeCompare(b2.operation)),
  };
}

function keyLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * POST ProductionRoutingHeader with to_Operation: a new, change-numbered version of a material's
 * routing in a plant, valid from a date. The version valid then ends where the new one starts.
 * Work centres must exist in the plant. All of it in one transaction.
 */
@Injectable()
export class CreateRoutingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly routings: RoutingRepository,
    private readonly materials: MaterialRepository,
    private readonly reader: ODataReader,
    private readonly changePointers: ChangePointerRepository,
  ) {}

  async create(body: unknown, serviceRoot: string, servicePath: string): Promise<{ entity: { d: unknown }; location: string }> {
    const input = parseRoutingPayload(body);
    try {
      return await this.dataSource.transaction((em) => this.createIn(em, input, serviceRoot, servicePath));
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw alreadyExists(input);
      throw error;
    }
  }

  private async createIn(em: EntityManager, input: RoutingInput, serviceRoot: string, servicePath: string) {
    if (!(await this.materials.findPlantRecord(em, input.material, input.plant, true))) {
      throw new SapError(400, 'CP/014', `Material ${input.material} is not maintained in plant ${input.plant}`);
    }
    const wanted = [...new Set(input.operations.map((o) => o.workCenter))];
    const known = await this.routings.workCentersIn(em, input.plant, wanted);
    const unknown = wanted.filter((w) => !known.includes(w));
    if (unknown.length > 0) throw new SapError(400, 'CP/050', `Work center ${unknown.join(', ')} does not exist in plant ${input.plant}`);
    if (await this.routings.existsForChange(em, input.material, input.plant, input.changeNumber)) throw alreadyExists(input);
    const latest = await this.routings.latestVersion(em, input.material, input.plant);
    if (latest && input.validFrom.getTime() <= latest.validFrom.getTime()) {
      throw new SapError(
        400,
        'CP/601',
        `Valid-from date ${input.validFrom.toISOString().slice(0, 10)} must be after the start of the latest routing version (${latest.validFrom.toISOString().slice(0, 10)})`,
      );
    }
    const routingGroup = latest?.routingGroup ?? (await this.routings.nextRoutingGroup(em));
    const routing = latest?.routing ?? '1';
    const opVersion = (latest?.opVersion ?? 0) + 1;
    await this.routings.endVersionsAt(em, routingGroup, routing, input.validFrom);
    await this.routings.insertVersion(
      em,
      { routingGroup, routing, opVersion, material: input.material, plant: input.plant, changeNumber: input.changeNumber, validFrom: input.validFrom, validTo: SAP_END_OF_TIME },
      input.operations,
    );
    await this.changePointers.record(em, 'ROUTING', input.material, input.plant);
    const key = `ProductionRoutingGroup=${keyLiteral(routingGroup)},ProductionRouting=${keyLiteral(routing)},ProductionRoutingInternalVersion='${opVersion}'`;
    const entity = await this.reader.read({ serviceRoot, servicePath, resource: `ProductionRoutingHeader(${key})`, options: parseQueryOptions({ $expand: 'to_Operation' }) }, em);
    return { entity, location: (entity.d as { __metadata: { uri: string } }).__metadata.uri };
  }
}

function alreadyExists(input: RoutingInput): SapError {
  return new SapError(409, 'CP/600', `Routing of ${input.material} / ${input.plant} with change number ${input.changeNumber} already exists`);
}
