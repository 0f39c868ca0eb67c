import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { entityNotFound } from '../odata/odata-error';
import { ODataErrorFilter } from '../odata/odata-error.filter';
import { compileQuery } from '../odata/odata-query';
import { ODataQueryDto } from '../odata/odata-query.dto';
import { ODATA_ROOT, ODataCollection, collection, pageWindow, serviceRoot } from '../odata/odata-query.helpers';
import { PlmMockConfig } from '../plm-mock.config';
import { CreateEventSubscriptionInput } from './event-subscription.dto';
import { ODataEventSubscription, SUBSCRIPTION_FIELDS, parseSubscriptionId, toODataSubscription } from './event-subscription.odata';
import { EventSubscriptionRepository } from './event-subscription.repository';
import { assertWebhookUrl } from './webhook-url-policy';

function subscriptionKey(segment: string): string {
  const oid = /^Subscriptions\('(.+)'\)$/.exec(segment)?.[1];
  const id = oid ? parseSubscriptionId(oid) : undefined;
  if (!id) throw entityNotFound('Subscriptions', oid ?? segment);
  return id;
}

/**
 * Event subscriptions (webhooks): who is told when a change notice is released. Administration,
 * so scope mock:admin; deliveries are signed with the subscription's secret.
 */
@ApiTags('EventMgmt')
@RequireScopes(Scopes.MockAdmin, Scopes.MockSubscribe)
@UseFilters(ODataErrorFilter)
@Controller(`${ODATA_ROOT}/EventMgmt`)
export class EventSubscriptionsController {
  constructor(
    @Inject(EventSubscriptionRepository) private readonly subscriptions: EventSubscriptionRepository,
    @Inject(PlmMockConfig) private readonly config: PlmMockConfig,
  ) {}

  @Get('Subscriptions')
  @ApiOperation({ operationId: 'listEventSubscriptions', summary: 'Event subscriptions, with $filter on URL; secrets are never returned' })
  @ApiOkResponse({ description: 'OData collection of subscriptions, each with its last delivery outcome' })
  async list(@Query() options: ODataQueryDto, @Req() request: FastifyRequest): Promise<ODataCollection<ODataEventSubscription>> {
    const query = compileQuery(options, SUBSCRIPTION_FIELDS, 's.id ASC');
    const { limit, offset } = pageWindow(query, this.config.pageSize);
    const rows = await this.subscriptions.find(query, limit, offset);
    return collection(request, `${serviceRoot(request, 'EventMgmt')}/$metadata#Subscriptions`, rows.map(toODataSubscription), query, this.config.pageSize);
  }

  @Post('Subscriptions')
  @ApiOperation({
    operationId: 'createEventSubscription',
    summary: 'Subscribes a URL to events (201); the same URL again updates its secret and events (200), so subscribing is idempotent',
  })
  @ApiCreatedResponse({ description: 'The new subscription' })
  @ApiOkResponse({ description: 'The existing subscription for this URL, updated' })
  @ApiBadRequestResponse({ description: 'OData error InvalidCallbackURL (not http(s), credentials, host not allowed) or InvalidRequestBody' })
  async create(
    @Body() body: CreateEventSubscriptionInput,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ODataEventSubscription & { '@odata.context': string }> {
    assertWebhookUrl(body.URL, this.config.webhookAllowedHosts);
    const { row, created } = await this.subscriptions.upsert(body.URL, body.Secret, body.Events);
    void reply.status(created ? 201 : 200);
    return { '@odata.context': `${serviceRoot(request, 'EventMgmt')}/$metadata#Subscriptions/$entity`, ...toODataSubscription(row) };
  }

  @Get(':key')
  @ApiOperation({ operationId: 'getEventSubscription', summary: "One subscription: Subscriptions('OR:com.ptc.EventSubscription:6001')" })
  @ApiParam({ name: 'key', example: "Subscriptions('OR:com.ptc.EventSubscription:6001')" })
  @ApiOkResponse({ description: 'The subscription' })
  @ApiNotFoundResponse({ description: 'OData error EntityNotFound' })
  async get(@Param('key') key: string, @Req() request: FastifyRequest): Promise<ODataEventSubscription & { '@odata.context': string }> {
    const row = await this.subscriptions.findById(subscriptionKey(key));
    if (!row) throw entityNotFound('Subscriptions', key);
    return { '@odata.context': `${serviceRoot(request, 'EventMgmt')}/$metadata#Subscriptions/$entity`, ...toODataSubscription(row) };
  }

  @Delete(':key')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteEventSubscription', summary: 'Removes a subscription; deliveries already running finish' })
  @ApiParam({ name: 'key', example: "Subscriptions('OR:com.ptc.EventSubscription:6001')" })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ description: 'OData error EntityNotFound' })
  async remove(@Param('key') key: string): Promise<void> {
    if (!(await this.subscriptions.delete(subscriptionKey(key)))) throw entityNotFound('Subscriptions', key);
  }
}
