import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FIELD_LIMITS, LIST_LIMITS } from '../field-limits';
import { ApprovalDto } from './approval.dto';
import { PlantImpactDto } from './change-impact.dto';

export const RELEASE_STATES = [
  'RECEIVED',
  'VALIDATED',
  'IMPACT_ASSESSED',
  'AWAITING_APPROVAL',
  'APPROVED',
  'ROLLING_OUT',
  'COMPLETED',
  'REJECTED',
  'FAILED',
] as const;
export type ReleaseState = (typeof RELEASE_STATES)[number];
export const ROLLOUT_STATES = ['PENDING', 'WAITING_FOR_WINDOW', 'ERP_APPLIED', 'COMPLETED', 'FAILED'] as const;
export type RolloutState = (typeof ROLLOUT_STATES)[number];

/** Stalls (a dead letter, then its replay) per plant that a release's history holds in full. */
export const HISTORY_STALLS_PER_PLANT = 5;

/**
 * The most transitions a release's history shows: its states and each rollout's only move forward
 * (every move is guarded by the state it leaves), so the release enters each of its states after
 * RECEIVED at most once and each rollout each of its states after PENDING at most once, plus a
 * stall and its replay a few times per plant. A history longer than that (an operator replayed one
 * plant's step over and over) shows its latest transitions, with `historyTotal` counting all.
 */
export const MAX_RELEASE_TRANSITIONS =
  RELEASE_STATES.length - 1 + LIST_LIMITS.targetPlants * (ROLLOUT_STATES.length - 1) + LIST_LIMITS.targetPlants * HISTORY_STALLS_PER_PLANT * 2;

export class ReleasedItemDto {
  @ApiProperty({ example: 'PUMP-100', maxLength: FIELD_LIMITS.itemNumber })
  itemNumber: string;

  @ApiProperty({ example: 'A', maxLength: FIELD_LIMITS.revision })
  fromRevision: string;

  @ApiProperty({ example: 'B', maxLength: FIELD_LIMITS.revision })
  toRevision: string;
}

/** A step that became a dead letter: which one, why, since when. */
export class StalledStepDto {
  @ApiProperty({ example: '0f8a1c2e-4b5d-4e6f-8a9b-0c1d2e3f4a5b', format: 'uuid', maxLength: FIELD_LIMITS.uuid })
  deadLetterId: string;

  @ApiProperty({ example: 'BACKEND_REJECTED: plm-system-api answered 422: ...', maxLength: FIELD_LIMITS.message })
  reason: string;

  @ApiProperty({ example: '2026-11-20T09:00:03.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  since: string;
}

export class PlantRolloutDto {
  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ enum: ROLLOUT_STATES, example: 'COMPLETED' })
  state: RolloutState;

  @ApiPropertyOptional({ example: '2026-12-08T00:00:00.000Z', nullable: true, type: String, description: 'When the change takes effect here (after the plant\'s frozen horizon)', maxLength: FIELD_LIMITS.isoDateTime })
  effectiveFrom: string | null;

  @ApiPropertyOptional({ example: null, nullable: true, type: String, description: 'While waiting for the plant\'s release window: when it opens', maxLength: FIELD_LIMITS.isoDateTime })
  notBefore: string | null;

  @ApiPropertyOptional({ example: '2026-11-20T09:00:03.000Z', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDateTime })
  erpAppliedAt: string | null;

  @ApiPropertyOptional({ example: '2026-11-20T09:00:04.000Z', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDateTime })
  scheduledAt: string | null;

  @ApiPropertyOptional({ example: 1, nullable: true, type: Number, description: 'Late jobs after the plant re-planned' })
  lateJobs: number | null;

  @ApiPropertyOptional({ example: null, nullable: true, type: String, maxLength: FIELD_LIMITS.message })
  lastError: string | null;

  @ApiPropertyOptional({
    type: () => StalledStepDto,
    description:
      "Present while the rollout is STALLED: its step is a dead letter (GET /v1/dead-letters/{deadLetterId}); `state` is the state it stalled in, which a replay resumes. The history shows the move to STALLED and back.",
  })
  stalled?: StalledStepDto;
}

export class ReleaseTransitionDto {
  @ApiPropertyOptional({ example: 'RECEIVED', nullable: true, type: String, maxLength: FIELD_LIMITS.shortCode })
  from: string | null;

  @ApiProperty({ example: 'VALIDATED', maxLength: FIELD_LIMITS.shortCode })
  to: string;

  @ApiPropertyOptional({ example: 'P1', nullable: true, type: String, description: 'Plant, for a rollout transition', maxLength: FIELD_LIMITS.plantCode })
  plant: string | null;

  @ApiProperty({ example: 'system:process-api', description: 'Who or what moved it', maxLength: FIELD_LIMITS.actor })
  actor: string;

  @ApiProperty({ example: 'structure and effectivity checks passed', maxLength: FIELD_LIMITS.message })
  reason: string;

  @ApiProperty({ example: '2026-11-20T09:00:01.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  at: string;
}

/** The governed release of one engineering change into production, across its target plants. */
export class EngineeringReleaseDto {
  @ApiProperty({ example: '2b1c9a9e-8f0c-4a57-9f69-2f8e0e4f7d11', maxLength: FIELD_LIMITS.uuid })
  id: string;

  @ApiProperty({ example: 'ECN-000042', maxLength: FIELD_LIMITS.changeNumber })
  changeNumber: string;

  @ApiProperty({ example: 'Replace obsolete shaft seal', maxLength: FIELD_LIMITS.name })
  title: string;

  @ApiProperty({ enum: RELEASE_STATES, example: 'COMPLETED' })
  state: ReleaseState;

  @ApiPropertyOptional({ example: null, nullable: true, type: String, description: 'Why the release failed or was rejected', maxLength: FIELD_LIMITS.message })
  failureReason: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: Object,
    description: 'For a rejected release: the RFC 9457 problem naming the rule (code) and the object',
    example: { type: 'https://threadline.dev/problems/release-revision-conflict', title: 'Engineering release rejected', status: 422, code: 'RELEASE_REVISION_CONFLICT', detail: 'P2 builds PUMP-100 rev A, the change starts from B', object: 'P2/PUMP-100' },
  })
  rejection: Record<string, unknown> | null;

  @ApiPropertyOptional({ example: 'auto-apply', nullable: true, type: String, description: 'What the governance policy decided, and why', maxLength: FIELD_LIMITS.message })
  governance: string | null;

  @ApiProperty({ type: [PlantImpactDto], description: 'Change impact per target plant, assessed before anything was applied', maxItems: LIST_LIMITS.targetPlants })
  impact: PlantImpactDto[];

  // The first decision ends AWAITING_APPROVAL (approved or rejected), and a decision needs that state.
  @ApiProperty({ type: [ApprovalDto], maxItems: 1 })
  approvals: ApprovalDto[];

  @ApiProperty({ example: '2026-12-01T00:00:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  effectiveFrom: string;

  @ApiProperty({ type: 'array', items: { type: 'string', maxLength: FIELD_LIMITS.plantCode }, maxItems: LIST_LIMITS.targetPlants, example: ['P1', 'P2', 'P3'] })
  targetPlants: string[];

  @ApiProperty({ type: [ReleasedItemDto], maxItems: LIST_LIMITS.affectedItems })
  items: ReleasedItemDto[];

  // One per target plant.
  @ApiProperty({ type: [PlantRolloutDto], maxItems: LIST_LIMITS.targetPlants })
  rollouts: PlantRolloutDto[];

  @ApiProperty({ type: [ReleaseTransitionDto], maxItems: MAX_RELEASE_TRANSITIONS })
  history: ReleaseTransitionDto[];

  @ApiPropertyOptional({ example: 9, type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647, description: 'Transitions in all, when the history shows only its latest' })
  historyTotal?: number;

  @ApiPropertyOptional({ type: () => StalledStepDto, description: "Present while the release's next step (validation, impact) is a dead letter" })
  stalled?: StalledStepDto;

  @ApiProperty({ example: '2026-11-20T09:00:00.500Z', maxLength: FIELD_LIMITS.isoDateTime })
  createdAt: string;

  @ApiProperty({ example: '2026-11-20T09:00:04.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  updatedAt: string;
}

export class PlantAdoptionDto {
  @ApiProperty({ example: 'P1', maxLength: FIELD_LIMITS.plantCode })
  plant: string;

  @ApiProperty({ example: true })
  adopted: boolean;

  @ApiPropertyOptional({ example: '2026-11-20T09:00:04.000Z', nullable: true, type: String, maxLength: FIELD_LIMITS.isoDateTime })
  adoptedAt: string | null;

  @ApiPropertyOptional({ example: '2026-11-27T00:00:00.000Z', nullable: true, type: String, description: 'When the new revision takes effect in the plant', maxLength: FIELD_LIMITS.isoDateTime })
  effectiveFrom: string | null;

  // What the release's change impact listed (WorkOrderImpactDto.numbers, capped the same); experience-api cuts older, longer lists too.
  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: FIELD_LIMITS.workOrderNumber },
    maxItems: LIST_LIMITS.impactWorkOrderNumbers,
    example: ['1000002', '1000003'],
    description: `Open work orders on the old revision, flagged for review: the first ${LIST_LIMITS.impactWorkOrderNumbers} by number; the release's impact in the process API counts them all in workOrders.total`,
  })
  impactedWorkOrders: string[];

  @ApiProperty({ example: 2, description: 'Late jobs after the plant re-planned' })
  lateJobs: number;
}

/** How far one change has reached the plants: the dashboard's revision adoption row. */
export class RevisionAdoptionDto {
  @ApiProperty({ example: 'ECN-000042', maxLength: FIELD_LIMITS.changeNumber })
  changeNumber: string;

  @ApiProperty({ example: '2b1c9a9e-8f0c-4a57-9f69-2f8e0e4f7d11', maxLength: FIELD_LIMITS.uuid })
  releaseId: string;

  @ApiProperty({ example: 'Replace obsolete shaft seal', maxLength: FIELD_LIMITS.name })
  title: string;

  @ApiProperty({ type: [ReleasedItemDto], maxItems: LIST_LIMITS.affectedItems })
  items: ReleasedItemDto[];

  @ApiProperty({ example: 3 })
  plantsAdopted: number;

  @ApiProperty({ example: 3 })
  plantsTotal: number;

  @ApiProperty({ example: 'COMPLETED', maxLength: FIELD_LIMITS.shortCode })
  releaseState: string;

  // The change's target plants (a plant heard from is one of them).
  @ApiProperty({ type: [PlantAdoptionDto], maxItems: LIST_LIMITS.targetPlants })
  plants: PlantAdoptionDto[];

  @ApiProperty({ example: '2026-11-20T09:00:04.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  updatedAt: string;
}
