import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import { ExceptionReconciliationDto } from './exception-reconciliation.dto';
import { ExceptionReconciler } from './exception-reconciler.service';

@ApiTags('exceptions')
@Controller('v1/exception-reconciliation')
export class ExceptionReconciliationController {
  constructor(@Inject(ExceptionReconciler) private readonly reconciler: ExceptionReconciler) {}

  @Post('run')
  @HttpCode(200)
  @RequireScopes(Scopes.SchedulingWrite)
  @ApiOperation({
    operationId: 'runExceptionReconciliation',
    summary:
      "Reconciles now (the API also does at start-up and periodically): reads every plant's current exceptions and announces those no webhook delivered, once each; a plant whose scheduler is down is reported skipped",
  })
  @ApiOkResponse({ type: ExceptionReconciliationDto })
  // Only listing the plants can fail the round; a plant that fails is reported skipped.
  @ApiProblems(...BACKEND_FAILURE_CODES)
  run(): Promise<ExceptionReconciliationDto> {
    return this.reconciler.reconcile();
  }
}
