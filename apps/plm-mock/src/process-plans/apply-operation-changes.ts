import { ODataError } from '../odata/odata-error';
import type { StoredOperationChange } from './operation-change.dto';
import type { PlanOperation } from './process-plan.odata';

function refuse(message: string): ODataError {
  return new ODataError(400, 'InvalidOperationChange', message);
}

/**
 * The new version's operations: the old plan's with the redlines applied in order, sorted by
 * operation number. Pure; refuses what Windchill refuses (an Add of an existing number, an Add
 * without all its fields, an Update or Remove of a missing one, a plan left without operations).
 */
export function applyOperationChanges(label: string, operations: PlanOperation[], changes: StoredOperationChange[]): PlanOperation[] {
  const plan = new Map(operations.map((o) => [o.operationNumber, { ...o }]));
  for (const c of changes) {
    const existing = plan.get(c.operationNumber);
    if (c.action === 'Add') {
      if (existing) throw refuse(`${label}: operation ${c.operationNumber} already exists`);
      if (c.label === null || c.workCenter === null || c.setupTime === null || c.runTime === null) {
        throw refuse(`${label}: adding operation ${c.operationNumber} needs Label, WorkCenter, SetupTime and RunTime`);
      }
      plan.set(c.operationNumber, { operationNumber: c.operationNumber, label: c.label, workCenter: c.workCenter, setupTime: c.setupTime, runTime: c.runTime });
      continue;
    }
    if (!existing) throw refuse(`${label}: the process plan has no operation ${c.operationNumber}`);
    if (c.action === 'Remove') {
      plan.delete(c.operationNumber);
      continue;
    }
    plan.set(c.operationNumber, {
      ...existing,
      label: c.label ?? existing.label,
      workCenter: c.workCenter ?? existing.workCenter,
      setupTime: c.setupTime ?? existing.setupTime,
      runTime: c.runTime ?? existing.runTime,
    });
  }
  if (plan.size === 0) throw refuse(`${label}: the process plan would have no operations`);
  return [...plan.values()].sort((a, b) => a.operationNumber.localeCompare(b.operationNumber));
}
