import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ODataError } from '../odata/odata-error';
import { applyOperationChanges } from './apply-operation-changes';
import type { StoredOperationChange } from './operation-change.dto';
import { PlanOperation, ProcessPlanOperationRow } from './process-plan.odata';
import { ProcessPlanRepository } from './process-plan.repository';

function toPlanOperation(row: ProcessPlanOperationRow): PlanOperation {
  return { operationNumber: row.operation_number, label: row.label, workCenter: row.work_center, setupTime: Number(row.setup_time), runTime: Number(row.run_time) };
}

@Injectable()
export class ProcessPlanService {
  constructor(@Inject(ProcessPlanRepository) private readonly plans: ProcessPlanRepository) {}

  /**
   * Part of a change notice's release (same transaction as the new part version): the new
   * version's plan is the old version's with the notice's operation redlines applied, released by
   * the notice; the old plan is superseded. A part without a plan stays without one, unless the
   * notice redlines operations (refused: there is nothing to redline).
   */
  async revise(
    em: EntityManager,
    line: { partNumber: string; fromVersion: string; toVersion: string; changes: StoredOperationChange[]; noticeNumber: string },
  ): Promise<void> {
    const label = `${line.partNumber} ${line.fromVersion}`;
    const from = await this.plans.findByPart(em, line.partNumber, line.fromVersion);
    if (!from) {
      if (line.changes.length > 0) throw new ODataError(400, 'InvalidOperationChange', `${label} has no process plan to redline`);
      return;
    }
    const operations = applyOperationChanges(label, (await this.plans.operations([from.id], em)).map(toPlanOperation), line.changes);
    await this.plans.insertPlan(
      em,
      { number: from.number, name: from.name, partNumber: line.partNumber, partVersion: line.toVersion, state: 'RELEASED', releasedBy: line.noticeNumber },
      operations,
    );
    await this.plans.setState(em, from.id, 'SUPERSEDED');
  }
}
