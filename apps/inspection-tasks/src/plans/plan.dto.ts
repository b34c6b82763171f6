import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { PLAN_STATES } from '@spotcheck/domain';
import type { PlanState } from '@spotcheck/domain';
import { PageQuery, Raw, Text } from '@spotcheck/common';
import type { PlanLevel, SamplingStage } from '@spotcheck/database';

export const PLAN_LEVELS = ['national', 'provincial', 'prefecture'] as const;
export const SAMPLING_STAGES = ['production', 'distribution', 'online'] as const;
/** The jurisdiction of a national plan: the whole country, not a GB/T 2260 entry. */
export { NATIONAL_JURISDICTION } from '@spotcheck/domain';

const CATEGORY = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
const CODE = /^\S(?:.*\S)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const notNull = (_: object, v: unknown) => v !== null;

export class CreatePlanDto {
  @ApiProperty({ example: 'NM-2026-001', description: 'Unique plan number, 1–64 characters' })
  @Raw(64)
  @Matches(CODE, { message: 'code must not start or end with whitespace' })
  code!: string;

  @ApiProperty({ example: '2026年内蒙古自治区乳制品质量监督抽查' })
  @Text(200)
  title!: string;

  @ApiProperty({
    enum: PLAN_LEVELS,
    description:
      'national: jurisdiction 000000 (admins and national regulators); provincial: a province code (…0000); prefecture: a prefecture code (…00)',
  })
  @IsIn(PLAN_LEVELS)
  level!: PlanLevel;

  @ApiProperty({ example: '150100', description: 'GB/T 2260 code inside your jurisdiction' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be 6 digits' })
  jurisdiction!: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ type: [String], example: ['DAIRY-PAST'], description: 'Catalog codes' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(CATEGORY, { each: true, message: 'each category must be a catalog code' })
  categories!: string[];

  @ApiProperty({ enum: SAMPLING_STAGES, isArray: true, example: ['production', 'distribution'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(SAMPLING_STAGES, { each: true })
  stages!: SamplingStage[];

  @ApiPropertyOptional({
    example: { A: '0.03', B: '10%' },
    description:
      'Ratio per credit-risk class as a decimal fraction or percentage string; classes left out keep the defaults (A 3 %, B 10 %, C 30 %, D 100 %). Stored as basis points.',
  })
  // Left out: the defaults; null is not an object (IsOptional would let it through).
  @ValidateIf((_: object, v: unknown) => v !== undefined)
  @IsObject()
  ratios?: Record<string, unknown>;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  stratifyByPrefecture?: boolean;

  @ApiPropertyOptional({ minimum: 1, nullable: true })
  @IsOptional()
  @ValidateIf(notNull)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  maxTasks?: number | null;

  @ApiPropertyOptional({
    minimum: 1,
    nullable: true,
    description: 'Workload cap: the most tasks the draw gives one inspector (null: no cap)',
  })
  @IsOptional()
  @ValidateIf(notNull)
  @IsInt()
  @Min(1)
  @Max(100_000)
  maxTasksPerInspector?: number | null;

  @ApiPropertyOptional({ example: '2026-06-30', nullable: true })
  @IsOptional()
  @ValidateIf(notNull)
  @Matches(DATE, { message: 'samplingDeadline must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  samplingDeadline?: string | null;

  @ApiPropertyOptional({ example: '2026-09-30', nullable: true })
  @IsOptional()
  @ValidateIf(notNull)
  @Matches(DATE, { message: 'reportDeadline must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  reportDeadline?: string | null;
}

/** Any field of a draft; `null` clears the caps and the deadlines. */
export class UpdatePlanDto extends PartialType(CreatePlanDto, {
  skipNullProperties: false,
}) {}

export class PlanQuery extends PageQuery {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: PLAN_STATES })
  @IsOptional()
  @IsIn(PLAN_STATES)
  state?: PlanState;

  @ApiPropertyOptional({ enum: PLAN_LEVELS })
  @IsOptional()
  @IsIn(PLAN_LEVELS)
  level?: PlanLevel;
}

export class CommitPlanDto {
  @ApiProperty({
    example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    description: 'sha256(seed) as 64 lowercase hex digits; the seed itself is revealed at the draw',
  })
  @Raw(1000)
  commitment!: string;

  @ApiPropertyOptional({ example: '呼和浩特市公证处', description: 'Who witnessed the commitment' })
  @IsOptional()
  @Text(200)
  witness?: string;
}

export class CancelPlanDto {
  @ApiProperty({ example: '计划调整', description: 'Why the plan is cancelled (audited)' })
  @Text(500)
  reason!: string;
}

/** A sampling plan as the API answers it. */
export class PlanDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'NM-2026-001' })
  code!: string;

  @ApiProperty({ example: '2026年内蒙古自治区乳制品质量监督抽查' })
  title!: string;

  @ApiProperty({ enum: PLAN_LEVELS })
  level!: PlanLevel;

  @ApiProperty({ example: '150000', description: "GB/T 2260 code; '000000' for a national plan" })
  jurisdiction!: string;

  @ApiProperty({ example: 2026 })
  year!: number;

  @ApiProperty({ type: [String], example: ['DAIRY-PAST'] })
  categories!: string[];

  @ApiProperty({ enum: SAMPLING_STAGES, isArray: true })
  stages!: SamplingStage[];

  @ApiProperty({
    example: { A: 300, B: 1000, C: 3000, D: 10000 },
    description: 'Ratio per credit-risk class in basis points (300 = 3 %), every class present',
  })
  ratios!: Record<string, number>;

  @ApiProperty()
  stratifyByPrefecture!: boolean;

  @ApiProperty({ type: Number, nullable: true })
  maxTasks!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  maxTasksPerInspector!: number | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  samplingDeadline!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  reportDeadline!: string | null;

  @ApiProperty({ enum: PLAN_STATES })
  state!: PlanState;

  @ApiProperty({ type: String, nullable: true, description: 'sha256(seed), once committed' })
  commitment!: string | null;

  @ApiProperty({ type: String, nullable: true })
  witness!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  committedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;

  @ApiProperty({ description: 'Row version, raised by every write' })
  version!: number;
}

export class PlanPageDto {
  @ApiProperty({ type: [PlanDto] })
  items!: PlanDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor!: string | null;
}
