import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MaterialAvailabilityDto, MaterialAvailabilityResultDto, PlantCodeParam } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ApiProblems, BACKEND_FAILURE_CODES } from '@threadline/platform';
import { ApplyMaterialAvailabilityService } from './apply-material-availability.service';

@ApiTags('material availability')
@Controller('v1/plants/:plant/material-availability')
export class MaterialAvailabilityController {
  constructor(private readonly availability: ApplyMaterialAvailabilityService) {}

  @Put()
  @HttpCode(200)
  @RequireScopes(Scopes.SchedulingWrite)
  @ApiOperation({
    operationId: 'putMaterialAvailability',
    summary:
      "Give the plant's scheduler the current stock on hand and open supply (purchase orders with dates) of components, replacing what it held for them, and re-plan; idempotent",
  })
  @ApiOkResponse({ type: MaterialAvailabilityResultDto, description: 'Applied (components the scheduler does not plan are named in unknown) and re-planned' })
  // NOT_FOUND: no scheduler instance for the plant; BACKEND_REJECTED: the scheduler refused the records written.
  @ApiProblems('NOT_FOUND', ...BACKEND_FAILURE_CODES, 'BACKEND_REJECTED', 'SCHEDULER_UNMAPPED_VALUE')
  put(@Param() params: PlantCodeParam, @Body() body: MaterialAvailabilityDto): Promise<MaterialAvailabilityResultDto> {
    return this.availability.apply(params.plant, body);
  }
}
