import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { COMPARISON_MODES } from '@spotcheck/domain';
import type { ComparisonMode } from '@spotcheck/domain';
import { Raw, Text } from '@spotcheck/common';

/**
 * A result item. For an item of the category's template only `itemCode` and the result are
 * needed; the other fields override the template. An item not in the template needs
 * `itemName` and `limit`.
 */
export class ReportItemDto {
  @ApiProperty({ example: 'PB' })
  @Text(64)
  itemCode!: string;

  @ApiPropertyOptional({ example: '铅（以Pb计）' })
  @IsOptional()
  @Text(200)
  itemName?: string;

  @ApiPropertyOptional({ example: 'GB 5009.12-2023' })
  @IsOptional()
  @Text(200)
  method?: string;

  @ApiPropertyOptional({ example: 'mg/kg' })
  @IsOptional()
  @Text(32)
  unit?: string;

  @ApiPropertyOptional({
    description:
      'the limit: notation (`≤0.5`, `0.1~0.5`, `不得检出(0.01)`, `{合格|符合}`) or a LimitRule object',
    example: '≤0.5',
  })
  @IsOptional()
  @Allow()
  limit?: unknown;

  @ApiPropertyOptional({ description: 'the limit as the standard writes it; default from limit' })
  @IsOptional()
  @Text(200)
  limitText?: string;

  @ApiPropertyOptional({ enum: COMPARISON_MODES, default: 'full' })
  @IsOptional()
  @IsIn(COMPARISON_MODES)
  comparison?: ComparisonMode;

  @ApiPropertyOptional({ minimum: -100, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(-100)
  @Max(100)
  roundingDigits?: number;

  @ApiPropertyOptional({
    description: 'the measured value as a decimal string (`0.52`), ND/未检出, or a text result',
    example: '0.52',
  })
  @IsOptional()
  @Text(200)
  value?: string;

  @ApiPropertyOptional({ description: 'not tested, and why (instead of a value)' })
  @IsOptional()
  @Text(500)
  notTestedReason?: string;
}

const Items = () => (target: object, key: string) => {
  IsArray()(target, key);
  ArrayMinSize(1)(target, key);
  ArrayMaxSize(500)(target, key);
  ValidateNested({ each: true })(target, key);
  Type(() => ReportItemDto)(target, key);
};

export class CreateReportDto {
  @ApiProperty({ example: 'NM-2026-001-0001' })
  @Raw(80)
  sampleNo!: string;

  @ApiProperty({ example: 'JC2026-0001', description: 'unique in the lab' })
  @Text(64)
  reportNo!: string;

  @ApiPropertyOptional({
    type: [ReportItemDto],
    description: 'default: every item of the category template, without results',
  })
  @IsOptional()
  @Items()
  items?: ReportItemDto[];
}

export class PutItemsDto {
  @ApiProperty({ type: [ReportItemDto] })
  @Items()
  items!: ReportItemDto[];
}

export class ReasonDto {
  @ApiProperty({ example: '铅含量单位录入错误' })
  @Text(1000)
  reason!: string;
}

export class ReportListQuery {
  @ApiProperty({ example: 'NM-2026-001-0001' })
  @Raw(80)
  sampleNo!: string;
}
