import { Body, Controller, Headers, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Public } from '@threadline/platform';
import { SchedulerConnector } from '../connector/scheduler.connector';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../connector/frepple-webhook-signature';
import { SchedulingSystemApiConfig } from '../scheduling-system-api.config';
import { RaiseScheduleExceptionService } from './raise-schedule-exception.service';
import type { RequestWithRawBody } from './raw-body.capture';
import { WebhookReceiptDto } from './webhook-receipt.dto';

/**
 * The scheduler's exception webhook. No bearer token (the scheduler has none to give): the
 * delivery authenticates by its HMAC signature over the raw body and a fresh timestamp.
 */
@ApiTags('webhooks')
@Controller('v1/webhooks')
export class SchedulerWebhookController {
  constructor(
    @Inject(SchedulerConnector) private readonly scheduler: SchedulerConnector,
    @Inject(SchedulingSystemApiConfig) private readonly config: SchedulingSystemApiConfig,
    private readonly raise: RaiseScheduleExceptionService,
  ) {}

  @Post('scheduler')
  @Public()
  @ApiSecurity('schedulerWebhookSignature')
  @HttpCode(200)
  @ApiHeader({
    name: SIGNATURE_HEADER,
    required: true,
    description: 'sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the shared secret>',
    schema: { type: 'string', maxLength: 71, pattern: '^sha256=[0-9a-f]{64}$' },
  })
  @ApiHeader({ name: TIMESTAMP_HEADER, required: true, description: 'Unix seconds; refused when more than 5 minutes from now', schema: { type: 'string', maxLength: 12, pattern: '^[0-9]+$' } })
  @ApiBody({
    description: "The scheduler's problem delivery (its own dialect)",
    schema: {
      type: 'object',
      example: {
        event: 'problem',
        plant: 'P2',
        problem: {
          id: 'P2-EXC-000017',
          entity: 'operation',
          name: 'quality hold',
          owner: '1000008',
          description: 'Leak test failed on 3 of 25 units; lot blocked',
          weight: 0,
          item: 'PUMP-100',
          resource: 'P2-TEST',
          operationplan_source: 'erp-load',
          created: '2026-11-26T09:12:00',
        },
      },
    },
  })
  @ApiOperation({
    operationId: 'receiveSchedulerWebhook',
    summary: "Receive a scheduler's exception (signed webhook) and announce it as threadline.scheduling.exception.raised.v1; a repeated delivery changes nothing",
  })
  @ApiOkResponse({ type: WebhookReceiptDto })
  // The delivery carries the exception whole: the scheduler is not called back.
  @ApiProblems('WEBHOOK_SIGNATURE_INVALID', 'INVALID_WEBHOOK_PAYLOAD')
  async receive(@Req() request: RequestWithRawBody, @Headers() headers: Record<string, string | undefined>, @Body() body: unknown): Promise<WebhookReceiptDto> {
    const { exception } = this.scheduler.readExceptionWebhook({ headers, rawBody: request.rawBody, body }, this.config.webhookSecret);
    const { eventId, created } = await this.raise.raise(exception);
    return { exceptionId: exception.id, eventId, created };
  }
}
