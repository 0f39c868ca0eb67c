import { ApiProperty } from '@nestjs/swagger';
import { FIELD_LIMITS } from '@threadline/canonical';

export class WebhookReceiptDto {
  @ApiProperty({ example: 'P2-EXC-000017', description: "The scheduler's exception id", maxLength: FIELD_LIMITS.identifier })
  exceptionId: string;

  @ApiProperty({ example: '6f1d7c1e-3b2a-8c4d-9e8f-0a1b2c3d4e5f', description: 'Id of the CloudEvent announcing it (the same for the same exception)', maxLength: FIELD_LIMITS.uuid })
  eventId: string;

  @ApiProperty({ example: true, description: 'False when this exception had been received before: nothing was written' })
  created: boolean;
}
