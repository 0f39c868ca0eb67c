import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class ApprovalRequestDto {
  @ApiProperty({ enum: ['approve', 'reject'], example: 'approve' })
  @IsIn(['approve', 'reject'])
  decision: 'approve' | 'reject';

  @ApiPropertyOptional({ example: 'Checked with quality: FKM seal is qualified.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ApprovalDto {
  @ApiProperty({ example: 'demo-approver', description: 'Subject of the approver\'s token' })
  approver: string;

  @ApiProperty({ enum: ['approve', 'reject'], example: 'approve' })
  decision: 'approve' | 'reject';

  @ApiPropertyOptional({ example: 'Checked with quality.', nullable: true, type: String })
  comment: string | null;

  @ApiProperty({ example: '2026-11-26T09:10:00.000Z' })
  at: string;
}
