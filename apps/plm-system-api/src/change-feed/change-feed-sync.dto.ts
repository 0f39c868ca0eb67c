import { ApiProperty } from '@nestjs/swagger';
import { FIELD_LIMITS } from '@threadline/canonical';

export class FeedCursorDto {
  @ApiProperty({ example: '2026-11-20T09:00:00.000Z', description: 'Release time of the last change announced from the feed', maxLength: FIELD_LIMITS.isoDateTime })
  releasedAt: string;

  @ApiProperty({ example: 'ECN-000042', description: 'Its number (the tie-breaker within one release time)', maxLength: FIELD_LIMITS.changeNumber })
  changeNumber: string;
}

export class ChangeFeedSyncResultDto {
  @ApiProperty({ example: 1, description: 'Released changes announced by this run (read after the cursor)' })
  announced: number;

  @ApiProperty({ type: FeedCursorDto, nullable: true, description: 'Where the feed stands now; null before the first release' })
  cursor: FeedCursorDto | null;
}
