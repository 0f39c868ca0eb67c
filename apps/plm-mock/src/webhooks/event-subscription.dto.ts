import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { WEBHOOK_EVENTS, WebhookEvent } from './event-subscription.odata';

/** Limits of a subscription, as the simulated Windchill has always enforced them. */
const URL_MAX = 2000;
/** A shared HMAC key: long enough for any key a person or a generator would use. */
const SECRET_MAX = 200;
const EVENTS_MAX = 10;

/** The body of POST EventMgmt/Subscriptions; a second POST for the same URL updates that subscription. */
export class CreateEventSubscriptionInput {
  @ApiProperty({ example: 'http://127.0.0.1:4201/v1/webhooks/plm', description: 'Where deliveries are POSTed: http(s) only, host on WEBHOOK_ALLOWED_HOSTS', maxLength: URL_MAX })
  @IsString()
  @MaxLength(URL_MAX)
  URL: string;

  @ApiProperty({ example: 'change-me-webhook-secret', description: 'HMAC-SHA256 key of X-PTC-Signature; write-only, never returned', minLength: 16, maxLength: SECRET_MAX })
  @IsString()
  @MinLength(16)
  @MaxLength(SECRET_MAX)
  Secret: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, maxItems: EVENTS_MAX, example: ['CHANGE_NOTICE_RELEASED'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EVENTS_MAX)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  Events: WebhookEvent[];
}
