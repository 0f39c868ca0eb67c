import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DEFAULT_PAGE_SIZE, ApiProblems } from '@threadline/platform';
import { RequireScopes } from '../require-scopes.decorator';
import { Scopes } from '../scopes';
import { AuditEventPageDto, AuditEventQueryDto } from './audit-event.dto';
import { AuditTrailService } from './audit-trail.service';

@ApiTags('audit')
@RequireScopes(Scopes.AuditRead)
@Controller('v1/audit-events')
export class AuditEventsController {
  constructor(@Inject(AuditTrailService) private readonly trail: AuditTrailService) {}

  @Get()
  @ApiOperation({
    operationId: 'listAuditEvents',
    summary: "This app's audit trail of mutating requests, newest first: filter by subject, client, target, outcome and time",
  })
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiProblems('INVALID_CURSOR')
  async list(@Query() query: AuditEventQueryDto): Promise<AuditEventPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const page = await this.trail.query({ ...query, limit });
    return {
      items: page.items.map((entry) => ({ ...entry, occurredAt: entry.occurredAt.toISOString() })),
      nextCursor: page.nextCursor,
      limit,
    };
  }
}
