import { Body, Controller, Get, Param, PipeTransform, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Principal, Access } from '@spotcheck/auth';
import { ErrorDto } from '@spotcheck/common';
import { invalidError } from '@spotcheck/domain';
import {
  CalendarDayDto,
  CalendarRangeDto,
  CalendarRangeQuery,
  DeadlineDto,
  DeadlineQuery,
  SetCalendarDayDto,
  calendarDateProblem,
} from './calendar.dto';
import { CalendarService } from './calendar.service';

/** The `:date` path parameter: 400 naming `date` and what is wrong with it. */
class CalendarDatePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const problem = calendarDateProblem(value);
    if (problem) throw invalidError([{ field: 'date', reason: problem }]);
    return value;
  }
}

/** The working-day calendar: everyone signed in reads it and asks for deadlines; admins edit. */
@ApiTags('calendar 工作日历')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorDto })
@Controller('calendar')
export class CalendarController {
  constructor(private readonly service: CalendarService) {}

  /** Every day of [from, to]: working or not, its name, and where that came from. */
  @Access({ admin: 'any', regulator: 'any', lab: 'any', enterprise: 'any' })
  @Get()
  @ApiOkResponse({ type: CalendarRangeDto })
  list(@Query() q: CalendarRangeQuery) {
    return this.service.list(q);
  }

  /** `?from=2026-02-12&workingDays=5` or `?from=…&calendarDays=15`. */
  @Access({ admin: 'any', regulator: 'any', lab: 'any', enterprise: 'any' })
  @Get('deadline')
  @ApiOkResponse({ type: DeadlineDto })
  deadline(@Query() q: DeadlineQuery) {
    return this.service.deadline(q);
  }

  @Access({ admin: 'any' })
  @Put(':date')
  @ApiOkResponse({ type: CalendarDayDto })
  @ApiForbiddenResponse({ type: ErrorDto })
  setDay(
    @CurrentUser() p: Principal,
    @Param('date', new CalendarDatePipe()) date: string,
    @Body() dto: SetCalendarDayDto,
  ) {
    return this.service.setDay(p, date, dto);
  }
}
