import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PageQuery } from '@spotcheck/common';

export class PublicDrawQuery extends PageQuery {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    example: '150000',
    description: 'GB/T 2260 code: draws of plans inside it',
  })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be a 6-digit region code' })
  jurisdiction?: string;
}
