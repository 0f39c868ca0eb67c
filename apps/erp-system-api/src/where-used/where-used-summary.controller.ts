import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlantCodeParam, WhereUsedSummaryDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES, DEFAULT_PAGE_SIZE } from '@threadline/platform';
import { ErpConnector } from '../connector/erp.connector';
import { WhereUsedSummaryQueryDto } from './where-used-summary.query';

@ApiTags('plants')
@RequireScopes(Scopes.ErpRead)
@Controller('v1/plants')
export class WhereUsedSummaryController {
  constructor(@Inject(ErpConnector) private readonly erp: ErpConnector) {}

  @Get(':plant/where-used-summary')
  @ApiOperation({
    operationId: 'getWhereUsedSummary',
    summary:
      "The where-used of several items through the plant's BOMs valid at `at` (default now), computed in ERP: per item the paths, " +
      'distinct assemblies, top-level assemblies and deepest level, and one page of the paths of all of them, nearest first (by level, then path), with their total',
  })
  @ApiOkResponse({ type: WhereUsedSummaryDto })
  @ApiProblems('ITEM_LIST_TOO_LONG', 'INVALID_CURSOR', ...BACKEND_FAILURE_CODES, 'ERP_UNMAPPABLE_DATA')
  get(@Param() params: PlantCodeParam, @Query() query: WhereUsedSummaryQueryDto): Promise<WhereUsedSummaryDto> {
    return this.erp.whereUsedSummary(params.plant, {
      itemNumbers: query.items,
      at: query.at ?? new Date().toISOString(),
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      cursor: query.cursor,
    });
  }
}
