import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@spotcheck/auth';
import { DrawPlanDto, TaskQuery } from './draw.dto';
import { DrawService } from './draw.service';

/**
 * The draw of a plan (双随机抽取) and its tasks. The draw is confidential until the plan's
 * sampling phase closes (DESIGN §3.2 step 5): regulators of the jurisdiction only, 404 outside.
 */
@ApiTags('draws 双随机抽取')
@ApiBearerAuth()
@Roles('regulator')
@Controller('plans/:id')
export class DrawController {
  constructor(private readonly draws: DrawService) {}

  /**
   * Reveals the seed and draws: committed → drawn, once. Answers 400 when the seed does not
   * hash to the commitment, 409 ILLEGAL_PLAN_STATE in any state other than committed.
   */
  @Post('draw')
  @Roles('regulator', 'admin')
  draw(@CurrentUser() p: Principal, @Param('id') id: string, @Body() dto: DrawPlanDto) {
    return this.draws.draw(p, id, dto);
  }

  /** The draw's summary (no enterprise lists) and its number of tasks. */
  @Get('draw')
  get(@CurrentUser() p: Principal, @Param('id') id: string) {
    return this.draws.summary(p, id);
  }

  /** The stored record and the verdict of recomputing it: MATCH or MISMATCH. */
  @Get('draw/verification')
  verification(@CurrentUser() p: Principal, @Param('id') id: string) {
    return this.draws.verification(p, id);
  }

  /** Why each excluded enterprise (per category) was left out of the eligible set. */
  @Get('draw/exclusions')
  exclusions(@CurrentUser() p: Principal, @Param('id') id: string) {
    return this.draws.exclusions(p, id);
  }

  /** The plan's tasks in task order, paged by task number. */
  @Get('tasks')
  @Roles('regulator', 'admin')
  tasks(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: TaskQuery) {
    return this.draws.tasks(p, id, q);
  }
}
