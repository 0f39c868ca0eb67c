import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, UseFilters } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { FreppleApiError } from '../errors/frepple-api.error';
import { FreppleErrorFilter } from '../errors/frepple-error.filter';
import { PlantService } from '../plants/plant.service';
import { EntityDefinition, ENTITIES, entityByName } from './entity-definitions';
import { FreppleRecord, RecordService } from './record.service';

const entityParam = ApiParam({ name: 'entity', enum: ENTITIES.map((e) => e.name), example: 'operationmaterial' });
const plantParam = ApiParam({ name: 'plant', example: 'P1', description: 'The plant whose frePPLe instance is addressed' });
const keyParam = ApiParam({ name: 'key', example: 'P1-CNC', description: "The record's key (name, reference or id)" });
const recordBody = ApiBody({ description: 'One record or (for bulk) a list of records, with frePPLe field names', schema: { type: 'object' } });

/**
 * frePPLe's REST input API (`/api/input/<model>/`), one instance per plant. Lists take field
 * filters (`?item=PUMP-100`, `?source=ECN-1`, `?due__lt=2026-12-01`, `?status__in=a,b`).
 */
@ApiTags('frePPLe input API')
@RequireScopes(Scopes.MockAccess)
@UseFilters(FreppleErrorFilter)
@Controller(':plant/api/input')
export class InputApiController {
  constructor(
    private readonly plants: PlantService,
    private readonly records: RecordService,
  ) {}

  @Get(':entity')
  @plantParam
  @entityParam
  @ApiOperation({ operationId: 'listRecords', summary: 'List the records of one input model, filtered by field (?format=json)' })
  @ApiOkResponse({ description: 'A JSON array of records' })
  async list(@Param('plant') plant: string, @Param('entity') entity: string, @Query() query: Record<string, unknown>): Promise<FreppleRecord[]> {
    return this.records.list(await this.plantCode(plant), this.entity(entity), query);
  }

  @Get(':entity/:key')
  @plantParam
  @entityParam
  @keyParam
  @ApiOperation({ operationId: 'getRecord', summary: 'Read one record by its key' })
  @ApiOkResponse({ description: 'The record' })
  async get(@Param('plant') plant: string, @Param('entity') entity: string, @Param('key') key: string): Promise<FreppleRecord> {
    return this.records.get(await this.plantCode(plant), this.entity(entity), key);
  }

  @Post(':entity')
  @plantParam
  @entityParam
  @recordBody
  @ApiOperation({ operationId: 'createRecords', summary: 'Create one record, or a list of records in one transaction' })
  async create(@Param('plant') plant: string, @Param('entity') entity: string, @Body() body: unknown): Promise<FreppleRecord | FreppleRecord[]> {
    return this.records.create(await this.plantCode(plant), this.entity(entity), body);
  }

  @Put(':entity')
  @HttpCode(200)
  @plantParam
  @entityParam
  @recordBody
  @ApiOperation({ operationId: 'upsertRecords', summary: 'Bulk: update the listed records that exist (by key), create the others, in one transaction' })
  async upsertAll(@Param('plant') plant: string, @Param('entity') entity: string, @Body() body: unknown): Promise<FreppleRecord[]> {
    return this.records.upsertMany(await this.plantCode(plant), this.entity(entity), body, false);
  }

  @Patch(':entity')
  @plantParam
  @entityParam
  @recordBody
  @ApiOperation({ operationId: 'patchRecords', summary: 'Bulk partial update (creates records whose key is absent), in one transaction' })
  async patchAll(@Param('plant') plant: string, @Param('entity') entity: string, @Body() body: unknown): Promise<FreppleRecord[]> {
    return this.records.upsertMany(await this.plantCode(plant), this.entity(entity), body, true);
  }

  @Put(':entity/:key')
  @plantParam
  @entityParam
  @keyParam
  @recordBody
  @ApiOperation({ operationId: 'replaceRecord', summary: 'Update one record; required fields must be given' })
  async replace(@Param('plant') plant: string, @Param('entity') entity: string, @Param('key') key: string, @Body() body: unknown): Promise<FreppleRecord> {
    return this.records.update(await this.plantCode(plant), this.entity(entity), key, body, false);
  }

  @Patch(':entity/:key')
  @plantParam
  @entityParam
  @keyParam
  @recordBody
  @ApiOperation({ operationId: 'patchRecord', summary: 'Partially update one record' })
  async patch(@Param('plant') plant: string, @Param('entity') entity: string, @Param('key') key: string, @Body() body: unknown): Promise<FreppleRecord> {
    return this.records.update(await this.plantCode(plant), this.entity(entity), key, body, true);
  }

  @Delete(':entity/:key')
  @HttpCode(204)
  @plantParam
  @entityParam
  @keyParam
  @ApiOperation({ operationId: 'deleteRecord', summary: 'Delete one record' })
  async delete(@Param('plant') plant: string, @Param('entity') entity: string, @Param('key') key: string): Promise<void> {
    await this.records.delete(await this.plantCode(plant), this.entity(entity), key);
  }

  private async plantCode(plant: string): Promise<string> {
    return (await this.plants.require(plant)).code;
  }

  private entity(name: string): EntityDefinition {
    const entity = entityByName(name);
    if (!entity) throw FreppleApiError.notFound(`Unknown model '${name}'.`);
    return entity;
  }
}
