import { Body, Controller, Get, HttpStatus, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { entityNotFound } from '../odata/odata-error';
import { ODataErrorFilter } from '../odata/odata-error.filter';
import { compileQuery } from '../odata/odata-query';
import { ODataQueryDto } from '../odata/odata-query.dto';
import { ODATA_ROOT, ODataCollection, collection, pageWindow, serviceRoot } from '../odata/odata-query.helpers';
import { PlmMockConfig } from '../plm-mock.config';
import { CreateProblemReportInput } from './problem-report.dto';
import { ODataProblemReport, PROBLEM_REPORT_DEFAULT_ORDER, PROBLEM_REPORT_FIELDS, parseProblemReportId } from './problem-report.odata';
import { ProblemReportService } from './problem-report.service';

type Entity = ODataProblemReport & { '@odata.context': string };

/** `('OR:wt.change2.WTChangeIssue:8001')`: the OData key after `ProblemReports` in its path segment. */
function reportKey(key: string): string {
  const oid = /^\('(.+)'\)$/.exec(key)?.[1];
  const id = oid ? parseProblemReportId(oid) : undefined;
  if (!id) throw entityNotFound('ProblemReports', oid ?? key);
  return id;
}

/**
 * Problem reports in the ChangeMgmt domain. The keyed route is `ProblemReports` followed by a
 * parameter in the same path segment (the key `('...')`, checked by reportKey): the router matches
 * that static prefix before the change notices' `:key` route of the same domain, so neither takes
 * the other's requests, and a malformed key is an OData EntityNotFound after authentication.
 */
@ApiTags('ChangeMgmt')
@RequireScopes(Scopes.MockAccess)
@UseFilters(ODataErrorFilter)
@Controller(`${ODATA_ROOT}/ChangeMgmt`)
export class ProblemReportsController {
  constructor(
    @Inject(ProblemReportService) private readonly reports: ProblemReportService,
    @Inject(PlmMockConfig) private readonly config: PlmMockConfig,
  ) {}

  @Get('ProblemReports')
  @ApiOperation({
    operationId: 'listProblemReports',
    summary: "Problem reports with the parts they are reported against, e.g. $filter=RelatedChangeNotice/Number eq 'ECN-000042' or ExternalReference eq '...'",
  })
  @ApiOkResponse({ description: 'OData collection of problem reports' })
  async list(@Query() options: ODataQueryDto, @Req() request: FastifyRequest): Promise<ODataCollection<ODataProblemReport>> {
    const query = compileQuery(options, PROBLEM_REPORT_FIELDS, PROBLEM_REPORT_DEFAULT_ORDER);
    const { limit, offset } = pageWindow(query, this.config.pageSize);
    const rows = await this.reports.find(query, limit, offset);
    return collection(request, `${serviceRoot(request, 'ChangeMgmt')}/$metadata#ProblemReports`, rows, query, this.config.pageSize);
  }

  @Post('ProblemReports')
  @ApiOperation({
    operationId: 'createProblemReport',
    summary: 'Creates a problem report in state OPEN, numbered PR-nnnnnn; an ExternalReference already used answers that report (200) instead',
  })
  @ApiCreatedResponse({
    description: 'The new problem report',
    headers: { Location: { description: "The report's URL", schema: { type: 'string', format: 'uri', maxLength: 2000 } } },
  })
  @ApiOkResponse({ description: 'A report with this ExternalReference exists: that report, unchanged' })
  @ApiBadRequestResponse({ description: 'OData error: a malformed body, an unknown RelatedChangeNotice or ReportedAgainst part version' })
  async create(
    @Body() body: CreateProblemReportInput,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Entity> {
    const { report, created } = await this.reports.create(body);
    const root = serviceRoot(request, 'ChangeMgmt');
    void reply.status(created ? HttpStatus.CREATED : HttpStatus.OK).header('location', `${root}/ProblemReports('${report.ID}')`);
    return { '@odata.context': `${root}/$metadata#ProblemReports/$entity`, ...report };
  }

  @Get('ProblemReports:reportKey')
  @ApiOperation({ operationId: 'getProblemReport', summary: "One problem report: ProblemReports('OR:wt.change2.WTChangeIssue:8001')" })
  @ApiParam({ name: 'reportKey', example: "('OR:wt.change2.WTChangeIssue:8001')", description: "The key in OData syntax, parentheses and quotes included" })
  @ApiOkResponse({ description: 'The problem report' })
  @ApiNotFoundResponse({ description: 'OData error EntityNotFound' })
  async get(@Param('reportKey') key: string, @Req() request: FastifyRequest): Promise<Entity> {
    const report = await this.reports.get(reportKey(key));
    return { '@odata.context': `${serviceRoot(request, 'ChangeMgmt')}/$metadata#ProblemReports/$entity`, ...report };
  }
}
