import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ODataError } from '../odata/odata-error';
import { IsIn, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const OPERATION_CHANGE_ACTIONS = ['Add', 'Remove', 'Update'] as const;
export type OperationChangeAction = (typeof OPERATION_CHANGE_ACTIONS)[number];

/** Operation numbers as MPMLink numbers them: four digits, 0010, 0020, ... */
export const OPERATION_NUMBER = /^\d{4}$/;
/** A plant-neutral work centre (resource) code: CNC, ASSY, TEST, ... */
export const WORK_CENTER = /^[A-Z][A-Z0-9-]{0,19}$/;
/** Longest time this Windchill takes for one operation, in minutes (a week). */
const MAX_MINUTES = 10_080;

/**
 * A redline on the affected part's process plan, applied when the notice is released: Add needs
 * every field, Update changes the fields it names, Remove names the operation only.
 */
export class OperationChangeInput {
  @ApiProperty({ enum: OPERATION_CHANGE_ACTIONS, example: 'Update' })
  @IsIn(OPERATION_CHANGE_ACTIONS)
  Action: OperationChangeAction;

  @ApiProperty({ example: '0020', maxLength: 4 })
  @IsString()
  @MaxLength(4)
  @Matches(OPERATION_NUMBER)
  OperationNumber: string;

  @ApiPropertyOptional({ example: 'Deburr and wash', maxLength: 200, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  Label?: string | null;

  @ApiPropertyOptional({ example: 'CNC', maxLength: 20, nullable: true, type: String, description: 'Work centre (resource) code' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @Matches(WORK_CENTER)
  WorkCenter?: string | null;

  @ApiPropertyOptional({ example: 10, nullable: true, type: Number, description: 'Setup time in minutes' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(MAX_MINUTES)
  SetupTime?: number | null;

  @ApiPropertyOptional({ example: 7.5, nullable: true, type: Number, description: 'Run time per unit in minutes' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(MAX_MINUTES)
  RunTime?: number | null;
}

/** One stored operation redline, as kept in affected_objects.operation_changes. */
export interface StoredOperationChange {
  action: OperationChangeAction;
  operationNumber: string;
  label: string | null;
  workCenter: string | null;
  setupTime: number | null;
  runTime: number | null;
}

export function toStoredOperationChange(c: OperationChangeInput): StoredOperationChange {
  return {
    action: c.Action,
    operationNumber: c.OperationNumber,
    label: c.Label ?? null,
    workCenter: c.WorkCenter ?? null,
    setupTime: c.SetupTime ?? null,
    runTime: c.RunTime ?? null,
  };
}

export function toODataOperationChange(c: StoredOperationChange): {
  Action: OperationChangeAction;
  OperationNumber: string;
  Label: string | null;
  WorkCenter: string | null;
  SetupTime: number | null;
  RunTime: number | null;
} {
  return { Action: c.action, OperationNumber: c.operationNumber, Label: c.label, WorkCenter: c.workCenter, SetupTime: c.setupTime, RunTime: c.runTime };
}

/** A new part (no FromVersion) has no process plan to redline: Windchill refuses its OperationChanges. */
export function checkOperationChanges(affected: Array<{ Number: string; FromVersion?: string | null; ToVersion: string; OperationChanges?: OperationChangeInput[] }>): void {
  affected.forEach((a, i) => {
    if (!a.FromVersion && (a.OperationChanges ?? []).length > 0) {
      throw new ODataError(400, 'InvalidAffectedObject', `${a.Number} ${a.ToVersion} is a new part: it takes no operation changes`, [
        { code: 'InvalidAffectedObject', message: 'OperationChanges must be empty without FromVersion', target: `AffectedObjects[${i}].OperationChanges` },
      ]);
    }
  });
}
