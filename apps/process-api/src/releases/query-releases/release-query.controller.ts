import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@threadline/platform';
import { releaseEtag } from '../release-etag';
import { EngineeringReleaseDto } from '@threadline/canonical';
import { RequireScopes, Scopes } from '@threadline/gateway-auth';
import { ListReleasesQueryDto, ReleasePageDto } from './release-query.dto';
import { ReleaseQueryService } from './release-query.service';

@ApiTags('engineering-releases')
@RequireScopes(Scopes.ReleasesRead, Scopes.ReleasesWrite)
@Controller('v1/engineering-releases')
export class ReleaseQueryController {
  constructor(private readonly releases: ReleaseQueryService) {}

  @Get()
  @ApiOperation({ operationId: 'listEngineeringReleases', summary: 'List engineering releases, newest first (filter by change number or state)' })
  @ApiOkResponse({ type: ReleasePageDto })
  @ApiProblems('INVALID_CURSOR')
  list(@Query() query: ListReleasesQueryDto): Promise<ReleasePageDto> {
    return this.releases.list(query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getEngineeringRelease', summary: 'One engineering release with its plant rollouts and full history' })
  @ApiOkResponse({ type: EngineeringReleaseDto, headers: { ETag: { description: 'Version of the release; send it as If-Match when approving', schema: { type: 'string', maxLength: 100 } } } })
  @ApiProblems('RELEASE_NOT_FOUND')
  async get(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EngineeringReleaseDto> {
    const release = await this.releases.get(id);
    void reply.header('etag', releaseEtag(release));
    return release;
  }
}
