import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, Principal } from '@spotcheck/auth';
import { ApiErrors, IdParam } from '@spotcheck/common';
import {
  DecideObjectionDto,
  FileObjectionDto,
  ObjectionDto,
  ObjectionListDto,
  ObjectionQuery,
  RetestDrawDto,
  RetestRefusalDto,
  RetestDrawRecordDto,
  RetestDrawVerificationDto,
} from './objection.dto';
import { ObjectionService } from './objection.service';

/** 复检申请: an enterprise objects to the failed result on its own notice. */
@ApiTags('objections 异议与复检')
@ApiBearerAuth()
@Controller('notices')
export class NoticeObjectionController {
  constructor(private readonly objections: ObjectionService) {}

  /**
   * 400 names each field at fault (a contested item that did not fail included); 409 when the
   * result did not fail, was replaced, or already has an objection; 422 OBJECTION_LATE naming
   * the deadline and its rule; 422 RETEST_NOT_ALLOWED naming the rule (food microbial items, an
   * expired or disposed backup).
   */
  @Access({ enterprise: 'own' })
  @Post(':id/objections')
  @ApiCreatedResponse({ type: ObjectionDto })
  @ApiErrors(400, 403, 404, 409, 422)
  file(@CurrentUser() p: Principal, @IdParam('notice') id: string, @Body() dto: FileObjectionDto) {
    return this.objections.file(p, id, dto);
  }
}

/** 异议与复检: the regulator decides objections and draws the retest lab. */
@ApiTags('objections 异议与复检')
@ApiBearerAuth()
@Controller('objections')
export class ObjectionController {
  constructor(private readonly objections: ObjectionService) {}

  /** The newest 500 the caller sees; filters: state, overdue, noticeId (a UUID, else 400). */
  @Access({ regulator: 'own', enterprise: 'own', admin: 'any' })
  @Get()
  @ApiOkResponse({ type: ObjectionListDto })
  @ApiErrors(400, 403)
  list(@CurrentUser() p: Principal, @Query() q: ObjectionQuery) {
    return this.objections.list(p, q);
  }

  @Access({ regulator: 'own', enterprise: 'own', admin: 'any' })
  @Get(':id')
  @ApiOkResponse({ type: ObjectionDto })
  @ApiErrors(403, 404)
  get(@CurrentUser() p: Principal, @IdParam('objection') id: string) {
    return this.objections.get(p, id);
  }

  /**
   * `{ decision: "reject", reason }` or `{ decision: "accept", commitment }`, by a regulator of
   * the plan's jurisdiction; 409 once decided.
   */
  @Access({ regulator: 'own' })
  @Post(':id/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: ObjectionDto })
  @ApiErrors(400, 403, 404, 409, 422)
  decide(
    @CurrentUser() p: Principal,
    @IdParam('objection') id: string,
    @Body() dto: DecideObjectionDto,
  ) {
    return this.objections.decide(p, id, dto);
  }

  /** Reveals the committed seed and draws the retest lab (never the lab that tested). */
  @Access({ regulator: 'own' })
  @Post(':id/retest-draw')
  @HttpCode(200)
  @ApiOkResponse({ type: ObjectionDto })
  @ApiErrors(400, 403, 404, 409)
  draw(@CurrentUser() p: Principal, @IdParam('objection') id: string, @Body() dto: RetestDrawDto) {
    return this.objections.draw(p, id, dto.seed);
  }

  /**
   * The drawn lab refused the backup (a broken seal or damage at its receipt, no capacity):
   * `{ reason, note?, commitment }` records the refusal and the commitment of a new draw among
   * the remaining labs, never the tested lab nor one that refused; the objection is accepted
   * again and POST …/retest-draw reveals the seed. 409 while the backup is on its way or once
   * the lab has received it.
   */
  @Access({ regulator: 'own' })
  @Post(':id/retest-refusal')
  @HttpCode(200)
  @ApiOkResponse({ type: ObjectionDto })
  @ApiErrors(400, 403, 404, 409, 422)
  refuse(
    @CurrentUser() p: Principal,
    @IdParam('objection') id: string,
    @Body() dto: RetestRefusalDto,
  ) {
    return this.objections.refuse(p, id, dto);
  }

  /** The draw's record; public on the portal once the case is closed. */
  @Access({ regulator: 'own', admin: 'any' })
  @Get(':id/retest-draw')
  @ApiOkResponse({ type: RetestDrawRecordDto })
  @ApiErrors(403, 404, 409)
  record(@CurrentUser() p: Principal, @IdParam('objection') id: string) {
    return this.objections.record(p, id);
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Get(':id/retest-draw/verification')
  @ApiOkResponse({ type: RetestDrawVerificationDto })
  @ApiErrors(403, 404, 409)
  verification(@CurrentUser() p: Principal, @IdParam('objection') id: string) {
    return this.objections.verification(p, id);
  }
}
