import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DAY_KINDS, RULE_NAMES, SECTORS } from '@spotcheck/domain';
import type { DayKind, RuleName, RuleRef, Sector } from '@spotcheck/domain';

/** Text in Chinese and English. */
export class LocalizedDto {
  @ApiProperty({ example: '《中华人民共和国食品安全法》第八十八条：…' })
  zh!: string;

  @ApiProperty({ example: 'Food Safety Law art. 88: …' })
  en!: string;
}

/**
 * The sector rule a date or decision came from (libs/domain RuleRef): the sector, the version
 * of its rules, the rule, its value then and its source.
 */
export class RuleRefDto implements RuleRef {
  @ApiProperty({ enum: SECTORS, example: 'food' })
  sector!: Sector;

  @ApiProperty({ example: 1, description: 'the version of the sector’s rules used' })
  version!: number;

  @ApiProperty({ enum: RULE_NAMES, example: 'objectionWindow' })
  rule!: RuleName;

  @ApiProperty({ example: '提出复检申请（异议）' })
  label!: string;

  @ApiPropertyOptional({ example: 7 })
  days?: number;

  @ApiPropertyOptional({ enum: DAY_KINDS })
  dayKind?: DayKind;

  @ApiPropertyOptional({ example: 6 })
  months?: number;

  @ApiPropertyOptional()
  allowed?: boolean;

  @ApiProperty({ type: LocalizedDto })
  source!: LocalizedDto;
}
