import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlantCodeParam } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import { MaterialReconciliationPoller } from './material-reconciliation.poller';
import { MaterialPushListDto, PUSH_HISTORY, ReconciliationStartedDto } from './production-readiness.dto';
import { ProductionReadinessRepository } from './production-readiness.repository';

@ApiTags('production readiness')
@RequireScopes(Scopes.OpsReplay)
@Controller('v1/production-readiness')
export class ProductionReadinessController {
  constructor(
    @Inject(MaterialReconciliationPoller) private readonly reconciliation: MaterialReconciliationPoller,
    @Inject(ProductionReadinessRepository) private readonly readiness: ProductionReadinessRepository,
  ) {}

  @Post('reconciliations')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'startMaterialReconciliation',
    summary: "Push ERP's full material availability (stock on hand, open purchase orders) to every plant's scheduler now, as the periodic reconciliation does; harmless to repeat",
  })
  @ApiAcceptedResponse({ type: ReconciliationStartedDto, description: 'One push per plant enqueued' })
  // Only listing ERP's plants happens in the request; the pushes retry on their own.
  @ApiProblems(...BACKEND_FAILURE_CODES)
  async reconcile(): Promise<ReconciliationStartedDto> {
    return { plants: await this.reconciliation.reconcile() };
  }

  @Get('plants/:plant/pushes')
  @ApiOperation({ operationId: 'listMaterialPushes', summary: "The latest pushes of ERP's material availability to the plant's scheduler, newest first" })
  @ApiOkResponse({ type: MaterialPushListDto })
  async pushes(@Param() params: PlantCodeParam): Promise<MaterialPushListDto> {
    const pushes = await this.readiness.pushes(params.plant, PUSH_HISTORY);
    return { items: pushes.map((p) => ({ ...p, pushedAt: p.pushedAt.toISOString() })) };
  }
}
