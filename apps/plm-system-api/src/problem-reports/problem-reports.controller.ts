import { Body, Controller, Get, HttpStatus, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateProblemReportDto, FIELD_LIMITS, ProblemReportDto, ProblemReportPageDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ListProblemReportsQueryDto, ProblemReportNumberParam } from './problem-report.params';
import { ProblemReportsService } from './problem-reports.service';

@ApiTags('problem-reports')
// Every route calls PLM, and maps its enumerated values (states, categories, priorities) on the way back.
@ApiProblems(...BACKEND_FAILURE_CODES, 'PLM_UNMAPPED_VALUE')
@Controller('v1/problem-reports')
export class ProblemReportsController {
  constructor(@Inject(ProblemReportsService) private readonly reports: ProblemReportsService) {}

  @Post()
  @RequireScopes(Scopes.PlmWrite)
  @ApiOperation({
    operationId: 'createProblemReport',
    summary: 'Reports a problem to engineering in PLM, linked to a change and item revisions; the same externalReference again answers the existing report (200)',
  })
  @ApiCreatedResponse({
    type: ProblemReportDto,
    description: 'The report was created',
    headers: { Location: { description: "The report's path, /v1/problem-reports/{number}", schema: { type: 'string', format: 'uri-reference', maxLength: FIELD_LIMITS.url } } },
  })
  @ApiOkResponse({ type: ProblemReportDto, description: 'PLM already holds a report with this externalReference; nothing changed' })
  @ApiProblems('PROBLEM_REPORT_CHANGE_UNKNOWN', 'PROBLEM_REPORT_ITEM_UNKNOWN', 'BACKEND_REJECTED')
  async create(
    @Body() body: CreateProblemReportDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProblemReportDto> {
    const { report, created } = await this.reports.create(body);
    const base = request.url.split('?')[0].replace(/\/$/, '');
    void reply.status(created ? HttpStatus.CREATED : HttpStatus.OK).header('location', `${base}/${encodeURIComponent(report.number)}`);
    return report;
  }

  @Get()
  @RequireScopes(Scopes.PlmRead)
  @ApiOperation({ operationId: 'listProblemReports', summary: 'Problem reports by number, cursor-paginated; with changeNumber, those on that change' })
  @ApiOkResponse({ type: ProblemReportPageDto })
  @ApiProblems('INVALID_CURSOR')
  list(@Query() query: ListProblemReportsQueryDto): Promise<ProblemReportPageDto> {
    return this.reports.list(query);
  }

  @Get(':number')
  @RequireScopes(Scopes.PlmRead)
  @ApiOperation({ operationId: 'getProblemReport', summary: 'One problem report with its change and item revisions' })
  @ApiOkResponse({ type: ProblemReportDto })
  @ApiProblems('NOT_FOUND')
  get(@Param() params: ProblemReportNumberParam): Promise<ProblemReportDto> {
    return this.reports.get(params.number);
  }
}
