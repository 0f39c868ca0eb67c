import { AppError, defineErrorCodes } from '@threadline/platform';
import { ExceptionKind, ExceptionSeverity, ScheduleExceptionDto } from '@threadline/canonical';
import { FreppleProblem, FreppleProblemDelivery, FreppleProblemName } from '../connector/frepple-records';
import { fromFreppleDateTime } from '../connector/frepple-wire';
import { FreppleMappingError } from '../connector/frepple-mapping.error';

const TO_KIND: Record<FreppleProblemName, ExceptionKind> = {
  late: 'delay',
  'material shortage': 'material-shortage',
  overload: 'resource-overload',
  'quality hold': 'quality-hold',
};

/** Source of the scheduler's orders loaded from ERP: their reference is the ERP work order number. */
export const ERP_ORDER_SOURCE = 'erp-load';

export function kindToCanonical(name: string): ExceptionKind | undefined {
  return TO_KIND[name as FreppleProblemName];
}

export function kindFromCanonical(kind: ExceptionKind): FreppleProblemName {
  const found = (Object.entries(TO_KIND) as Array<[FreppleProblemName, ExceptionKind]>).find(([, k]) => k === kind);
  if (!found) throw new Error(`unknown exception kind '${kind}'`);
  return found[0];
}

/**
 * How serious an exception is: a quality hold or a missing material stops the job (high); a
 * delay by how late (2 days and more: high, a shift and more: medium); a queue in front of a
 * resource is medium from a day on.
 */
export function severityOf(kind: ExceptionKind, weight: number): ExceptionSeverity {
  switch (kind) {
    case 'quality-hold':
    case 'material-shortage':
      return 'high';
    case 'delay':
      return weight >= 48 ? 'high' : weight >= 8 ? 'medium' : 'low';
    case 'resource-overload':
      return weight >= 24 ? 'medium' : 'low';
  }
}

export function toCanonical(problem: FreppleProblem, plant: string): ScheduleExceptionDto {
  const kind = kindToCanonical(problem.name);
  if (!kind) throw new FreppleMappingError(`unknown frePPLe problem '${problem.name}'`, problem.name);
  return {
    id: problem.id,
    plant,
    kind,
    severity: severityOf(kind, problem.weight ?? 0),
    jobId: problem.owner,
    workOrderNumber: problem.operationplan_source === ERP_ORDER_SOURCE ? problem.owner : null,
    itemNumber: problem.item ?? '',
    resourceId: problem.resource ?? null,
    detail: problem.description,
    lateHours: kind === 'delay' ? problem.weight : null,
    raisedAt: fromFreppleDateTime(problem.created)!,
  };
}

export const SCHEDULER_WEBHOOK_ERRORS = defineErrorCodes({
  INVALID_WEBHOOK_PAYLOAD: { status: 400, title: 'Invalid webhook payload', description: 'Correctly signed, but not a problem delivery this API understands' },
});

export class InvalidWebhookPayloadError extends AppError<keyof typeof SCHEDULER_WEBHOOK_ERRORS> {
  constructor(detail: string) {
    super('INVALID_WEBHOOK_PAYLOAD', detail);
  }
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 2000;
const isOptionalText = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && v.length <= 2000);

/**
 * Reads a problem delivery tolerantly: the fields used must be there and well-formed; fields
 * this API does not use are ignored, so the scheduler may add some without breaking it.
 */
export function readProblemDelivery(body: unknown): FreppleProblemDelivery {
  const b = (body ?? {}) as Partial<FreppleProblemDelivery>;
  const p = (b.problem ?? {}) as Partial<FreppleProblem>;
  const errors: string[] = [];
  if (b.event !== 'problem') errors.push("event: must be 'problem'");
  if (typeof b.plant !== 'string' || !/^[A-Z0-9]{1,8}$/.test(b.plant)) errors.push('plant: a plant code');
  if (!b.problem || typeof b.problem !== 'object') errors.push('problem: an object');
  else {
    if (!isText(p.id) || p.id.length > 64) errors.push('problem.id: text');
    if (!isText(p.name) || !kindToCanonical(p.name)) errors.push(`problem.name: one of ${Object.keys(TO_KIND).join(', ')}`);
    if (!isText(p.owner) || p.owner.length > 64) errors.push('problem.owner: text');
    if (!isText(p.description)) errors.push('problem.description: text');
    if (typeof p.weight !== 'number' || !Number.isFinite(p.weight)) errors.push('problem.weight: a number');
    if (!isOptionalText(p.item) || !isOptionalText(p.resource) || !isOptionalText(p.operationplan_source)) errors.push('problem.item, resource, operationplan_source: text or null');
    try {
      if (!fromFreppleDateTime(p.created)) errors.push('problem.created: a datetime');
    } catch {
      errors.push('problem.created: a datetime');
    }
  }
  if (errors.length > 0) throw new InvalidWebhookPayloadError(errors.join('; '));
  return b as FreppleProblemDelivery;
}
