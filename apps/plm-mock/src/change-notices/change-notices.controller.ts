import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import type { FastifyRequest } from 'fastify';
import { entityNotFound } from '../odata/odata-error';
import { ODataErrorFilter } from '../odata/odata-error.filter';
import { compileQuery } from '../odata/odata-query';
import { ODataQueryDto } from '../odata/odata-query.dto';
import { ODATA_ROOT, ODataCollection, collection, pageWindow, serviceRoot } from '../odata/odata-query.helpers';
import { PlmMockConfig } from '../plm-mock.config';
import { CreateChangeNoticeInput, RecordReviewInput } from './change-notice.dto';
import { CHANGE_NOTICE_DEFAULT_ORDER, CHANGE_NOTICE_FIELDS, ODataChangeNotice, parseChangeNoticeId } from './change-notice.odata';
import { ChangeNoticeService } from './change-notice.service';

type Entity = ODataChangeNotice & { '@odata.context': string };

/** `ChangeNotices('OR:wt.change2.WTChangeOrder2:3001')`: OData key syntax inside one path segment. */
function noticeKey(segment: string): string {
  const oid = /^ChangeNotices\('(.+)'\)$/.exec(segment)?.[1];
  const id = oid ? parseChangeNoticeId(oid) : undefined;
  if (!id) throw entityNotFound('ChangeNotices', oid ?? segment);
  return id;
}

@ApiTags('ChangeMgmt')
@RequireScopes(Scopes.MockAccess)
@UseFilters(ODataErrorFilter)
@Controller(`${ODATA_ROOT}/ChangeMgmt`)
export class ChangeNoticesController {
  constructor(
    @Inject(ChangeNoticeService) private readonly notices: ChangeNoticeService,
    @Inject(PlmMockConfig) private readonly config: PlmMockConfig,
  ) {}

  @Get('ChangeNotices')
  @ApiOperation({
    operationId: 'listChangeNotices',
    summary: "Change notices with their affected objects; the change feed is $filter=State eq 'RELEASED' and ResolutionDate gt <time>&$orderby=ResolutionDate asc",
  })
  @ApiOkResponse({ description: 'OData collection of change notices' })
  async list(@Query() options: ODataQueryDto, @Req() request: FastifyRequest): Promise<ODataCollection<ODataChangeNotice>> {
    const query = compileQuery(options, CHANGE_NOTICE_FIELDS, CHANGE_NOTICE_DEFAULT_ORDER);
    const { limit, offset } = pageWindow(query, this.config.pageSize);
    const rows = await this.notices.find(query, limit, offset);
    return collection(request, `${serviceRoot(request, 'ChangeMgmt')}/$metadata#ChangeNotices`, rows, query, this.config.pageSize);
  }

  @Post('ChangeNotices')
  @HttpCode(201)
  @ApiOperation({ operationId: 'createChangeNotice', summary: 'Creates a change notice in state OPEN, numbered ECN-nnnnnn' })
  @ApiCreatedResponse({ description: 'The new change notice' })
  @ApiBadRequestResponse({ description: 'OData error: the body is not a valid change notice' })
  async create(@Body() body: CreateChangeNoticeInput, @Req() request: FastifyRequest): Promise<Entity> {
    const notice = await this.notices.create(body);
    return { '@odata.context': `${serviceRoot(request, 'ChangeMgmt')}/$metadata#ChangeNotices/$entity`, ...notice };
  }

  @Get(':key')
  @ApiOperation({ operationId: 'getChangeNotice', summary: "One change notice: ChangeNotices('OR:wt.change2.WTChangeOrder2:3001')" })
  @ApiParam({ name: 'key', example: "ChangeNotices('OR:wt.change2.WTChangeOrder2:3001')" })
  @ApiOkResponse({ description: 'The change notice' })
  @ApiNotFoundResponse({ description: 'OData error EntityNotFound' })
  async get(@Param('key') key: string, @Req() request: FastifyRequest): Promise<Entity> {
    const notice = await this.notices.get(noticeKey(key));
    return { '@odata.context': `${serviceRoot(request, 'ChangeMgmt')}/$metadata#ChangeNotices/$entity`, ...notice };
  }

  @Post(':key/PTC.ChangeMgmt.RecordReview')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'recordChangeNoticeReview',
    summary: "Bound action: records one review role's vote (Approve or Reject) on an OPEN notice; each role votes once",
  })
  @ApiParam({ name: 'key', example: "ChangeNotices('OR:wt.change2.WTChangeOrder2:3001')" })
  @ApiOkResponse({ description: 'The change notice with its Reviews' })
  @ApiBadRequestResponse({ description: 'OData error: a malformed vote, or InvalidReviewRole (the notice asks no review from that role)' })
  @ApiNotFoundResponse({ description: 'OData error EntityNotFound' })
  @ApiConflictResponse({ description: 'OData error ReviewAlreadyRecorded (the role has voted), or InvalidStateTransition (the notice is not OPEN)' })
  async recordReview(@Param('key') key: string, @Body() body: RecordReviewInput, @Req() request: FastifyRequest): Promise<Entity> {
    const notice = await this.notices.recordReview(noticeKey(key), body);
    return { '@odata.context': `${serviceRoot(request, 'ChangeMgmt')}/$metadata#ChangeNotices/$entity`, ...notice };
  }

  @Post(':key/PTC.ChangeMgmt.Release')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'releaseChangeNotice',
    summary: 'Bound action: implements the notice (new part versions with the redlined BOMs, old versions superseded) and releases it, atomically',
  })
  @ApiParam({ name: 'key', example: "ChangeNotices('OR:wt.change2.WTChangeOrder2:3001')" })
  @ApiOkResponse({ description: 'The released change notice' })
  @ApiBadRequestResponse({ description: 'OData error: an affected part, version or BOM change cannot be resolved' })
  @ApiNotFoundResponse({ description: 'OData error EntityNotFound' })
  @ApiConflictResponse({ description: 'OData error InvalidStateTransition: the notice is not OPEN (for example already released)' })
  async release(@Param('key') key: string, @Req() request: FastifyRequest): Promise<Entity> {
    const notice = await this.notices.release(noticeKey(key));
    return { '@odata.context': `${serviceRoot(request, 'ChangeMgmt')}/$metadata#ChangeNotices/$entity`, ...notice };
  }
}
