import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { RevisionAdoptionDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { RevisionAdoptionService } from './revision-adoption.service';

class RevisionAdoptionQueryDto {
  @ApiPropertyOptional({ example: 'ECN-000042' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9-]{1,40}$/)
  changeNumber?: string;

  @ApiPropertyOptional({ example: 20, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

class RevisionAdoptionListDto {
  @ApiProperty({ type: [RevisionAdoptionDto] })
  items: RevisionAdoptionDto[];
}

@ApiTags('dashboards')
@RequireScopes(Scopes.ExperienceRead)
@Controller('v1/dashboards')
export class RevisionAdoptionController {
  constructor(private readonly adoption: RevisionAdoptionService) {}

  @Get('revision-adoption')
  @ApiOperation({ operationId: 'getRevisionAdoption', summary: 'Per engineering change: in how many of its target plants the new revision is production-effective' })
  @ApiOkResponse({ type: RevisionAdoptionListDto })
  async revisionAdoption(@Query() query: RevisionAdoptionQueryDto): Promise<RevisionAdoptionListDto> {
    return { items: await this.adoption.list(query.changeNumber, query.limit) };
  }
}
