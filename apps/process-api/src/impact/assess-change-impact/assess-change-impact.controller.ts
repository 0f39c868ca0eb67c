import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChangeImpactAssessmentDto, ChangeImpactRequestDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import '../impact.errors';
import { SystemApis } from '../../system-apis/system-apis';
import { ChangeToAssess, ImpactAssessor } from '../impact-assessor.service';

@ApiTags('change-impact-assessments')
@RequireScopes(Scopes.ReleasesRead, Scopes.ReleasesWrite)
@Controller('v1/change-impact-assessments')
export class AssessChangeImpactController {
  constructor(
    private readonly assessor: ImpactAssessor,
    private readonly systemApis: SystemApis,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'assessChangeImpact',
    summary: 'Dry run: what a change (in PLM, or proposed) would touch in each target plant. Nothing is applied or stored.',
  })
  @ApiOkResponse({ type: ChangeImpactAssessmentDto })
  @ApiBadRequestResponse({ description: 'Neither or both of changeNumber and change given (problem+json)' })
  @ApiNotFoundResponse({ description: 'PLM holds no change with that changeNumber (problem+json)' })
  async assess(@Body() body: ChangeImpactRequestDto): Promise<ChangeImpactAssessmentDto> {
    const change: ChangeToAssess = body.changeNumber ? await this.systemApis.getChange(body.changeNumber) : body.change!;
    const plants = await this.assessor.assess(change);
    return { changeNumber: body.changeNumber ?? null, assessedAt: new Date().toISOString(), plants };
  }
}
