import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import type { FastifyReply } from 'fastify';
import { FreppleErrorFilter } from '../errors/frepple-error.filter';
import { PlantService } from '../plants/plant.service';
import { WebhookRecord, WebhookService } from './webhook.service';

const plantParam = ApiParam({ name: 'plant', example: 'P2' });

/**
 * Webhook subscriptions per plant (a mock extension), administered with scope mock:admin.
 * Only http(s) URLs on loopback or private hosts are accepted unless WEBHOOK_ALLOW_PUBLIC_HOSTS.
 */
@ApiTags('webhooks (mock extension)')
@RequireScopes(Scopes.MockAdmin, Scopes.MockSubscribe)
@UseFilters(FreppleErrorFilter)
@Controller(':plant/api/webhook')
export class WebhookController {
  constructor(
    private readonly plants: PlantService,
    private readonly webhooks: WebhookService,
  ) {}

  @Post()
  @plantParam
  @ApiBody({
    description: 'The subscriber: URL, shared secret for the HMAC signature (16-256 characters), events',
    schema: { type: 'object', example: { url: 'http://127.0.0.1:4203/v1/webhooks/scheduler', secret: 'demo-webhook-secret-0123', events: ['problem'] } },
  })
  @ApiOperation({ operationId: 'subscribeWebhook', summary: 'Subscribe a URL to the plant\'s events (201; 200 when the URL was already subscribed: secret and events updated)' })
  async subscribe(@Param('plant') plant: string, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<WebhookRecord> {
    const { record, created } = await this.webhooks.subscribe((await this.plants.require(plant)).code, body);
    void reply.status(created ? 201 : 200);
    return record;
  }

  @Get()
  @plantParam
  @ApiOperation({ operationId: 'listWebhooks', summary: "The plant's subscriptions (secrets are never shown)" })
  @ApiOkResponse({ description: 'A JSON array of subscriptions' })
  async list(@Param('plant') plant: string): Promise<WebhookRecord[]> {
    return this.webhooks.list((await this.plants.require(plant)).code);
  }

  @Delete(':id')
  @HttpCode(204)
  @plantParam
  @ApiParam({ name: 'id', type: Number, example: 3 })
  @ApiOperation({ operationId: 'deleteWebhook', summary: 'Remove one subscription' })
  async remove(@Param('plant') plant: string, @Param('id') id: string): Promise<void> {
    await this.webhooks.remove((await this.plants.require(plant)).code, id);
  }
}
