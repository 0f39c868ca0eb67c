import { Controller, Get, Inject, Query, Req, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { ODataErrorFilter } from '../odata/odata-error.filter';
import { compileQuery } from '../odata/odata-query';
import { ODataQueryDto } from '../odata/odata-query.dto';
import { ODATA_ROOT, ODataCollection, collection, pageWindow, serviceRoot } from '../odata/odata-query.helpers';
import { PlmMockConfig } from '../plm-mock.config';
import { ODataProcessPlan, PROCESS_PLAN_DEFAULT_ORDER, PROCESS_PLAN_FIELDS, toODataProcessPlan } from './process-plan.odata';
import { ProcessPlanRepository } from './process-plan.repository';

/** The collection options plus the one navigation a process plan expands: its operations. */
export class ProcessPlanQueryDto extends ODataQueryDto {
  @ApiPropertyOptional({ name: '$expand', enum: ['Operations'], example: 'Operations' })
  @IsOptional()
  @IsIn(['Operations'])
  $expand?: 'Operations';
}

@ApiTags('MfgProcMgmt')
@RequireScopes(Scopes.MockAccess)
@UseFilters(ODataErrorFilter)
@Controller(`${ODATA_ROOT}/MfgProcMgmt`)
export class ProcessPlansController {
  constructor(
    @Inject(ProcessPlanRepository) private readonly plans: ProcessPlanRepository,
    @Inject(PlmMockConfig) private readonly config: PlmMockConfig,
  ) {}

  @Get('ProcessPlans')
  @ApiOperation({
    operationId: 'listProcessPlans',
    summary: 'Process plans (MPMProcessPlan), one per part version, with $filter (PartNumber, PartVersion, State, ...), $orderby, $top, $skip and $expand=Operations',
  })
  @ApiOkResponse({ description: 'OData collection of process plans; with $expand=Operations each carries its operations in operation-number order' })
  async list(@Query() options: ProcessPlanQueryDto, @Req() request: FastifyRequest): Promise<ODataCollection<ODataProcessPlan>> {
    const query = compileQuery(options, PROCESS_PLAN_FIELDS, PROCESS_PLAN_DEFAULT_ORDER);
    const { limit, offset } = pageWindow(query, this.config.pageSize);
    const rows = await this.plans.find(query, limit, offset);
    const operations = options.$expand === 'Operations' ? await this.plans.operations(rows.map((r) => r.id)) : undefined;
    const context = `${serviceRoot(request, 'MfgProcMgmt')}/$metadata#ProcessPlans`;
    const value = rows.map((r) => toODataProcessPlan(r, operations?.filter((o) => String(o.process_plan_id) === String(r.id))));
    return collection(request, context, value, query, this.config.pageSize);
  }
}
