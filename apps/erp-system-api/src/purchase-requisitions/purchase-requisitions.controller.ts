import { Body, Controller, Get, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import {
  CreatePurchaseRequisitionDto,
  CreatePurchaseRequisitionResultDto,
  ERP_REFERENCE_PATTERN,
  FIELD_LIMITS,
  ITEM_NUMBER_PATTERN,
  PlantCodeParam,
  PurchaseRequisitionPageDto,
} from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES, DEFAULT_PAGE_SIZE, PageQueryDto } from '@threadline/platform';
import type { FastifyReply } from 'fastify';
import { IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { ErpConnector } from '../connector/erp.connector';
import { RequestPurchaseService } from './request-purchase.service';

export class PurchaseRequisitionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'SEAL-210', maxLength: FIELD_LIMITS.itemNumber })
  @IsOptional()
  @MaxLength(FIELD_LIMITS.itemNumber)
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber?: string;

  @ApiPropertyOptional({ example: 'ECN-000042', minLength: 1, maxLength: FIELD_LIMITS.erpReference })
  @IsOptional()
  @Length(1, FIELD_LIMITS.erpReference)
  @Matches(ERP_REFERENCE_PATTERN)
  reference?: string;
}

@ApiTags('purchase-requisitions')
@ApiProblems(...BACKEND_FAILURE_CODES, 'ERP_UNMAPPABLE_DATA')
@Controller('v1/plants')
export class PurchaseRequisitionsController {
  constructor(
    private readonly requestPurchase: RequestPurchaseService,
    @Inject(ErpConnector) private readonly erp: ErpConnector,
  ) {}

  @Post(':plant/purchase-requisitions')
  @RequireScopes(Scopes.ErpWrite)
  @ApiOperation({
    operationId: 'createPurchaseRequisition',
    summary: 'Request an item for a plant by a date; the same plant, item and reference again changes nothing (200, created: false)',
  })
  @ApiCreatedResponse({ type: CreatePurchaseRequisitionResultDto, description: 'The requisition was created' })
  @ApiOkResponse({ type: CreatePurchaseRequisitionResultDto, description: 'Requested already; nothing changed' })
  // BACKEND_REJECTED: item not in the plant, unit not the item's; BACKEND_CONFLICT: a duplicate that could not be read back.
  @ApiProblems('BACKEND_REJECTED', 'BACKEND_CONFLICT')
  async create(
    @Param() params: PlantCodeParam,
    @Body() body: CreatePurchaseRequisitionDto,
    @Res({ passthrough: true }) reply: FastifyReply): Promise<CreatePurchaseRequisitionResultDto> {
    const result = await this.requestPurchase.request(params.plant, body);
    void reply.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result;
  }

  @Get(':plant/purchase-requisitions')
  @RequireScopes(Scopes.ErpRead)
  @ApiOperation({ operationId: 'listPurchaseRequisitions', summary: "A plant's open purchase requisitions, by number, cursor-paginated" })
  @ApiOkResponse({ type: PurchaseRequisitionPageDto })
  @ApiProblems('INVALID_CURSOR')
  list(
    @Param() params: PlantCodeParam,
    @Query() query: PurchaseRequisitionQueryDto): Promise<PurchaseRequisitionPageDto> {
    return this.erp.listPurchaseRequisitions(
      params.plant,
      { itemNumber: query.itemNumber, reference: query.reference, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor },
    );
  }
}
