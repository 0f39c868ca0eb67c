import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { FIELD_LIMITS } from '../field-limits';

export class ApprovalRequestDto {
  @ApiProperty({ enum: ['approve', 'reject'], example: 'approve' })
  @IsIn(['approve', 'reject'])
  decision: 'approve' | 'reject';

  @ApiPropertyOptional({ example: 'Checked with quality: FKM seal is qualified.', maxLength: FIELD_LIMITS.text })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.text)
  comment?: string;
}

export class ApprovalDto {
  @ApiProperty({ example: 'demo-approver', description: 'Subject of the approver\'s token', maxLength: FIELD_LIMITS.principal })
  approver: string;

  @ApiProperty({ enum: ['approve', 'reject'], example: 'approve' })
  decision: 'approve' | 'reject';

  @ApiPropertyOptional({ example: 'Checked with quality.', nullable: true, type: String, maxLength: FIELD_LIMITS.text })
  comment: string | null;

  @ApiProperty({ example: '2026-11-26T09:10:00.000Z', maxLength: FIELD_LIMITS.isoDateTime })
  at: string;
}
