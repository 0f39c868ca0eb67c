import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChangeImpactAssessmentDto, ChangeImpactRequestDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import { IMPACT_ERRORS } from '../impact.errors';
import { AssessChangeImpact } from './assess-change-impact.usecase';

@ApiTags('change-impact-assessments')
@RequireScopes(Scopes.ReleasesRead, Scopes.ReleasesWrite)
@Controller('v1/change-impact-assessments')
export class AssessChangeImpactController {
  constructor(private readonly assessChangeImpact: AssessChangeImpact) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'assessChangeImpact',
    summary: 'Dry run: what a change (in PLM, or proposed) would touch in each target plant. Nothing is applied or stored.',
  })
  @ApiOkResponse({ type: ChangeImpactAssessmentDto })
  @ApiProblems(...Object.keys(IMPACT_ERRORS), 'NOT_FOUND', 'BACKEND_REJECTED', ...BACKEND_FAILURE_CODES)
  assess(@Body() body: ChangeImpactRequestDto): Promise<ChangeImpactAssessmentDto> {
    return this.assessChangeImpact.execute(body);
  }
}
