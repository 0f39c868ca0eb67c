import { Controller, Get, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { FreppleErrorFilter } from '../errors/frepple-error.filter';
import { Plant, PlantService } from './plant.service';

/** Mock extension: the frePPLe instances this server hosts, one per plant, with their time zones. */
@ApiTags('plants (mock extension)')
@RequireScopes(Scopes.MockAccess)
@UseFilters(FreppleErrorFilter)
@Controller('plants')
export class PlantsController {
  constructor(private readonly plants: PlantService) {}

  @Get()
  @ApiOperation({ operationId: 'listPlants', summary: 'The plants (frePPLe instances) served under /{plant}/' })
  @ApiOkResponse({ description: '[{ "code": "P1", "name": "Leipzig", "timezone": "Europe/Berlin" }]' })
  list(): Promise<Plant[]> {
    return this.plants.list();
  }
}
