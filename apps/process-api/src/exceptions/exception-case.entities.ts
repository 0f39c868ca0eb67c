import { PROCESS_SCHEMA } from '../process-api.schema';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ExceptionCaseState, ExceptionKind, ExceptionOwner, ExceptionSeverity } from '@threadline/canonical';

@Entity({ schema: PROCESS_SCHEMA, name: 'exception_cases' })
export class ExceptionCaseEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  plant: string;

  @Column({ name: 'source_exception_id', type: 'text' })
  sourceExceptionId: string;

  @Column({ type: 'text' })
  kind: ExceptionKind;

  @Column({ type: 'text' })
  severity: ExceptionSeverity;

  @Column({ type: 'text' })
  state: ExceptionCaseState;

  @Column({ type: 'text' })
  owner: ExceptionOwner;

  @Column({ name: 'job_id', type: 'text' })
  jobId: string;

  @Column({ name: 'work_order_number', type: 'text', nullable: true })
  workOrderNumber: string | null;

  @Column({ name: 'item_number', type: 'text' })
  itemNumber: string;

  @Column({ name: 'resource_id', type: 'text', nullable: true })
  resourceId: string | null;

  @Column({ name: 'change_number', type: 'text', nullable: true })
  changeNumber: string | null;

  @Column({ name: 'release_id', type: 'uuid', nullable: true })
  releaseId: string | null;

  @Column({ type: 'text' })
  detail: string;

  @Column({ name: 'late_hours', type: 'numeric', nullable: true })
  lateHours: string | null;

  @Column({ name: 'erp_hold', type: 'text', nullable: true })
  erpHold: string | null;

  /** The PLM problem report the case was posted to engineering as (a quality hold on a recent change's new revision). */
  @Column({ name: 'plm_problem_report_number', type: 'text', nullable: true })
  plmProblemReportNumber: string | null;

  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  @Column({ name: 'resolved_by', type: 'text', nullable: true })
  resolvedBy: string | null;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt: Date;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ schema: PROCESS_SCHEMA, name: 'exception_case_events' })
export class ExceptionCaseEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column({ type: 'text' })
  what: string;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}

export const EXCEPTION_ENTITIES = [ExceptionCaseEntity, ExceptionCaseEventEntity];
