import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import {
  SECTORS,
  TARGET_METRICS,
  parseTargetValue,
  type Sector,
  type TargetMetric,
} from '@spotcheck/domain';
import { Text } from '@spotcheck/common';
import { IsRegionCode, fromCheck } from '../directory/validators';

/** A percentage from 0 to 100, at most two decimals; the message says what is wrong. */
const IsTargetValue = () => fromCheck('isTargetValue', (v) => parseTargetValue(v));

const TARGET_DESCRIPTION =
  'Percent from 0 to 100, at most two decimals; a JSON number or a decimal string ("96.5")';

export class CreateTargetDto {
  @ApiProperty({
    example: '150100',
    description: 'GB/T 2260 code; the target holds in its subtree',
  })
  @IsRegionCode()
  jurisdiction!: string;

  @ApiProperty({ enum: SECTORS, example: 'manufacturing' })
  @IsIn(SECTORS)
  sector!: Sector;

  @ApiProperty({ example: 2026, description: 'Holds from this year until a later one is set' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({
    enum: TARGET_METRICS,
    default: 'pass_rate',
    description: 'pass_rate 合格率, or disposal_rate 问题处置率',
  })
  @IsOptional()
  @IsIn(TARGET_METRICS)
  metric: TargetMetric = 'pass_rate';

  @ApiProperty({
    oneOf: [{ type: 'number' }, { type: 'string' }],
    example: '96.5',
    description: TARGET_DESCRIPTION,
  })
  @IsTargetValue()
  target!: number | string;

  @ApiProperty({
    example: '呼和浩特市质量发展规划 2026 年目标',
    description: 'Where the target comes from',
  })
  @Text(200)
  source!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Text(1000)
  note?: string | null;
}

export class UpdateTargetDto {
  @ApiPropertyOptional({
    oneOf: [{ type: 'number' }, { type: 'string' }],
    example: '97',
    description: TARGET_DESCRIPTION,
  })
  // Left out: unchanged; null is no target (IsOptional would let it through).
  @ValidateIf((_: object, v: unknown) => v !== undefined)
  @IsTargetValue()
  target?: number | string;

  @ApiPropertyOptional({ example: '呼和浩特市质量发展规划 2026 年目标（修订）' })
  @ValidateIf((_: object, v: unknown) => v !== undefined)
  @Text(200)
  source?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null removes the note' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @Text(1000)
  note?: string | null;
}

export class TargetQuery {
  @ApiPropertyOptional({ example: '150000' })
  @IsOptional()
  @IsRegionCode()
  jurisdiction?: string;

  @ApiPropertyOptional({ enum: SECTORS })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: Sector;

  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: TARGET_METRICS })
  @IsOptional()
  @IsIn(TARGET_METRICS)
  metric?: TargetMetric;
}

export class TargetDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '150000' })
  jurisdiction!: string;

  @ApiProperty({ enum: SECTORS })
  sector!: Sector;

  @ApiProperty({ example: 2025 })
  year!: number;

  @ApiProperty({ enum: TARGET_METRICS })
  metric!: TargetMetric;

  @ApiProperty({ example: '96.5', description: 'Percent, as a decimal string' })
  target!: string;

  @ApiProperty({ example: '质量发展纲要 2025 年目标' })
  source!: string;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty()
  createdBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;

  @ApiProperty()
  updatedBy!: string;
}

export class TargetListDto {
  @ApiProperty({ type: [TargetDto] })
  items!: TargetDto[];
}
