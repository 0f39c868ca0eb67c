import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

export class ReleasedItemDto {
  @ApiProperty({ example: 'PUMP-100' })
  itemNumber: string;

  @ApiProperty({ example: 'A' })
  fromRevision: string;

  @ApiProperty({ example: 'B' })
  toRevision: string;
}

export class PlantRolloutDto {
  @ApiProperty({ example: 'P1' })
  plant: string;

  @ApiProperty({ enum: ROLLOUT_STATES, example: 'COMPLETED' })
  state: RolloutState;

  @ApiPropertyOptional({ example: '2026-12-08T00:00:00.000Z', nullable: true, type: String, description: 'When the change takes effect here (after the plant\'s frozen horizon)' })
  effectiveFrom: string | null;

  @ApiPropertyOptional({ example: null, nullable: true, type: String, description: 'While waiting for the plant\'s release window: when it opens' })
  notBefore: string | null;

  @ApiPropertyOptional({ example: '2026-11-20T09:00:03.000Z', nullable: true, type: String })
  erpAppliedAt: string | null;

  @ApiPropertyOptional({ example: '2026-11-20T09:00:04.000Z', nullable: true, type: String })
  scheduledAt: string | null;

  @ApiPropertyOptional({ example: 1, nullable: true, type: Number, description: 'Late jobs after the plant re-planned' })
  lateJobs: number | null;

  @ApiPropertyOptional({ example: null, nullable: true, type: String })
  lastError: string | null;
}

export class ReleaseTransitionDto {
  @ApiPropertyOptional({ example: 'RECEIVED', nullable: true, type: String })
  from: string | null;

  @ApiProperty({ example: 'VALIDATED' })
  to: string;

  @ApiPropertyOptional({ example: 'P1', nullable: true, type: String, description: 'Plant, for a rollout transition' })
  plant: string | null;

  @ApiProperty({ example: 'system:process-api', description: 'Who or what moved it' })
  actor: string;

  @ApiProperty({ example: 'structure and effectivity checks passed' })
  reason: string;

  @ApiProperty({ example: '2026-11-20T09:00:01.000Z' })
  at: string;
}

/** The governed release of one engineering change into production, across its target plants. */
export class EngineeringReleaseDto {
  @ApiProperty({ example: '2b1c9a9e-8f0c-4a57-9f69-2f8e0e4f7d11' })
  id: string;

  @ApiProperty({ example: 'ECN-000042' })
  changeNumber: string;

  @ApiProperty({ example: 'Replace obsolete shaft seal' })
  title: string;

  @ApiProperty({ enum: RELEASE_STATES, example: 'COMPLETED' })
  state: ReleaseState;

  @ApiPropertyOptional({ example: null, nullable: true, type: String, description: 'Why the release failed or was rejected' })
  failureReason: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: Object,
    description: 'For a rejected release: the RFC 9457 problem naming the rule (code) and the object',
    example: { type: 'https://threadline.dev/problems/release-revision-conflict', title: 'Engineering release rejected', status: 422, code: 'RELEASE_REVISION_CONFLICT', detail: 'P2 builds PUMP-100 rev A, the change starts from B', object: 'P2/PUMP-100' },
  })
  rejection: Record<string, unknown> | null;

  @ApiPropertyOptional({ example: 'auto-apply', nullable: true, type: String, description: 'What the governance policy decided, and why' })
  governance: string | null;

  @ApiProperty({ type: [PlantImpactDto], description: 'Change impact per target plant, assessed before anything was applied' })
  impact: PlantImpactDto[];

  @ApiProperty({ type: [ApprovalDto] })
  approvals: ApprovalDto[];

  @ApiProperty({ example: '2026-12-01T00:00:00.000Z' })
  effectiveFrom: string;

  @ApiProperty({ type: [String], example: ['P1', 'P2', 'P3'] })
  targetPlants: string[];

  @ApiProperty({ type: [ReleasedItemDto] })
  items: ReleasedItemDto[];

  @ApiProperty({ type: [PlantRolloutDto] })
  rollouts: PlantRolloutDto[];

  @ApiProperty({ type: [ReleaseTransitionDto] })
  history: ReleaseTransitionDto[];

  @ApiProperty({ example: '2026-11-20T09:00:00.500Z' })
  createdAt: string;

  @ApiProperty({ example: '2026-11-20T09:00:04.000Z' })
  updatedAt: string;
}

export class PlantAdoptionDto {
  @ApiProperty({ example: 'P1' })
  plant: string;

  @ApiProperty({ example: true })
  adopted: boolean;

  @ApiPropertyOptional({ example: '2026-11-20T09:00:04.000Z', nullable: true, type: String })
  adoptedAt: string | null;

  @ApiPropertyOptional({ example: '2026-11-27T00:00:00.000Z', nullable: true, type: String, description: 'When the new revision takes effect in the plant' })
  effectiveFrom: string | null;

  @ApiProperty({ type: [String], example: ['1000002', '1000003'], description: 'Open work orders on the old revision, flagged for review' })
  impactedWorkOrders: string[];

  @ApiProperty({ example: 2, description: 'Late jobs after the plant re-planned' })
  lateJobs: number;
}

/** How far one change has reached the plants: the dashboard's revision adoption row. */
export class RevisionAdoptionDto {
  @ApiProperty({ example: 'ECN-000042' })
  changeNumber: string;

  @ApiProperty({ example: '2b1c9a9e-8f0c-4a57-9f69-2f8e0e4f7d11' })
  releaseId: string;

  @ApiProperty({ example: 'Replace obsolete shaft seal' })
  title: string;

  @ApiProperty({ type: [ReleasedItemDto] })
  items: ReleasedItemDto[];

  @ApiProperty({ example: 3 })
  plantsAdopted: number;

  @ApiProperty({ example: 3 })
  plantsTotal: number;

  @ApiProperty({ example: 'COMPLETED' })
  releaseState: string;

  @ApiProperty({ type: [PlantAdoptionDto] })
  plants: PlantAdoptionDto[];

  @ApiProperty({ example: '2026-11-20T09:00:04.000Z' })
  updatedAt: string;
}
