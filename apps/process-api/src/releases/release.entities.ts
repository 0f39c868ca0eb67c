import { PROCESS_SCHEMA } from '../process-api.schema';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { BomLineDto, EngineeringChangeDto, PlantImpactDto, ReleasedItemDto, ReleaseState, RolloutState, Unit } from '@threadline/canonical';

/**
 * A rollout's state as stored: the API's states, and STALLED while its step is a dead letter (the
 * API shows the state it stalled in, with `stalled` set).
 */
export type RolloutRowState = RolloutState | 'STALLED';

/** The new revision's BOM per affected item, read from PLM when the release is validated. */
/** What PLM's item master says of a component: null when PLM does not know it. */
export type ComponentFacts = { unit: Unit; sourcing: 'make' | 'buy' } | null;

/**
 * The new revisions' BOMs, by item, as read from PLM at validation; `components` (absent in
 * releases recorded before it existed) keeps each component's item facts, read once per release.
 */
export type ReleaseBoms = Record<string, { revision: string; lines: BomLineDto[]; components?: Record<string, ComponentFacts> }>;

@Entity({ schema: PROCESS_SCHEMA, name: 'engineering_releases' })
export class EngineeringReleaseEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'change_number', type: 'text' })
  changeNumber: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  state: ReleaseState;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason: string | null;

  @Column({ name: 'failure_code', type: 'text', nullable: true })
  failureCode: string | null;

  @Column({ name: 'effective_from', type: 'timestamptz' })
  effectiveFrom: Date;

  @Column({ name: 'target_plants', type: 'text', array: true })
  targetPlants: string[];

  @Column({ type: 'jsonb' })
  items: ReleasedItemDto[];

  @Column({ type: 'jsonb' })
  change: EngineeringChangeDto;

  @Column({ type: 'jsonb', nullable: true })
  boms: ReleaseBoms | null;

  /** For a rejected release: the problem document naming the rule and the object. */
  @Column({ type: 'jsonb', nullable: true })
  rejection: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  impact: PlantImpactDto[] | null;

  @Column({ type: 'text', nullable: true })
  governance: string | null;

  /** The dead letter that holds the release's next step, while it does. */
  @Column({ name: 'stalled_dead_letter_id', type: 'uuid', nullable: true })
  stalledDeadLetterId: string | null;

  @Column({ name: 'stalled_reason', type: 'text', nullable: true })
  stalledReason: string | null;

  @Column({ name: 'stalled_at', type: 'timestamptz', nullable: true })
  stalledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ schema: PROCESS_SCHEMA, name: 'plant_rollouts' })
export class PlantRolloutEntity {
  @PrimaryColumn('uuid', { name: 'release_id' })
  releaseId: string;

  @PrimaryColumn({ type: 'text' })
  plant: string;

  @Column({ type: 'text' })
  state: RolloutRowState;

  @Column({ name: 'erp_applied_at', type: 'timestamptz', nullable: true })
  erpAppliedAt: Date | null;

  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true })
  scheduledAt: Date | null;

  @Column({ name: 'effective_from', type: 'timestamptz', nullable: true })
  effectiveFrom: Date | null;

  @Column({ name: 'not_before', type: 'timestamptz', nullable: true })
  notBefore: Date | null;

  @Column({ name: 'late_jobs', type: 'integer', nullable: true })
  lateJobs: number | null;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** While STALLED: the state a replay of its dead letter resumes. */
  @Column({ name: 'stalled_from', type: 'text', nullable: true })
  stalledFrom: RolloutState | null;

  /** While STALLED: the dead letter that holds the rollout's step. */
  @Column({ name: 'dead_letter_id', type: 'uuid', nullable: true })
  deadLetterId: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ schema: PROCESS_SCHEMA, name: 'release_transitions' })
export class ReleaseTransitionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'release_id' })
  releaseId: string;

  @Column({ type: 'text', nullable: true })
  plant: string | null;

  @Column({ name: 'from_state', type: 'text', nullable: true })
  fromState: string | null;

  @Column({ name: 'to_state', type: 'text' })
  toState: string;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}

@Entity({ schema: PROCESS_SCHEMA, name: 'release_approvals' })
export class ReleaseApprovalEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'release_id' })
  releaseId: string;

  @Column({ type: 'text' })
  approver: string;

  @Column({ name: 'client_id', type: 'text' })
  clientId: string;

  @Column({ type: 'text' })
  decision: 'approve' | 'reject';

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}

export const PROCESS_ENTITIES = [EngineeringReleaseEntity, PlantRolloutEntity, ReleaseTransitionEntity, ReleaseApprovalEntity];
