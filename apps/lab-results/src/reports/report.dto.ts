import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
} from 'class-validator';
import { FieldErrorDto, LocalizedDto, Nested, NestedList, Raw, Text } from '@spotcheck/common';
import { COMPARISON_MODES, REPORT_EVENTS, REPORT_STATES } from '@spotcheck/domain';
import type { ComparisonMode, ReportEvent, ReportState } from '@spotcheck/domain';

/**
 * A result item. For an item of the category's template only `itemCode` and the result are
 * needed; the other fields override the template. An item not in the template needs
 * `itemName` and `limit`.
 */
/** The enterprise's declared standard an item is judged by, when stricter than the template. */
export class LimitBasisDto {
  @ApiProperty({ enum: ['enterprise_standard'] })
  @IsIn(['enterprise_standard'])
  kind!: 'enterprise_standard';

  @ApiProperty({ example: 'Q/NMYL 0001S-2024', description: 'the standard’s number' })
  @Text(200)
  reference!: string;
}

/** The enterprise standard an item was judged by, and the template's limit it replaced. */
export class StoredLimitBasisDto {
  @ApiProperty({ enum: ['enterprise_standard'] })
  kind!: 'enterprise_standard';
  @ApiProperty()
  reference!: string;
  @ApiProperty({ example: '≤0.5' })
  templateLimit!: string;
}

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

  @ApiPropertyOptional({
    type: LimitBasisDto,
    description:
      'a template item keeps its limit; a different `limit` needs this: the enterprise’s declared standard, stricter than the template’s (flagged to regulators)',
  })
  @IsOptional()
  @Nested(() => LimitBasisDto)
  limitBasis?: LimitBasisDto;

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
  ArrayMinSize(1)(target, key);
  ArrayMaxSize(500)(target, key);
  NestedList(() => ReportItemDto)(target, key);
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

export class FailedItemDto {
  @ApiProperty({ example: 'PB' })
  itemCode!: string;

  @ApiProperty({ example: '铅（以Pb计）' })
  itemName!: string;

  @ApiProperty({ example: '0.52' })
  value!: string;

  @ApiProperty({ type: String, nullable: true, example: 'mg/kg' })
  unit!: string | null;

  @ApiProperty({ example: '≤0.5' })
  limit!: string;

  @ApiProperty({ type: LocalizedDto })
  reason!: LocalizedDto;
}

/** One version of a report. */
export class ReportVersionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  labId!: string;

  @ApiProperty({ example: 'NM-2026-001-0001' })
  sampleNo!: string;

  @ApiProperty({ example: 'JC2026-0001' })
  reportNo!: string;

  @ApiProperty({ minimum: 1 })
  version!: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  amendsId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  amendmentReason!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "a retest lab's report: the objection it concludes; its conclusion is final",
  })
  objectionId!: string | null;

  @ApiProperty({ enum: REPORT_STATES })
  state!: ReportState;

  @ApiProperty({ type: String, nullable: true, enum: ['pass', 'fail', 'not_applicable'] })
  verdict!: string | null;

  @ApiProperty({ type: [FailedItemDto], nullable: true })
  failedItems!: FailedItemDto[] | null;

  @ApiProperty({ type: [String], description: 'everyone who entered or changed a result' })
  testedBy!: string[];

  @ApiProperty({ type: String, nullable: true })
  submittedBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt!: Date | null;

  @ApiProperty({ type: String, nullable: true })
  reviewedBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  reviewedAt!: Date | null;

  @ApiProperty({ type: String, nullable: true })
  issuedBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  issuedAt!: Date | null;

  @ApiProperty({ type: String, nullable: true })
  returnedBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  returnedAt!: Date | null;

  @ApiProperty({ type: String, nullable: true })
  returnedReason!: string | null;

  @ApiProperty()
  createdBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}

export class StoredItemDto {
  @ApiProperty({ minimum: 1 })
  seq!: number;

  @ApiProperty({ example: 'PB' })
  itemCode!: string;

  @ApiProperty({ example: '铅（以Pb计）' })
  itemName!: string;

  @ApiProperty({ type: String, nullable: true })
  method!: string | null;

  @ApiProperty({ type: String, nullable: true })
  unit!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'libs/domain LimitRule: range, not_detected or text',
  })
  limitRule!: Record<string, unknown>;

  @ApiProperty({ example: '≤0.5' })
  limitText!: string;

  @ApiProperty({ enum: COMPARISON_MODES })
  comparison!: ComparisonMode;

  @ApiProperty({ type: Number, nullable: true })
  roundingDigits!: number | null;

  @ApiProperty({ type: String, nullable: true })
  value!: string | null;

  @ApiProperty({ type: String, nullable: true })
  notTestedReason!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'stored when the version is issued' })
  verdict!: string | null;

  @ApiProperty({ type: LocalizedDto, nullable: true })
  reason!: LocalizedDto | null;

  @ApiProperty({
    type: StoredLimitBasisDto,
    nullable: true,
    description: 'judged by the enterprise’s stricter declared standard, not the template’s limit',
  })
  limitBasis!: StoredLimitBasisDto | null;
}

class PreviewItemDto {
  @ApiProperty()
  itemCode!: string;

  @ApiProperty({ type: String, nullable: true })
  outcome!: string | null;

  @ApiProperty({ type: LocalizedDto, nullable: true })
  reason!: LocalizedDto | null;
}

class PreviewDto {
  @ApiProperty({ description: 'every item has a value or a not-tested reason' })
  complete!: boolean;

  @ApiProperty({ type: String, nullable: true })
  verdict!: string | null;

  @ApiProperty({ type: [PreviewItemDto] })
  items!: PreviewItemDto[];

  @ApiProperty({ type: [FieldErrorDto] })
  problems!: FieldErrorDto[];
}

export class ReportDetailDto extends ReportVersionDto {
  @ApiProperty({ type: [StoredItemDto] })
  items!: StoredItemDto[];

  @ApiProperty({ type: PreviewDto, description: 'the verdict the items give now' })
  preview!: PreviewDto;

  @ApiProperty({
    enum: REPORT_EVENTS,
    isArray: true,
    description: 'the events the caller may send now (their roles and the four-eyes rules)',
  })
  allowedEvents!: ReportEvent[];
}

export class ReportChainDto {
  @ApiProperty()
  sampleNo!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'the latest issued version' })
  countingVersion!: number | null;

  @ApiProperty({ type: ReportVersionDto, nullable: true })
  counting!: ReportVersionDto | null;

  @ApiProperty({ type: [ReportVersionDto] })
  versions!: ReportVersionDto[];
}

class BatchReportDto {
  @ApiProperty()
  sampleNo!: string;

  @ApiProperty()
  reportNo!: string;

  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  items!: number;
}

export class BatchAnswerDto {
  @ApiProperty({ type: [BatchReportDto] })
  reports!: BatchReportDto[];

  @ApiProperty()
  items!: number;

  @ApiProperty({ description: 'items whose result fails their limit, in the drafts written' })
  failedItems!: number;
}
