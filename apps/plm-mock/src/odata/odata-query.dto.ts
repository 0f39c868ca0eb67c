import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** OData system query options accepted on collections; anything else is refused with 400. */
export class ODataQueryDto {
  @ApiPropertyOptional({ name: '$filter', example: "Number eq 'PUMP-100' and State eq 'RELEASED'" })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  $filter?: string;

  @ApiPropertyOptional({ name: '$orderby', example: 'ResolutionDate asc' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  $orderby?: string;

  @ApiPropertyOptional({ name: '$top', example: '50' })
  @IsOptional()
  @Matches(/^\d{1,6}$/)
  $top?: string;

  @ApiPropertyOptional({ name: '$skip', example: '0' })
  @IsOptional()
  @Matches(/^\d{1,9}$/)
  $skip?: string;
}
