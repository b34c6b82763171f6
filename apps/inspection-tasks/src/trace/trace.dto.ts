import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '@spotcheck/common';

/** No control characters: PostgreSQL refuses NUL, and the others have no place in a search. */
const PRINTABLE = /^[^\p{Cc}]+$/u;

export class TraceEnterpriseQuery extends PageQuery {}

export class TraceProductQuery {
  @ApiPropertyOptional({ example: '06901234567892', description: 'GTIN-8/12/13/14' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{8}$|^\d{12,14}$/, { message: 'gtin must be 8, 12, 13 or 14 digits' })
  gtin?: string;

  @ApiPropertyOptional({ example: '20260301A', description: 'batch or lot, exactly as printed' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(PRINTABLE, { message: 'batch must not contain control characters' })
  batch?: string;

  @ApiPropertyOptional({ example: '纯牛奶', description: 'part of the product name' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name?: string;

  @ApiPropertyOptional({ description: 'the nominal manufacturer: its USCC, or part of its name' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, { message: 'manufacturer must not contain control characters' })
  manufacturer?: string;
}
