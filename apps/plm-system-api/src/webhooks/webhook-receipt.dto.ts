import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class WebhookReceiptDto {
  @ApiProperty({ enum: ['announced', 'ignored'], example: 'announced', description: 'announced: the release is in the outbox (once, however often it is delivered)' })
  outcome: 'announced' | 'ignored';

  @ApiPropertyOptional({ example: 'ECN-000042', nullable: true, type: String })
  changeNumber: string | null;

  @ApiPropertyOptional({ example: null, nullable: true, type: String, description: 'Why nothing was announced' })
  reason: string | null;
}
