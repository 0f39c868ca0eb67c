import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiProblems, BACKEND_FAILURE_CODES, Public } from '@threadline/platform';
import { PlmWebhookService } from './plm-webhook.service';
import { RequestWithRawBody } from './raw-body.hook';
import { WebhookReceiptDto } from './webhook-receipt.dto';

/** Public: PLM holds no Threadline token. The HMAC signature is the authentication. */
@ApiTags('webhooks')
@Controller('v1/webhooks')
export class PlmWebhookController {
  constructor(@Inject(PlmWebhookService) private readonly webhooks: PlmWebhookService) {}

  @Post('plm')
  @Public()
  @ApiSecurity('plmWebhookSignature')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'receivePlmWebhook',
    summary: 'Receives PLM release notifications (no token: authenticated by the HMAC signature); announces the released change once, however often delivered',
  })
  @ApiHeader({
    name: 'X-PTC-Signature',
    required: true,
    description: 'sha256=<hex HMAC-SHA256 of "<X-PTC-Timestamp>.<raw body>" with the shared webhook secret>',
    schema: { type: 'string', maxLength: 71, pattern: '^sha256=[0-9a-f]{64}$' },
  })
  @ApiHeader({ name: 'X-PTC-Timestamp', required: true, description: 'Unix time in seconds; refused when more than 5 minutes away from now', schema: { type: 'string', maxLength: 12, pattern: '^[0-9]+$' } })
  @ApiHeader({ name: 'X-PTC-Event', required: true, description: 'CHANGE_NOTICE_RELEASED; other events are acknowledged and ignored', schema: { type: 'string', maxLength: 64 } })
  @ApiBody({ description: "The released change notice in PLM's own (Windchill OData) form", schema: { type: 'object', example: { Number: 'ECN-000042', State: { Value: 'RELEASED' } } } })
  @ApiOkResponse({ type: WebhookReceiptDto })
  // The announced change is read back from PLM (PLM retries a delivery that failed).
  @ApiProblems('WEBHOOK_SIGNATURE_INVALID', 'WEBHOOK_PAYLOAD_INVALID', 'NOT_FOUND', ...BACKEND_FAILURE_CODES, 'PLM_UNMAPPED_VALUE')
  receive(@Req() request: RequestWithRawBody): Promise<WebhookReceiptDto> {
    return this.webhooks.receive({ headers: request.headers, rawBody: request.rawBody });
  }
}
