import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
} from 'class-validator';
import { PageQuery, Text } from '@spotcheck/common';
import { TASK_STATES, UNABLE_REASONS } from '@spotcheck/domain';
import type { TaskState, UnableReason } from '@spotcheck/domain';
import { IsRegionCode, IsUscc } from '../directory/validators';

const CATEGORY = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A staff number as the inspector directory keeps it, without NUL. */
// eslint-disable-next-line no-control-regex -- NUL is what PostgreSQL text cannot hold
const STAFF_NO = /^[^\u0000]{1,64}$/;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class TaskQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  planId?: string;

  @ApiPropertyOptional({ enum: TASK_STATES })
  @IsOptional()
  @IsIn(TASK_STATES)
  state?: TaskState;

  @ApiPropertyOptional({ description: 'Category code' })
  @IsOptional()
  @Matches(CATEGORY, { message: 'category must be a catalog code' })
  category?: string;

  @ApiPropertyOptional({ description: 'The enterprise (USCC)' })
  @IsOptional()
  @IsUscc()
  uscc?: string;

  @ApiPropertyOptional({
    description: 'Staff number: tasks where this inspector is one of the pair',
  })
  @IsOptional()
  @IsString()
  @Matches(STAFF_NO, { message: 'inspector must be a staff number (1–64 characters)' })
  inspector?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  labId?: string;

  @ApiPropertyOptional({
    example: '150100',
    description: 'Region code of the enterprise; the whole subtree matches (150100: all of Hohhot)',
  })
  @IsOptional()
  @IsRegionCode()
  region?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'Due strictly before this date' })
  @IsOptional()
  @Matches(DATE, { message: 'dueBefore must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  dueBefore?: string;

  @ApiPropertyOptional({
    description: 'true: still assigned after its due date (Beijing time); false: the others',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;
}

export class UnableTaskDto {
  @ApiProperty({
    enum: UNABLE_REASONS,
    description:
      'closed: business closed; no_product: nothing on sale; refused: the enterprise refused sampling (recorded as a violation)',
  })
  @IsIn(UNABLE_REASONS)
  reason!: UnableReason;

  @ApiPropertyOptional({ example: '门店已停业，现场张贴停业通知' })
  @IsOptional()
  @Text(1000)
  note?: string;
}

export class CancelTaskDto {
  @ApiProperty({ example: '企业已列入其他计划抽查', description: 'Why the task is cancelled' })
  @Text(500)
  reason!: string;
}

/**
 * Exactly one of `slot`, `replace` or `staffNos`: replace the member in slot 1 or 2, replace
 * the member with staff number `replace`, or give both members of a task the draw left
 * without a pair.
 */
export class ReassignTaskDto {
  @ApiPropertyOptional({ enum: [1, 2], description: 'The member to replace, by position' })
  @IsOptional()
  @IsIn([1, 2])
  slot?: 1 | 2;

  @ApiPropertyOptional({ description: 'The member to replace, by staff number' })
  @IsOptional()
  @IsString()
  @Matches(STAFF_NO, { message: 'replace must be a staff number (1–64 characters)' })
  replace?: string;

  @ApiPropertyOptional({ description: 'The new member (with slot or replace)' })
  @IsOptional()
  @IsString()
  @Matches(STAFF_NO, { message: 'staffNo must be a staff number (1–64 characters)' })
  staffNo?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Both members, for a task the draw left without a pair',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @IsString({ each: true })
  @Matches(STAFF_NO, {
    each: true,
    message: 'each of staffNos must be a staff number (1–64 characters)',
  })
  staffNos?: string[];

  @ApiProperty({ example: '原检查人员病假', description: 'Why (kept in the reassignment history)' })
  @Text(500)
  reason!: string;
}
