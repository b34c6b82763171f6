import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidationOptions,
  registerDecorator,
} from 'class-validator';
import { CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY } from '@spotcheck/database';
import { validateIsoDate } from '@spotcheck/domain';
import { Text } from '@spotcheck/common';

/** Why `v` is not a date the calendar holds (YYYY-MM-DD, 2000–2100), or null if it is. */
export function calendarDateProblem(v: unknown): string | null {
  const check = validateIsoDate(v);
  if (!check.ok) return check.reason;
  const d = v as string;
  if (d < CALENDAR_FIRST_DAY || d > CALENDAR_LAST_DAY) {
    return `must be between ${CALENDAR_FIRST_DAY} and ${CALENDAR_LAST_DAY}, got ${d}`;
  }
  return null;
}

/** A calendar date YYYY-MM-DD in 2000–2100; the message says what is wrong with it. */
const IsCalendarDate = (o?: ValidationOptions) => (target: object, property: string) =>
  registerDecorator({
    name: 'isCalendarDate',
    target: target.constructor,
    propertyName: property,
    options: o,
    validator: {
      validate: (v: unknown) => calendarDateProblem(v) === null,
      defaultMessage: (args) => calendarDateProblem(args?.value) ?? '',
    },
  });

export class CalendarRangeQuery {
  @ApiProperty({ example: '2026-02-01', description: 'First day, YYYY-MM-DD' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2026-02-28', description: 'Last day (included), at most 731 days on' })
  @IsCalendarDate()
  to!: string;
}

export class SetCalendarDayDto {
  @ApiProperty({ description: 'true: a working day (also a make-up Saturday); false: a day off' })
  @IsBoolean()
  workday!: boolean;

  @ApiPropertyOptional({
    nullable: true,
    example: '春节',
    description: 'Holiday or make-up day name; omitted or null for an ordinary day',
  })
  @IsOptional()
  @Text(100)
  name?: string | null;
}

export class DeadlineQuery {
  @ApiProperty({
    example: '2026-02-12',
    description: 'The day the period starts from (not counted)',
  })
  @IsCalendarDate()
  from!: string;

  @ApiPropertyOptional({
    example: 5,
    description: 'Deadline = the n-th working day after `from` ("within n working days")',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  workingDays?: number;

  @ApiPropertyOptional({
    example: 15,
    description:
      'Deadline = `from` + n calendar days, moved to the next working day if that is a day off (Civil Code Art. 203)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3660)
  calendarDays?: number;
}

export class CalendarDayDto {
  @ApiProperty({ example: '2026-02-17' })
  date!: string;

  @ApiProperty({ example: 2, description: 'ISO weekday: 1 Monday … 7 Sunday' })
  isoWeekday!: number;

  @ApiProperty({ description: 'true for a working day, a make-up Saturday or Sunday included' })
  workday!: boolean;

  @ApiProperty({ type: String, nullable: true, example: '春节' })
  name!: string | null;

  @ApiProperty({
    enum: ['chinese-days', 'admin', 'weekday-rule'],
    description: 'Who set the day; weekday-rule for a day the table does not hold',
  })
  source!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updatedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  updatedBy!: string | null;
}

export class CalendarRangeDto {
  @ApiProperty({ example: '2026-02-01' })
  from!: string;

  @ApiProperty({ example: '2026-02-28' })
  to!: string;

  @ApiProperty({ type: [CalendarDayDto] })
  days!: CalendarDayDto[];
}

export class DeadlineDto {
  @ApiProperty({ example: '2026-02-12' })
  from!: string;

  @ApiPropertyOptional({ example: 5 })
  workingDays?: number;

  @ApiPropertyOptional({ example: 15 })
  calendarDays?: number;

  @ApiProperty({ example: '2026-02-26' })
  deadline!: string;

  @ApiProperty({
    description: 'Every day counted is in the table (false: the weekday rule was assumed)',
  })
  covered!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The first day counted the table lacks',
  })
  firstUncovered!: string | null;
}
