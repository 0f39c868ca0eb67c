import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { FIELD_LIMITS, RevisionAdoptionDto, RevisionAdoptionV2PageDto } from '@threadline/canonical';
import { ApiProblems, Deprecated, MAX_PAGE_SIZE, PageQueryDto } from '@threadline/platform';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { RevisionAdoptionService } from './revision-adoption.service';

class RevisionAdoptionQueryDto {
  @ApiPropertyOptional({ example: 'ECN-000042', maxLength: FIELD_LIMITS.changeNumber })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.changeNumber)
  @Matches(/^[A-Z0-9-]{1,40}$/)
  changeNumber?: string;

  @ApiPropertyOptional({ example: 20, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

class RevisionAdoptionListDto {
  // At most `limit` rows, itself at most MAX_PAGE_SIZE.
  @ApiProperty({ type: [RevisionAdoptionDto], maxItems: MAX_PAGE_SIZE })
  items: RevisionAdoptionDto[];
}

@ApiTags('dashboards')
@RequireScopes(Scopes.ExperienceRead)
@Controller('v1/dashboards')
export class RevisionAdoptionController {
  constructor(private readonly adoption: RevisionAdoptionService) {}

  @Get('revision-adoption')
  @ApiOperation({
    operationId: 'getRevisionAdoption',
    summary: 'Per engineering change: in how many of its target plants the new revision is production-effective (deprecated: use v2)',
    deprecated: true,
  })
  @Deprecated({
    since: '2026-11-26',
    sunset: '2027-06-30',
    successor: '/v2/dashboards/revision-adoption',
    documentation: 'https://threadline.dev/docs/api-versioning#revision-adoption-v2',
  })
  @ApiOkResponse({ type: RevisionAdoptionListDto })
  async revisionAdoption(@Query() query: RevisionAdoptionQueryDto): Promise<RevisionAdoptionListDto> {
    return { items: await this.adoption.list(query.changeNumber, query.limit) };
  }
}

class RevisionAdoptionV2QueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'ECN-000042', maxLength: FIELD_LIMITS.changeNumber })
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.changeNumber)
  @Matches(/^[A-Z0-9-]{1,40}$/)
  changeNumber?: string;
}

@ApiTags('dashboards')
@RequireScopes(Scopes.ExperienceRead)
@Controller('v2/dashboards')
export class RevisionAdoptionV2Controller {
  constructor(private readonly adoption: RevisionAdoptionService) {}

  @Get('revision-adoption')
  @ApiOperation({
    operationId: 'listRevisionAdoptionV2',
    summary: 'Per engineering change: adoption across its target plants (counts grouped, cursor-paged)',
  })
  @ApiOkResponse({ type: RevisionAdoptionV2PageDto })
  @ApiProblems('INVALID_CURSOR')
  revisionAdoption(@Query() query: RevisionAdoptionV2QueryDto): Promise<RevisionAdoptionV2PageDto> {
    return this.adoption.page(query.changeNumber, query.limit ?? 50, query.cursor);
  }
}
