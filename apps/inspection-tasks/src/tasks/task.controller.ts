import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Principal, Access } from '@spotcheck/auth';
import { ErrorDto, IdParam } from '@spotcheck/common';
import {
  CancelTaskDto,
  ReassignTaskDto,
  TaskDetailDto,
  TaskPageDto,
  TaskQuery,
  UnableTaskDto,
} from './task.dto';
import { TaskService } from './task.service';

/**
 * Inspection tasks (抽查任务) after the draw. Like the draw they are confidential: regulators
 * of the plan's jurisdiction and admins only, 404 outside. Every write answers the task as
 * it now is; an illegal change answers 409 ILLEGAL_TASK_STATE (or ILLEGAL_PLAN_STATE when
 * the plan is not drawn or sampling) naming the current state. A task becomes sampled only
 * with its sampling record, `POST /tasks/:id/sample` (samples/sample.controller.ts).
 */
@ApiTags('tasks 抽查任务')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorDto })
@ApiForbiddenResponse({ type: ErrorDto })
@Controller('tasks')
export class TaskController {
  constructor(private readonly tasks: TaskService) {}

  /** Filters: planId, state, category, uscc, inspector, labId, region, dueBefore, overdue. */
  @Access({ regulator: 'own', admin: 'any' })
  @Get()
  @ApiOkResponse({ type: TaskPageDto })
  list(@CurrentUser() p: Principal, @Query() q: TaskQuery) {
    return this.tasks.list(p, q);
  }

  /** The caller's own tasks: those whose pair holds the token's staffNo (403 without one). */
  @Access({ regulator: 'own' })
  @Get('mine')
  @ApiOkResponse({ type: TaskPageDto })
  mine(@CurrentUser() p: Principal, @Query() q: TaskQuery) {
    return this.tasks.mine(p, q);
  }

  /** The task with its reassignment history. */
  @Access({ regulator: 'own', admin: 'any' })
  @Get(':id')
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiNotFoundResponse({
    type: ErrorDto,
    description: 'Absent, outside your jurisdiction, or not an id',
  })
  get(@CurrentUser() p: Principal, @IdParam('task') id: string) {
    return this.tasks.get(p, id);
  }

  /** assigned → unable_to_sample with a reason; `refused` marks the task as a violation. */
  @Access({ regulator: 'own' })
  @Post(':id/unable')
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiNotFoundResponse({
    type: ErrorDto,
    description: 'Absent, outside your jurisdiction, or not an id',
  })
  @ApiConflictResponse({
    type: ErrorDto,
    description: 'ILLEGAL_TASK_STATE or ILLEGAL_PLAN_STATE naming the current state',
  })
  @HttpCode(200)
  unable(@CurrentUser() p: Principal, @IdParam('task') id: string, @Body() dto: UnableTaskDto) {
    return this.tasks.unable(p, id, dto);
  }

  /** assigned → cancelled, with the reason. */
  @Access({ regulator: 'own' })
  @Post(':id/cancel')
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiNotFoundResponse({
    type: ErrorDto,
    description: 'Absent, outside your jurisdiction, or not an id',
  })
  @ApiConflictResponse({
    type: ErrorDto,
    description: 'ILLEGAL_TASK_STATE or ILLEGAL_PLAN_STATE naming the current state',
  })
  @HttpCode(200)
  cancel(@CurrentUser() p: Principal, @IdParam('task') id: string, @Body() dto: CancelTaskDto) {
    return this.tasks.cancel(p, id, dto);
  }

  /** Changes the inspector pair of an assigned task; the draw record is never touched. */
  @Access({ regulator: 'own' })
  @Post(':id/reassign')
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiNotFoundResponse({
    type: ErrorDto,
    description: 'Absent, outside your jurisdiction, or not an id',
  })
  @ApiConflictResponse({
    type: ErrorDto,
    description: 'ILLEGAL_TASK_STATE or ILLEGAL_PLAN_STATE naming the current state',
  })
  @HttpCode(200)
  reassign(@CurrentUser() p: Principal, @IdParam('task') id: string, @Body() dto: ReassignTaskDto) {
    return this.tasks.reassign(p, id, dto);
  }
}
