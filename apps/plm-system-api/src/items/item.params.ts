import { ApiProperty } from '@nestjs/swagger';
import { ITEM_NUMBER_PATTERN, REVISION_PATTERN } from '@threadline/canonical';
import { Matches } from 'class-validator';

export class ItemNumberParam {
  @ApiProperty({ example: 'PUMP-100' })
  @Matches(ITEM_NUMBER_PATTERN)
  itemNumber: string;
}

export class ItemRevisionParams extends ItemNumberParam {
  @ApiProperty({ example: 'B' })
  @Matches(REVISION_PATTERN)
  revision: string;
}
