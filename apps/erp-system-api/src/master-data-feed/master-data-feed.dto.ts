import { ApiProperty } from '@nestjs/swagger';
import { FIELD_LIMITS } from '@threadline/canonical';

export class MasterDataFeedSyncResultDto {
  @ApiProperty({ example: 2, description: "ERP's master-data change pointers read by this sync (each dropped the cached answers of its item)" })
  changes: number;

  @ApiProperty({
    example: '2026-12-05T09:00:00.123Z',
    type: String,
    format: 'date-time',
    maxLength: FIELD_LIMITS.isoDateTime,
    description: "ERP's change time this API instance's next sync reads from (the settle horizon holds it back, so the newest changes are read again)",
  })
  cursor: string;
}
