import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
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
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PlmMockConfig } from '../plm-mock.config';
import { entityNotFound } from '../odata/odata-error';
import { ODataErrorFilter } from '../odata/odata-error.filter';
import { ODATA_ROOT, ODataCollection, collection, pageWindow, serviceRoot } from '../odata/odata-query.helpers';
import { compileQuery } from '../odata/odata-query';
import { ODataQueryDto } from '../odata/odata-query.dto';
import { ODataPart, ODataPartUse, PART_DEFAULT_ORDER, PART_FIELDS, parsePartId, toODataPart, toODataPartUse } from './part.odata';
import { PartRepository } from './part.repository';
import { CreatePartInput } from './part.dto';
import { CreatePartService } from './create-part.service';
import { DocumentRepository } from '../documents/document.repository';
import { ODataDocument, toODataDocument } from '../documents/document.odata';

/** `Parts('OR:wt.part.WTPart:1001')`: OData key syntax inside one path segment. */
function partKey(segment: string): string {
  const oid = /^Parts\('(.+)'\)$/.exec(segment)?.[1];
  const id = oid ? parsePartId(oid) : undefined;
  if (!id) throw entityNotFound('Parts', oid ?? segment);
  return id;
}

@ApiTags('ProdMgmt')
@RequireScopes(Scopes.MockAccess)
@UseFilters(ODataErrorFilter)
@Controller(`${ODATA_ROOT}/ProdMgmt`)
export class PartsController {
  constructor(
    @Inject(PartRepository) private readonly parts: PartRepository,
    @Inject(PlmMockConfig) private readonly config: PlmMockConfig,
    @Inject(DocumentRepository) private readonly documents: DocumentRepository,
    @Inject(CreatePartService) private readonly createPart: CreatePartService,
  ) {}

  @Post('Parts')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createPart',
    summary: 'Creates a part with its first version (A, iteration 1, In Work); a make part may bring its first usage links (Uses, deep insert)',
  })
  @ApiCreatedResponse({ description: 'The new part version; Location names it' })
  @ApiBadRequestResponse({ description: 'OData error: the body is not a valid part, or a used part does not exist' })
  @ApiConflictResponse({ description: 'OData error EntityAlreadyExists: a part with this number exists' })
  async create(
    @Body() body: CreatePartInput,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ODataPart & { '@odata.context': string }> {
    const part = await this.createPart.create(body);
    const root = serviceRoot(request, 'ProdMgmt');
    void reply.header('location', `${root}/Parts('${part.ID}')`);
    return { '@odata.context': `${root}/$metadata#Parts/$entity`, ...part };
  }

  @Get('Parts')
  @ApiOperation({ operationId: 'listParts', summary: 'Part versions (WTPart), with $filter, $orderby, $top and $skip' })
  @ApiOkResponse({ description: 'OData collection of parts; @odata.nextLink when more pages exist' })
  async list(@Query() options: ODataQueryDto, @Req() request: FastifyRequest): Promise<ODataCollection<ODataPart>> {
    const query = compileQuery(options, PART_FIELDS, PART_DEFAULT_ORDER);
    const { limit, offset } = pageWindow(query, this.config.pageSize);
    const rows = await this.parts.find(query, limit, offset);
    const context = `${serviceRoot(request, 'ProdMgmt')}/$metadata#Parts`;
    return collection(request, context, rows.map(toODataPart), query, this.config.pageSize);
  }

  @Get(':key')
  @ApiOperation({ operationId: 'getPart', summary: "One part version by its object reference: Parts('OR:wt.part.WTPart:1001')" })
  @ApiParam({ name: 'key', example: "Parts('OR:wt.part.WTPart:1001')" })
  @ApiOkResponse({ description: 'The part version' })
  @ApiNotFoundResponse({ description: 'OData error EntityNotFound' })
  async get(@Param('key') key: string, @Req() request: FastifyRequest): Promise<ODataPart & { '@odata.context': string }> {
    const row = await this.parts.findById(partKey(key));
    if (!row) throw entityNotFound('Parts', key);
    return { '@odata.context': `${serviceRoot(request, 'ProdMgmt')}/$metadata#Parts/$entity`, ...toODataPart(row) };
  }

  @Get(':key/Uses')
  @ApiOperation({ operationId: 'listPartUses', summary: 'The usage links (single-level BOM) of one part version' })
  @ApiParam({ name: 'key', example: "Parts('OR:wt.part.WTPart:1001')" })
  @ApiOkResponse({ description: 'OData collection of part usage links' })
  @ApiNotFoundResponse({ description: 'OData error EntityNotFound' })
  async uses(@Param('key') key: string, @Query() options: ODataQueryDto, @Req() request: FastifyRequest): Promise<ODataCollection<ODataPartUse>> {
    const id = partKey(key);
    if (!(await this.parts.findById(id))) throw entityNotFound('Parts', key);
    // Usage links support paging only: any $filter or $orderby property is unknown and refused.
    const query = compileQuery(options, {}, 'u.find_number');
    const { limit, offset } = pageWindow(query, this.config.pageSize);
    const rows = await this.parts.uses(id, limit, offset);
    const context = `${serviceRoot(request, 'ProdMgmt')}/$metadata#Parts('OR:wt.part.WTPart:${id}')/Uses`;
    return collection(request, context, rows.map(toODataPartUse), query, this.config.pageSize);
  }

  @Get(':key/References')
  @ApiOperation({ operationId: 'listPartReferences', summary: 'The documents (WTDocument) the part references: specifications, drawings, data sheets' })
  @ApiParam({ name: 'key', example: "Parts('OR:wt.part.WTPart:1001')" })
  @ApiOkResponse({ description: 'OData collection of documents' })
  @ApiNotFoundResponse({ description: 'OData error EntityNotFound' })
  async references(@Param('key') key: string, @Query() options: ODataQueryDto, @Req() request: FastifyRequest): Promise<ODataCollection<ODataDocument>> {
    const part = await this.parts.findById(partKey(key));
    if (!part) throw entityNotFound('Parts', key);
    const query = compileQuery(options, {}, 'd.number');
    const { limit, offset } = pageWindow(query, this.config.pageSize);
    const rows = await this.documents.referencedBy(part.number, limit, offset);
    const docRoot = serviceRoot(request, 'DocMgmt');
    const context = `${serviceRoot(request, 'ProdMgmt')}/$metadata#Parts('OR:wt.part.WTPart:${part.id}')/References`;
    return collection(request, context, rows.map((r) => toODataDocument(r, docRoot)), query, this.config.pageSize);
  }
}
