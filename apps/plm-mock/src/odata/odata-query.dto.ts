import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Longest $filter and $orderby accepted: far beyond what any client of the simulated Windchill builds. */
const FILTER_MAX = 2000;
const ORDER_BY_MAX = 200;

/** OData system query options accepted on collections; anything else is refused with 400. */
export class ODataQueryDto {
  @ApiPropertyOptional({ name: '$filter', example: "Number eq 'PUMP-100' and State eq 'RELEASED'", maxLength: FILTER_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(FILTER_MAX)
  $filter?: string;

  @ApiPropertyOptional({ name: '$orderby', example: 'ResolutionDate asc', maxLength: ORDER_BY_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(ORDER_BY_MAX)
  $orderby?: string;

  @ApiPropertyOptional({ name: '$top', example: '50', maxLength: 6 })
  @IsOptional()
  @MaxLength(6)
  @Matches(/^\d{1,6}$/)
  $top?: string;

  @ApiPropertyOptional({ name: '$skip', example: '0', maxLength: 9 })
  @IsOptional()
  @MaxLength(9)
  @Matches(/^\d{1,9}$/)
  $skip?: string;
}
