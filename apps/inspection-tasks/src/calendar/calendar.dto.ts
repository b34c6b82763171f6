import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidationOptions,
  registerDecorator,
} from 'class-validator';
import { CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY } from '@spotcheck/database';
import { validateIsoDate } from '@spotcheck/domain';

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
  @IsString()
  @Length(1, 100)
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
