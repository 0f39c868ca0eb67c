import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BomDto, CreateItemDto, DocumentListDto, ExplodedBomDto, ItemDto, ItemPageDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { answerCachedRead, ApiCachedRead, ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ItemNumberParam, ItemRevisionParams } from './item.params';
import { ExplodedBomQueryDto, ListItemsQueryDto } from './items.query';
import { ItemsService } from './items.service';

@ApiTags('items')
@RequireScopes(Scopes.PlmRead)
// Every route reads PLM, and maps its enumerated values (units, states) on the way back.
@ApiProblems(...BACKEND_FAILURE_CODES, 'PLM_UNMAPPED_VALUE')
@Controller('v1/items')
export class ItemsController {
  constructor(@Inject(ItemsService) private readonly items: ItemsService) {}

  @Get()
  @ApiOperation({ operationId: 'listItems', summary: 'Items by item number, cursor-paginated; with changedSince, only those created or changed since' })
  @ApiOkResponse({ type: ItemPageDto })
  @ApiProblems('INVALID_CURSOR')
  list(@Query() query: ListItemsQueryDto): Promise<ItemPageDto> {
    return this.items.list(query);
  }

  @Post()
  @RequireScopes(Scopes.PlmWrite)
  @ApiOperation({
    operationId: 'createItem',
    summary: 'Creates a new item in PLM with its first revision (A, IN_WORK); a change naming it in newItems releases it',
  })
  @ApiCreatedResponse({ type: ItemDto, headers: { Location: { description: 'The new item: /v1/items/{itemNumber}', schema: { type: 'string', maxLength: 60 } } } })
  // ITEM_ALREADY_EXISTS: the number is taken; BACKEND_REJECTED: PLM refused the values.
  @ApiProblems('ITEM_ALREADY_EXISTS', 'BACKEND_REJECTED')
  async create(@Body() body: CreateItemDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ItemDto> {
    const item = await this.items.create(body);
    void reply.status(201).header('location', `/v1/items/${encodeURIComponent(item.number)}`);
    return item;
  }

  @Get(':itemNumber')
  @ApiOperation({ operationId: 'getItem', summary: 'An item as engineering defines it, with all its revisions' })
  @ApiCachedRead(ItemDto)
  @ApiProblems('NOT_FOUND')
  async getItem(@Param() params: ItemNumberParam, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | undefined> {
    return answerCachedRead(request, reply, await this.items.getItem(params.itemNumber));
  }

  @Get(':itemNumber/documents')
  @ApiOperation({ operationId: 'listItemDocuments', summary: 'The specification documents of an item (metadata: number, type, revision, file name, URL in PLM)' })
  @ApiOkResponse({ type: DocumentListDto })
  @ApiProblems('NOT_FOUND')
  documents(@Param() params: ItemNumberParam): Promise<DocumentListDto> {
    return this.items.documents(params.itemNumber);
  }

  @Get(':itemNumber/revisions/:revision/bom')
  @ApiOperation({ operationId: 'getItemRevisionBom', summary: 'The single-level bill of materials of one item revision' })
  @ApiCachedRead(BomDto)
  @ApiProblems('NOT_FOUND')
  async getBom(@Param() params: ItemRevisionParams, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | undefined> {
    return answerCachedRead(request, reply, await this.items.getBom(params.itemNumber, params.revision));
  }

  @Get(':itemNumber/revisions/:revision/bom/exploded')
  @ApiOperation({
    operationId: 'getExplodedBom',
    summary: 'The multi-level BOM of one item revision: each make component at its revision effective at `at`, quantities per top unit',
  })
  @ApiOkResponse({ type: ExplodedBomDto })
  @ApiProblems('NOT_FOUND', 'BOM_CYCLE', 'BOM_TOO_LARGE')
  explode(@Param() params: ItemRevisionParams, @Query() query: ExplodedBomQueryDto): Promise<ExplodedBomDto> {
    return this.items.explode(params.itemNumber, params.revision, query);
  }
}
