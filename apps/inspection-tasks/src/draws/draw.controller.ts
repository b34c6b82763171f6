import { Body, Controller, Get, Header, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { CurrentUser, Principal, Access } from '@spotcheck/auth';
import { ErrorDto, IdParam } from '@spotcheck/common';
import {
  DrawPlanDto,
  DrawSummaryDto,
  DrawVerificationDto,
  ExclusionListDto,
  PlanTaskPageDto,
  TaskQuery,
} from './draw.dto';
import { DrawService } from './draw.service';

/**
 * The draw of a plan (双随机抽取) and its tasks, addressed by plan. The draw is confidential
 * until the plan's sampling phase closes (docs/rules.md §3.2 step 5): regulators of the
 * jurisdiction and admins only, 404 outside; the public portal shows it once the plan is
 * closed.
 */
@ApiTags('draws 双随机抽取')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ErrorDto })
@ApiNotFoundResponse({
  type: ErrorDto,
  description: 'Absent, outside your jurisdiction, or not an id',
})
@Controller('plans/:id')
export class PlanDrawController {
  constructor(private readonly draws: DrawService) {}

  /**
   * Reveals the seed and draws: committed → drawn, once. Answers 400 when the seed does not
   * hash to the commitment, 409 ILLEGAL_PLAN_STATE in any state other than committed.
   */
  @Access({ regulator: 'own' })
  @Post('draw')
  @ApiCreatedResponse({ type: DrawSummaryDto })
  @ApiBadRequestResponse({
    type: ErrorDto,
    description: 'The seed does not hash to the commitment',
  })
  @ApiConflictResponse({
    type: ErrorDto,
    description: 'ILLEGAL_PLAN_STATE naming the current state',
  })
  @ApiUnprocessableEntityResponse({ type: ErrorDto, description: 'DRAW_INPUT_INVALID' })
  draw(@CurrentUser() p: Principal, @IdParam('plan') id: string, @Body() dto: DrawPlanDto) {
    return this.draws.draw(p, id, dto);
  }

  /** The draw's summary (no enterprise lists) and its number of tasks. */
  @Access({ regulator: 'own', admin: 'any' })
  @Get('draw')
  @ApiOkResponse({ type: DrawSummaryDto })
  async get(@CurrentUser() p: Principal, @IdParam('plan') id: string) {
    return this.draws.summary(await this.draws.find(p, { planId: id }));
  }

  /** The record (without the eligible list) and the verdict of recomputing it. */
  @Access({ regulator: 'own', admin: 'any' })
  @Get('draw/verification')
  @ApiOkResponse({ type: DrawVerificationDto })
  async verification(@CurrentUser() p: Principal, @IdParam('plan') id: string) {
    return this.draws.verification(await this.draws.find(p, { planId: id }));
  }

  /** Why each excluded enterprise (per category) was left out of the eligible set. */
  @Access({ regulator: 'own', admin: 'any' })
  @Get('draw/exclusions')
  @ApiOkResponse({ type: ExclusionListDto })
  async exclusions(@CurrentUser() p: Principal, @IdParam('plan') id: string) {
    return this.draws.exclusions(await this.draws.find(p, { planId: id }));
  }

  /** The plan's tasks in task order, paged by task number. */
  @Access({ regulator: 'own', admin: 'any' })
  @Get('tasks')
  @ApiOkResponse({ type: PlanTaskPageDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  tasks(@CurrentUser() p: Principal, @IdParam('plan') id: string, @Query() q: TaskQuery) {
    return this.draws.tasks(p, id, q);
  }
}

/** The same draws addressed by their own id, and the complete record for verifiers. */
@ApiTags('draws 双随机抽取')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ErrorDto })
@ApiNotFoundResponse({
  type: ErrorDto,
  description: 'Absent, outside your jurisdiction, or not an id',
})
@Controller('draws/:id')
export class DrawController {
  constructor(private readonly draws: DrawService) {}

  @Access({ regulator: 'own', admin: 'any' })
  @Get()
  @ApiOkResponse({ type: DrawSummaryDto })
  async get(@CurrentUser() p: Principal, @IdParam('draw') id: string) {
    return this.draws.summary(await this.draws.find(p, { drawId: id }));
  }

  /** `{ verdict: MATCH | MISMATCH, record, recordUrl }`. */
  @Access({ regulator: 'own', admin: 'any' })
  @Get('verification')
  @ApiOkResponse({ type: DrawVerificationDto })
  async verification(@CurrentUser() p: Principal, @IdParam('draw') id: string) {
    return this.draws.verification(await this.draws.find(p, { drawId: id }));
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Get('exclusions')
  @ApiOkResponse({ type: ExclusionListDto })
  async exclusions(@CurrentUser() p: Principal, @IdParam('draw') id: string) {
    return this.draws.exclusions(await this.draws.find(p, { drawId: id }));
  }

  /**
   * The complete record as a JSON download; `npm run verify-draw -- <file>` recomputes it.
   * Streamed: a million-enterprise record is about 80 MB.
   */
  @Access({ regulator: 'own', admin: 'any' })
  @Get('record')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOkResponse({
    description: 'The complete draw record (docs/draw-algorithm.md §10)',
    schema: { type: 'object', additionalProperties: true },
  })
  async record(
    @CurrentUser() p: Principal,
    @IdParam('draw') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const d = await this.draws.find(p, { drawId: id });
    reply.header('Content-Disposition', `attachment; filename="draw-${d.id}.json"`);
    return Readable.from(await this.draws.record(d));
  }
}
