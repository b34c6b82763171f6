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

/** A task as the API shows it, with its plan code and enterprise for context. */
export class TaskViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  planId!: string;

  @ApiProperty({ example: 'NM-2026-001' })
  planCode!: string;

  @ApiProperty({ format: 'uuid' })
  drawId!: string;

  @ApiProperty()
  taskNo!: number;

  @ApiProperty()
  uscc!: string;

  @ApiProperty()
  enterpriseName!: string;

  @ApiProperty()
  enterpriseAddress!: string;

  @ApiProperty({ example: '150102' })
  regionCode!: string;

  @ApiProperty()
  category!: string;

  @ApiProperty({
    type: [String],
    nullable: true,
    description: 'Two staff numbers (slot 1, slot 2), or null when the draw found no valid pair',
  })
  inspectors!: string[] | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  labId!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  unassigned!: Record<string, unknown> | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  dueDate!: string | null;

  @ApiProperty({ description: 'Still assigned after its due date (Beijing time)' })
  overdue!: boolean;

  @ApiProperty({ enum: TASK_STATES })
  state!: TaskState;

  @ApiProperty({ enum: UNABLE_REASONS, nullable: true })
  unableReason!: UnableReason | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ description: 'The enterprise refused sampling' })
  violation!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  stateChangedAt!: Date | null;

  @ApiProperty({ type: String, nullable: true })
  stateChangedBy!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The sampling record's number" })
  sampleNo!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 're-inspection (复查) task: the task whose final failure it re-inspects',
  })
  reinspectionOf!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskViewDto] })
  items!: TaskViewDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class ReassignmentDto {
  @ApiProperty({ enum: [1, 2] })
  slot!: number;

  @ApiProperty({ type: String, nullable: true })
  oldStaffNo!: string | null;

  @ApiProperty()
  newStaffNo!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty()
  actor!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  at!: Date;
}

export class TaskDetailDto extends TaskViewDto {
  @ApiProperty({ type: [ReassignmentDto], description: 'Changes to the pair, oldest first' })
  reassignments!: ReassignmentDto[];
}
