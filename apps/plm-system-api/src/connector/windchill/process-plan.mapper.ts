import { OperationChangeDto, RoutingDto } from '@threadline/canonical';
import { WindchillError } from './windchill-errors';
import { WindchillOperationChange, WindchillProcessPlan } from './windchill.types';

const ACTIONS = { Add: 'add', Remove: 'remove', Update: 'update' } as const;
const NATIVE_ACTIONS = { add: 'Add', remove: 'Remove', update: 'Update' } as const;

/** MPMLink numbers operations 0010, 0020, ...; the canonical sequence is the number (10, 20, ...). */
function sequenceOf(operationNumber: string): number {
  const sequence = Number(operationNumber);
  if (!Number.isInteger(sequence) || sequence < 1) throw new WindchillError('PLM_UNMAPPED_VALUE', `OperationNumber '${operationNumber}' is not a position 1..9999`, { backend: 'PLM', property: 'OperationNumber', value: operationNumber });
  return sequence;
}

function operationNumberOf(sequence: number): string {
  return String(sequence).padStart(4, '0');
}

/** Minutes per unit of a time Windchill gives in its unit (this Windchill plans in minutes; hours are converted). */
function minutes(value: number, unit: string): number {
  if (unit === 'min') return value;
  if (unit === 'h') return value * 60;
  throw new WindchillError('PLM_UNMAPPED_VALUE', `TimeUnit '${unit}' has no canonical equivalent`, { backend: 'PLM', property: 'TimeUnit', value: unit });
}

/** A process plan (MPMProcessPlan with its MPMOperations) as the canonical routing of the part version. */
export function routingToCanonical(plan: WindchillProcessPlan): RoutingDto {
  return {
    itemNumber: plan.PartNumber,
    revision: plan.PartVersion,
    operations: (plan.Operations ?? [])
      .map((o) => ({
        sequence: sequenceOf(o.OperationNumber),
        description: o.Label,
        workCenter: o.WorkCenter,
        setupMinutes: minutes(o.SetupTime, o.TimeUnit.Value),
        runMinutesPerUnit: minutes(o.RunTime, o.TimeUnit.Value),
      }))
      .sort((a, b) => a.sequence - b.sequence),
  };
}

export function operationChangeToCanonical(change: WindchillOperationChange): OperationChangeDto {
  return {
    action: ACTIONS[change.Action],
    sequence: sequenceOf(change.OperationNumber),
    ...(change.Label !== null ? { description: change.Label } : {}),
    ...(change.WorkCenter !== null ? { workCenter: change.WorkCenter } : {}),
    ...(change.SetupTime !== null ? { setupMinutes: change.SetupTime } : {}),
    ...(change.RunTime !== null ? { runMinutesPerUnit: change.RunTime } : {}),
  };
}

export function operationChangeFromCanonical(change: OperationChangeDto): WindchillOperationChange {
  return {
    Action: NATIVE_ACTIONS[change.action],
    OperationNumber: operationNumberOf(change.sequence),
    Label: change.description ?? null,
    WorkCenter: change.workCenter ?? null,
    SetupTime: change.setupMinutes ?? null,
    RunTime: change.runMinutesPerUnit ?? null,
  };
}
