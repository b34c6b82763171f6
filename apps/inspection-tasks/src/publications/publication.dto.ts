import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery, Text } from '@spotcheck/common';
import { PUBLICATION_STATES, validateIsoDate } from '@spotcheck/domain';
import type { PublicationState } from '@spotcheck/domain';
import { IsRegionCode, fromCheck } from '../directory/validators';

const IsIsoDate = () => fromCheck('isIsoDate', (v) => validateIsoDate(v));

export class CompileDto {
  @ApiPropertyOptional({
    description: "The jurisdiction whose list to compile (GB/T 2260); default: the token's",
    example: '150100',
  })
  @IsOptional()
  @IsRegionCode()
  jurisdiction?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'List outcomes final on or before this day (China time); default: today',
  })
  @IsOptional()
  @IsIsoDate()
  until?: string;
}

export class DiscardDto {
  @ApiPropertyOptional({ description: 'Why the list is abandoned' })
  @IsOptional()
  @Text(1000)
  reason?: string;
}

export class WithdrawalDto {
  @ApiProperty({ description: 'Why the published list is withdrawn (撤回)' })
  @Text(1000)
  reason!: string;
}

export class CorrectionDto {
  @ApiProperty({ description: 'What the correction corrects (更正)' })
  @Text(1000)
  reason!: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Sample numbers of entries to leave out of the corrected list',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsString({ each: true })
  @Length(1, 80, { each: true })
  remove?: string[];
}

export class PublicationQuery {
  @ApiPropertyOptional({ example: '150100' })
  @IsOptional()
  @IsRegionCode()
  jurisdiction?: string;

  @ApiPropertyOptional({ enum: PUBLICATION_STATES })
  @IsOptional()
  @IsIn(PUBLICATION_STATES)
  state?: PublicationState;
}

export class EntryQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['failed', 'passed'],
    default: 'failed',
    description: 'The failed-product table (不合格产品信息) or the pass table (合格产品信息)',
  })
  @IsOptional()
  @IsIn(['failed', 'passed'])
  table: 'failed' | 'passed' = 'failed';
}
