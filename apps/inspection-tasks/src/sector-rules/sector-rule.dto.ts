import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { LocalizedDto, Nested, Text } from '@spotcheck/common';
import { DAY_KINDS, RULE_BOUNDS, SECTORS } from '@spotcheck/domain';
import type { DayKind } from '@spotcheck/domain';

/** The source of a new value: the law, regulation or implementing rules it comes from. */
export class RuleSourceInput {
  @ApiProperty({ example: '《某市食品安全监督抽检实施细则》第五条' })
  @Text(RULE_BOUNDS.source)
  zh!: string;

  @ApiPropertyOptional({ description: 'English; defaults to the Chinese text' })
  @IsOptional()
  @Text(RULE_BOUNDS.source)
  en?: string;
}

export class PeriodRuleInput {
  @ApiPropertyOptional({ example: 10, minimum: 1, maximum: 365 })
  @IsOptional()
  @IsInt()
  days?: number;

  @ApiPropertyOptional({ enum: DAY_KINDS })
  @IsOptional()
  @IsIn(DAY_KINDS)
  dayKind?: DayKind;

  @ApiPropertyOptional({ type: RuleSourceInput, description: 'required when the value changes' })
  @IsOptional()
  @Nested(() => RuleSourceInput)
  source?: RuleSourceInput;
}

export class RetentionRuleInput {
  @ApiPropertyOptional({ example: 6, minimum: 1, maximum: 60 })
  @IsOptional()
  @IsInt()
  months?: number;

  @ApiPropertyOptional({ type: RuleSourceInput, description: 'required when the value changes' })
  @IsOptional()
  @Nested(() => RuleSourceInput)
  source?: RuleSourceInput;
}

export class PermissionRuleInput {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  allowed?: boolean;

  @ApiPropertyOptional({ type: RuleSourceInput, description: 'required when the value changes' })
  @IsOptional()
  @Nested(() => RuleSourceInput)
  source?: RuleSourceInput;
}

/**
 * An admin's change of a sector's rules: the rules named change, the others stay. A value that
 * changes names its source.
 */
export class EditSectorRulesDto {
  @ApiProperty({ example: '依据本省实施细则调整检验时限', description: 'why the rules change' })
  @Text(1000)
  reason!: string;

  @ApiPropertyOptional({
    example: 1,
    description: 'the version the change was made against; 409 STALE_VERSION if it moved on',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  expectVersion?: number;

  @ApiPropertyOptional({ type: PeriodRuleInput })
  @IsOptional()
  @Nested(() => PeriodRuleInput)
  sampleDelivery?: PeriodRuleInput;

  @ApiPropertyOptional({ type: PeriodRuleInput })
  @IsOptional()
  @Nested(() => PeriodRuleInput)
  testing?: PeriodRuleInput;

  @ApiPropertyOptional({ type: PeriodRuleInput })
  @IsOptional()
  @Nested(() => PeriodRuleInput)
  objectionWindow?: PeriodRuleInput;

  @ApiPropertyOptional({ type: PeriodRuleInput })
  @IsOptional()
  @Nested(() => PeriodRuleInput)
  objectionDecision?: PeriodRuleInput;

  @ApiPropertyOptional({ type: PeriodRuleInput })
  @IsOptional()
  @Nested(() => PeriodRuleInput)
  retestTesting?: PeriodRuleInput;

  @ApiPropertyOptional({ type: RetentionRuleInput })
  @IsOptional()
  @Nested(() => RetentionRuleInput)
  backupAfterPass?: RetentionRuleInput;

  @ApiPropertyOptional({ type: RetentionRuleInput })
  @IsOptional()
  @Nested(() => RetentionRuleInput)
  backupAfterFail?: RetentionRuleInput;

  @ApiPropertyOptional({ type: PermissionRuleInput })
  @IsOptional()
  @Nested(() => PermissionRuleInput)
  microbialRetest?: PermissionRuleInput;

  @ApiPropertyOptional({ type: PermissionRuleInput })
  @IsOptional()
  @Nested(() => PermissionRuleInput)
  expiredBackupRetest?: PermissionRuleInput;
}

class PeriodRuleDto {
  @ApiProperty({ example: 7 })
  days!: number;

  @ApiProperty({ enum: DAY_KINDS })
  dayKind!: string;

  @ApiProperty({ type: LocalizedDto })
  source!: LocalizedDto;
}

class RetentionRuleDto {
  @ApiProperty({ example: 6 })
  months!: number;

  @ApiProperty({ type: LocalizedDto })
  source!: LocalizedDto;
}

class PermissionRuleDto {
  @ApiProperty()
  allowed!: boolean;

  @ApiProperty({ type: LocalizedDto })
  source!: LocalizedDto;
}

/** One version of a sector's rules. */
export class SectorRulesDto {
  @ApiProperty({ enum: SECTORS })
  sector!: string;

  @ApiProperty({ example: '食品' })
  sectorName!: string;

  @ApiProperty({ example: 1 })
  version!: number;

  @ApiProperty({ example: '默认值（依据所列法律法规）' })
  reason!: string;

  @ApiProperty({ example: 'seed' })
  setBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  setAt!: Date;

  @ApiProperty({ type: PeriodRuleDto, description: 'from the sampling date to the lab' })
  sampleDelivery!: PeriodRuleDto;

  @ApiProperty({ type: PeriodRuleDto, description: 'from receipt at the lab to the report' })
  testing!: PeriodRuleDto;

  @ApiProperty({ type: PeriodRuleDto, description: 'from receipt of the result to an objection' })
  objectionWindow!: PeriodRuleDto;

  @ApiProperty({ type: PeriodRuleDto, description: 'from the objection to the decision on it' })
  objectionDecision!: PeriodRuleDto;

  @ApiProperty({
    type: PeriodRuleDto,
    description: 'from the retest lab’s receipt to its conclusion',
  })
  retestTesting!: PeriodRuleDto;

  @ApiProperty({ type: RetentionRuleDto })
  backupAfterPass!: RetentionRuleDto;

  @ApiProperty({ type: RetentionRuleDto })
  backupAfterFail!: RetentionRuleDto;

  @ApiProperty({ type: PermissionRuleDto })
  microbialRetest!: PermissionRuleDto;

  @ApiProperty({ type: PermissionRuleDto })
  expiredBackupRetest!: PermissionRuleDto;
}

export class SectorRulesListDto {
  @ApiProperty({ type: [SectorRulesDto] })
  items!: SectorRulesDto[];
}

export class SectorRulesHistoryDto extends SectorRulesDto {
  @ApiProperty({ type: [SectorRulesDto], description: 'every version, newest first' })
  versions!: SectorRulesDto[];
}
