import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Principal, Access } from '@spotcheck/auth';
import { ErrorDto, IdParam } from '@spotcheck/common';
import {
  CancelPlanDto,
  CommitPlanDto,
  CreatePlanDto,
  PlanDto,
  PlanPageDto,
  PlanQuery,
  UpdatePlanDto,
} from './plan.dto';
import { PlanService } from './plan.service';

@ApiTags('plans 抽查计划')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorDto })
@ApiForbiddenResponse({ type: ErrorDto })
@ApiNotFoundResponse({
  type: ErrorDto,
  description: 'Absent, outside your jurisdiction, or not an id',
})
@Controller('plans')
export class PlanController {
  constructor(private readonly plans: PlanService) {}

  @Access({ regulator: 'own', admin: 'any' })
  @Get()
  @ApiOkResponse({ type: PlanPageDto })
  list(@CurrentUser() p: Principal, @Query() q: PlanQuery) {
    return this.plans.list(p, q);
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Get(':id')
  @ApiOkResponse({ type: PlanDto })
  get(@CurrentUser() p: Principal, @IdParam('plan') id: string) {
    return this.plans.get(p, id);
  }

  /** A new plan in state draft. */
  @Access({ regulator: 'own', admin: 'any' })
  @Post()
  @ApiCreatedResponse({ type: PlanDto })
  create(@CurrentUser() p: Principal, @Body() dto: CreatePlanDto) {
    return this.plans.create(p, dto);
  }

  /** Edits a draft; any other state answers 409 ILLEGAL_PLAN_STATE. */
  @Access({ regulator: 'own', admin: 'any' })
  @Patch(':id')
  @ApiOkResponse({ type: PlanDto })
  @ApiConflictResponse({
    type: ErrorDto,
    description: 'ILLEGAL_PLAN_STATE naming the current state',
  })
  update(@CurrentUser() p: Principal, @IdParam('plan') id: string, @Body() dto: UpdatePlanDto) {
    return this.plans.update(p, id, dto);
  }

  /** Records the seed commitment sha256(seed): draft → committed, once. */
  @Access({ regulator: 'own' })
  @Post(':id/commit')
  @ApiOkResponse({ type: PlanDto })
  @ApiConflictResponse({
    type: ErrorDto,
    description: 'ILLEGAL_PLAN_STATE naming the current state',
  })
  @HttpCode(200)
  commit(@CurrentUser() p: Principal, @IdParam('plan') id: string, @Body() dto: CommitPlanDto) {
    return this.plans.commit(p, id, dto);
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Post(':id/cancel')
  @ApiOkResponse({ type: PlanDto })
  @ApiConflictResponse({
    type: ErrorDto,
    description: 'ILLEGAL_PLAN_STATE naming the current state',
  })
  @HttpCode(200)
  cancel(@CurrentUser() p: Principal, @IdParam('plan') id: string, @Body() dto: CancelPlanDto) {
    return this.plans.cancel(p, id, dto);
  }

  /** drawn → sampling. */
  @Access({ regulator: 'own', admin: 'any' })
  @Post(':id/start-sampling')
  @ApiOkResponse({ type: PlanDto })
  @ApiConflictResponse({
    type: ErrorDto,
    description: 'ILLEGAL_PLAN_STATE naming the current state',
  })
  @HttpCode(200)
  startSampling(@CurrentUser() p: Principal, @IdParam('plan') id: string) {
    return this.plans.startSampling(p, id);
  }

  /** sampling → closed once no task is still assigned (409 TASKS_OPEN); the draw becomes public. */
  @Access({ regulator: 'own', admin: 'any' })
  @Post(':id/close')
  @ApiOkResponse({ type: PlanDto })
  @ApiConflictResponse({
    type: ErrorDto,
    description: 'ILLEGAL_PLAN_STATE naming the current state',
  })
  @HttpCode(200)
  close(@CurrentUser() p: Principal, @IdParam('plan') id: string) {
    return this.plans.close(p, id);
  }
}
