import { Body, Controller, Get, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import type { FastifyReply } from 'fastify';
import { FreppleApiError } from '../errors/frepple-api.error';
import { FreppleErrorFilter } from '../errors/frepple-error.filter';
import { PlantService } from '../plants/plant.service';
import { WebhookService } from '../webhooks/webhook.service';
import { ProblemRecord, ProblemService, QualityHoldReport } from './problem.service';

const plantParam = ApiParam({ name: 'plant', example: 'P2', description: 'The plant whose frePPLe instance is addressed' });

/** frePPLe keeps names and references in at most 300 characters, a problem's name in at most 20. */
const REFERENCE_MAX = 300;
const PROBLEM_NAME_MAX = 20;

function textParam(name: string, raw: string | undefined, max: number): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || raw.length > max) throw FreppleApiError.badRequest({ [name]: [`Ensure this field has no more than ${max} characters.`] });
  return raw;
}

function intParam(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1) throw FreppleApiError.badRequest({ [name]: ['A valid positive integer is required.'] });
  return Number(raw);
}

function qualityHold(body: unknown): QualityHoldReport {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw FreppleApiError.badRequest({ non_field_errors: ['Invalid data. Expected a dictionary.'] });
  const { operationplan, description, resource = null, ...rest } = body as Record<string, unknown>;
  const errors: Record<string, string[]> = {};
  for (const name of Object.keys(rest)) errors[name] = ['Unknown field.'];
  if (typeof operationplan !== 'string' || operationplan.trim() === '') errors.operationplan = ['This field is required.'];
  else if (operationplan.length > 100) errors.operationplan = ['Ensure this field has no more than 100 characters.'];
  if (typeof description !== 'string' || description.trim() === '') errors.description = ['This field is required.'];
  else if (description.length > 2000) errors.description = ['Ensure this field has no more than 2000 characters.'];
  if (resource !== null && (typeof resource !== 'string' || resource.length > 100)) errors.resource = ['Not a valid string.'];
  if (Object.keys(errors).length > 0) throw FreppleApiError.badRequest(errors);
  return { operationplan: operationplan as string, description: (description as string).trim(), resource: resource as string | null };
}

/**
 * frePPLe's problems (its word for exceptions): the output list the planner recomputes on every
 * run, and (a mock extension) the shop floor's input of a quality hold on a manufacturing order.
 * A new problem is announced to the plant's webhook subscribers.
 */
@ApiTags('frePPLe problems')
@RequireScopes(Scopes.MockAccess)
@UseFilters(FreppleErrorFilter)
@Controller(':plant/api')
export class ProblemApiController {
  constructor(
    private readonly plants: PlantService,
    private readonly problems: ProblemService,
    private readonly webhooks: WebhookService,
  ) {}

  @Get('output/problem')
  @plantParam
  @ApiQuery({
    name: 'name',
    required: false,
    schema: { type: 'string', maxLength: PROBLEM_NAME_MAX, example: 'late' },
    description: "'late', 'material shortage', 'overload' or 'quality hold'",
  })
  @ApiQuery({ name: 'owner', required: false, schema: { type: 'string', maxLength: REFERENCE_MAX, example: '1000008' }, description: 'The manufacturing order' })
  @ApiQuery({
    name: 'id__gt',
    required: false,
    schema: { type: 'string', maxLength: REFERENCE_MAX, example: 'P2-EXC-000017' },
    description: 'Problems after this id (ids sort in creation order)',
  })
  @ApiQuery({ name: 'limit', required: false, type: Number, example: 100, description: 'Mock extension: at most this many (1000 at most)' })
  @ApiOperation({ operationId: 'listProblems', summary: 'The current problems of the plan, by id' })
  @ApiOkResponse({ description: 'A JSON array of problems' })
  async list(
    @Param('plant') plant: string,
    @Query('name') name?: string,
    @Query('owner') owner?: string,
    @Query('id__gt') idAfter?: string,
    @Query('limit') limit?: string,
  ): Promise<ProblemRecord[]> {
    const code = (await this.plants.require(plant)).code;
    return this.problems.list(code, {
      name: textParam('name', name, PROBLEM_NAME_MAX),
      owner: textParam('owner', owner, REFERENCE_MAX),
      idAfter: textParam('id__gt', idAfter, REFERENCE_MAX),
      limit: intParam('limit', limit),
    });
  }

  @Get('output/problem/:id')
  @plantParam
  @ApiParam({ name: 'id', example: 'P2-EXC-000017' })
  @ApiOperation({ operationId: 'getProblem', summary: 'One problem, also when the latest plan no longer finds it (active: false)' })
  @ApiOkResponse({ description: 'The problem' })
  async get(@Param('plant') plant: string, @Param('id') id: string): Promise<ProblemRecord> {
    return this.problems.get((await this.plants.require(plant)).code, id);
  }

  @Post('input/problem')
  @plantParam
  @ApiBody({
    description: 'A quality hold on a manufacturing order: { "operationplan": "1000008", "description": "Leak test failed", "resource": "P2-TEST" }',
    schema: { type: 'object', example: { operationplan: '1000008', description: 'Leak test failed on 3 of 25 units; lot blocked', resource: 'P2-TEST' } },
  })
  @ApiOperation({
    operationId: 'reportQualityHold',
    summary: 'Shop floor: report a quality hold on a manufacturing order (201; 200 with the hold already there for that order)',
  })
  async reportQualityHold(@Param('plant') plant: string, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<ProblemRecord> {
    const code = (await this.plants.require(plant)).code;
    const { record, created } = await this.problems.reportQualityHold(code, qualityHold(body));
    if (created) this.webhooks.announceProblems(code, [record]);
    void reply.status(created ? 201 : 200);
    return record;
  }
}
