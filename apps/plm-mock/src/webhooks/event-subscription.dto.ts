import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { WEBHOOK_EVENTS, WebhookEvent } from './event-subscription.odata';

/** The body of POST EventMgmt/Subscriptions; a second POST for the same URL updates that subscription. */
export class CreateEventSubscriptionInput {
  @ApiProperty({ example: 'http://127.0.0.1:4201/v1/webhooks/plm', description: 'Where deliveries are POSTed: http(s) only, host on WEBHOOK_ALLOWED_HOSTS' })
  @IsString()
  @MaxLength(2000)
  URL: string;

  @ApiProperty({ example: 'change-me-webhook-secret', description: 'HMAC-SHA256 key of X-PTC-Signature; write-only, never returned' })
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  Secret: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['CHANGE_NOTICE_RELEASED'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  Events: WebhookEvent[];
}
