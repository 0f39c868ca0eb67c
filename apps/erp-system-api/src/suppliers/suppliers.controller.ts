import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SupplierPageDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES, DEFAULT_PAGE_SIZE, PageQueryDto } from '@threadline/platform';
import { ErpConnector } from '../connector/erp.connector';

@ApiTags('suppliers')
@RequireScopes(Scopes.ErpRead)
@Controller('v1/suppliers')
export class SuppliersController {
  constructor(@Inject(ErpConnector) private readonly erp: ErpConnector) {}

  @Get()
  @ApiOperation({ operationId: 'listSuppliers', summary: 'The suppliers the ERP knows, by id, cursor-paginated' })
  @ApiOkResponse({ type: SupplierPageDto })
  @ApiProblems('INVALID_CURSOR', ...BACKEND_FAILURE_CODES)
  list(@Query() query: PageQueryDto): Promise<SupplierPageDto> {
    return this.erp.listSuppliers({ limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor });
  }
}
