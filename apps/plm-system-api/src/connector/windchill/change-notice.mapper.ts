import {
  BomChangeDto,
  ChangeApprovalDto,
  CreateEngineeringChangeDto,
  EffectivityDto,
  EngineeringChangeDto,
  RecordChangeApprovalDto,
} from '@threadline/canonical';
import { WindchillBomChange, WindchillChangeNotice, WindchillChangeNoticeInput, WindchillRecordReviewInput, WindchillReview } from './windchill.types';
import { operationChangeFromCanonical, operationChangeToCanonical } from './process-plan.mapper';
import { WindchillChangeState, WindchillDisposition, WindchillEffectivityType, WindchillPriority, WindchillUnit, WindchillVote } from './windchill-values';

const ACTIONS = { Add: 'add', Remove: 'remove', Replace: 'replace' } as const;
const NATIVE_ACTIONS = { add: 'Add', remove: 'Remove', replace: 'Replace' } as const;

function bomChangeToCanonical(change: WindchillBomChange): BomChangeDto {
  return {
    action: ACTIONS[change.Action],
    componentNumber: change.ComponentNumber,
    ...(change.ReplacementNumber ? { replacementNumber: change.ReplacementNumber } : {}),
    ...(change.Quantity != null ? { quantity: change.Quantity } : {}),
    ...(change.Unit ? { unit: WindchillUnit.toCanonical(change.Unit.Value) } : {}),
  };
}

function bomChangeFromCanonical(change: BomChangeDto): WindchillBomChange {
  return {
    Action: NATIVE_ACTIONS[change.action],
    ComponentNumber: change.componentNumber,
    ReplacementNumber: change.replacementNumber ?? null,
    Quantity: change.quantity ?? null,
    Unit: change.unit ? { Value: WindchillUnit.fromCanonical(change.unit) } : null,
  };
}

function iso(value: string): string {
  return new Date(value).toISOString();
}

/** NeedDate is the start for every kind; the serial range or the lots qualify it. */
function effectivityToCanonical(notice: WindchillChangeNotice): EffectivityDto {
  const type = WindchillEffectivityType.toCanonical(notice.EffectivityType?.Value ?? 'DATE');
  const startDate = iso(notice.NeedDate);
  if (type === 'serial') {
    const range = notice.SerialNumberRange;
    return { type, startDate, ...(range?.Start ? { serialFrom: range.Start } : {}), ...(range?.End ? { serialTo: range.End } : {}) };
  }
  if (type === 'lot') return { type, startDate, lots: notice.LotNumbers ?? [] };
  return { type, startDate };
}

function effectivityFromCanonical(effectivity: EffectivityDto): Pick<WindchillChangeNoticeInput, 'NeedDate' | 'EffectivityType' | 'SerialNumberRange' | 'LotNumbers'> {
  return {
    NeedDate: iso(effectivity.startDate),
    EffectivityType: { Value: WindchillEffectivityType.fromCanonical(effectivity.type) },
    SerialNumberRange: effectivity.type === 'serial' ? { Start: effectivity.serialFrom!, End: effectivity.serialTo ?? null } : null,
    LotNumbers: effectivity.type === 'lot' ? (effectivity.lots ?? []) : null,
  };
}

function reviewToCanonical(review: WindchillReview): ChangeApprovalDto {
  return {
    role: review.Role,
    approver: review.Reviewer,
    decision: WindchillVote.toCanonical(review.Vote.Value),
    comment: review.Comments ?? null,
    decidedAt: iso(review.VotedOn),
  };
}

/** An approver's decision as the body of PTC.ChangeMgmt.RecordReview; the approver is who the caller's token names. */
export function reviewFromCanonical(approval: RecordChangeApprovalDto, approver: string): WindchillRecordReviewInput {
  return {
    Role: approval.role,
    Reviewer: approver,
    Vote: { Value: WindchillVote.fromCanonical(approval.decision) },
    Comments: approval.comment ?? null,
  };
}

/**
 * A Windchill change notice as a canonical engineering change. Windchill splits disposition by
 * where the material is (on order, in WIP, finished stock); Threadline keeps one per affected
 * item, and takes the finished-stock one, since that is the material a use-up consumes first.
 */
export function toCanonical(notice: WindchillChangeNotice): EngineeringChangeDto {
  return {
    number: notice.Number,
    title: notice.Name,
    description: notice.Description ?? null,
    state: WindchillChangeState.toCanonical(notice.State.Value),
    priority: WindchillPriority.toCanonical(notice.Priority.Value),
    targetPlants: notice.TargetPlants.split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    effectivity: effectivityToCanonical(notice),
    affectedItems: notice.AffectedObjects.filter((a) => a.FromVersion).map((a) => ({
      itemNumber: a.Number,
      fromRevision: a.FromVersion!,
      toRevision: a.ToVersion,
      disposition: WindchillDisposition.toCanonical(a.FinishedDisposition!.Value),
      bomChanges: a.BOMChanges.map(bomChangeToCanonical),
      ...(a.OperationChanges?.length ? { operationChanges: a.OperationChanges.map(operationChangeToCanonical) } : {}),
    })),
    // Lines without a FromVersion release a new part's first version as it is.
    newItems: notice.AffectedObjects.filter((a) => !a.FromVersion).map((a) => ({ itemNumber: a.Number, revision: a.ToVersion })),
    createdAt: iso(notice.CreatedOn),
    releasedAt: notice.ResolutionDate ? iso(notice.ResolutionDate) : null,
    requiredApprovals: notice.ReviewRoles ?? [],
    approvals: (notice.Reviews ?? []).map(reviewToCanonical),
  };
}

/** A canonical change request as the body of POST ChangeNotices; one disposition fills all three. */
export function fromCanonical(change: CreateEngineeringChangeDto): WindchillChangeNoticeInput {
  return {
    Name: change.title,
    Description: change.description ?? null,
    Priority: { Value: WindchillPriority.fromCanonical(change.priority ?? 'normal') },
    ...effectivityFromCanonical(change.effectivity),
    ReviewRoles: change.requiredApprovals ?? [],
    TargetPlants: change.targetPlants.join(','),
    AffectedObjects: [
      ...(change.newItems ?? []).map((n) => ({
        Number: n.itemNumber,
        FromVersion: null,
        ToVersion: n.revision,
        OnOrderDisposition: null,
        WIPDisposition: null,
        FinishedDisposition: null,
        BOMChanges: [],
      })),
      ...change.affectedItems.map((a) => {
        const disposition = { Value: WindchillDisposition.fromCanonical(a.disposition) };
        return {
          Number: a.itemNumber,
          FromVersion: a.fromRevision,
          ToVersion: a.toRevision,
          OnOrderDisposition: disposition,
          WIPDisposition: disposition,
          FinishedDisposition: disposition,
          BOMChanges: a.bomChanges.map(bomChangeFromCanonical),
          ...(a.operationChanges?.length ? { OperationChanges: a.operationChanges.map(operationChangeFromCanonical) } : {}),
        };
      }),
    ],
  };
}
