import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FIELD_LIMITS } from '@threadline/canonical';

export class WebhookReceiptDto {
  @ApiProperty({ enum: ['announced', 'ignored'], example: 'announced', description: 'announced: the release is in the outbox (once, however often it is delivered)' })
  outcome: 'announced' | 'ignored';

  @ApiPropertyOptional({ example: 'ECN-000042', nullable: true, type: String, maxLength: FIELD_LIMITS.changeNumber })
  changeNumber: string | null;

  @ApiPropertyOptional({ example: null, nullable: true, type: String, description: 'Why nothing was announced', maxLength: FIELD_LIMITS.message })
  reason: string | null;
}
