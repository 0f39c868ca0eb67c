import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '@threadline/platform';
import { AUDIT_OUTCOMES, AuditOutcome } from './audit-entry';

export class AuditEventQueryDto {
  @ApiPropertyOptional({ description: 'Token subject (`sub`) that made the request', maxLength: 200, example: 'demo-approver' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  subject?: string;

  @ApiPropertyOptional({ description: 'OAuth client that made the request', maxLength: 200, example: 'demo-approver' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  clientId?: string;

  @ApiPropertyOptional({
    description: 'Resource path, or a prefix of one: `/v1/engineering-releases/ER-2026-0001` also finds its approvals',
    maxLength: 500,
    pattern: '^/',
    example: '/v1/engineering-releases',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^\//, { message: 'target must be a path starting with /' })
  target?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES, description: 'succeeded (2xx/3xx), rejected (4xx but 401/403), denied (401/403), failed (5xx)' })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: AuditOutcome;

  @ApiPropertyOptional({ description: 'From this instant (inclusive), ISO 8601', type: String, format: 'date-time', maxLength: 35, example: '2026-11-26T00:00:00Z' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ description: 'Until this instant (exclusive), ISO 8601', type: String, format: 'date-time', maxLength: 35, example: '2026-11-27T00:00:00Z' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @ApiPropertyOptional({ description: `Page size, at most ${MAX_PAGE_SIZE}`, example: 50, minimum: 1, maximum: MAX_PAGE_SIZE, type: 'integer', format: 'int32' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: "Opaque cursor from the previous page's `nextCursor`", maxLength: 512 })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class AuditEventDto {
  @ApiProperty({ description: "Record id within this app's trail", maxLength: 19, pattern: '^[0-9]+$', example: '1042' })
  id: string;

  @ApiProperty({ description: 'When the request arrived', format: 'date-time', maxLength: 35, example: '2026-11-26T23:41:07.120Z' })
  occurredAt: string;

  @ApiProperty({ description: 'App that served the request', maxLength: 64, example: 'process-api' })
  app: string;

  @ApiProperty({ enum: ['POST', 'PUT', 'PATCH', 'DELETE'], example: 'POST' })
  method: string;

  @ApiProperty({ description: 'Route as declared', maxLength: 500, example: '/v1/engineering-releases/:id/approvals' })
  route: string;

  @ApiProperty({ description: 'Resource path acted on (no query string)', maxLength: 2000, example: '/v1/engineering-releases/ER-2026-0001/approvals' })
  target: string;

  @ApiProperty({ description: 'Token subject; null when no valid token was presented', nullable: true, type: String, maxLength: 200, example: 'demo-approver' })
  subject: string | null;

  @ApiProperty({ description: 'OAuth client; null when no valid token was presented', nullable: true, type: String, maxLength: 200, example: 'demo-approver' })
  clientId: string | null;

  @ApiProperty({ description: 'Scopes the token carried', type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 50, example: ['releases:read', 'releases:approve'] })
  scopes: string[];

  @ApiProperty({ description: 'Correlation id of the request (X-Correlation-Id)', maxLength: 128, example: '3ce03047-3657-4bea-9124-23d09aa9e404' })
  correlationId: string;

  @ApiProperty({ description: 'HTTP status answered', type: 'integer', format: 'int32', minimum: 100, maximum: 599, example: 201 })
  status: number;

  @ApiProperty({ enum: AUDIT_OUTCOMES, example: 'succeeded' })
  outcome: AuditOutcome;

  @ApiProperty({ description: 'Problem code of a refused or failed request', nullable: true, type: String, maxLength: 80, example: null })
  errorCode: string | null;

  @ApiProperty({ description: 'Time to answer, in milliseconds', type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647, example: 12 })
  durationMs: number;

  @ApiPropertyOptional({
    description: "An operator action's reason, and the object before and after it (replaying or discarding a dead letter)",
    nullable: true,
    type: Object,
    example: { reason: 'material maintained in P2', before: { state: 'dead' }, after: { state: 'replaying' } },
  })
  details?: { reason?: string; before?: unknown; after?: unknown } | null;
}

/** One page of the audit trail, newest first; follow `nextCursor` until it is null. */
export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto], maxItems: MAX_PAGE_SIZE })
  items: AuditEventDto[];

  @ApiProperty({ description: 'Cursor of the next page; null on the last page', nullable: true, type: String, maxLength: 512, example: null })
  nextCursor: string | null;

  @ApiProperty({ description: 'Page size used', type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PAGE_SIZE, example: 50 })
  limit: number;
}
