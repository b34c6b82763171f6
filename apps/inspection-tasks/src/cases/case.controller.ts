import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, CurrentUser, Principal } from '@spotcheck/auth';
import { ApiErrors, IdParam, RouteBody } from '@spotcheck/common';
import {
  CaseDetailDto,
  CaseListDto,
  CaseQuery,
  CloseCaseDto,
  HeldCaseDto,
  OrderCaseDto,
  RecallDecisionDto,
  RectificationDto,
  ReinspectionDto,
  WithdrawalConfirmationDto,
} from './case.dto';
import { CaseService } from './case.service';

/**
 * 后处理: the follow-up case of each final failure (docs/cases.md). Regulators of the plan's
 * jurisdiction order, re-inspect and close; the sampled enterprise reports its rectification;
 * the enterprises a case names read it, and admins read every case. An illegal step answers 409
 * ILLEGAL_CASE_STATE naming the current state.
 */
@ApiTags('cases 不合格后处理')
@ApiBearerAuth()
@Controller('cases')
export class CaseController {
  constructor(private readonly cases: CaseService) {}

  /** The newest 500 the caller sees; filters: state, overdue, uscc. */
  @Access({ regulator: 'own', enterprise: 'own', admin: 'any' })
  @Get()
  @ApiOkResponse({ type: CaseListDto })
  @ApiErrors(400, 403)
  list(@CurrentUser() p: Principal, @Query() q: CaseQuery) {
    return this.cases.list(p, q);
  }

  /** The case with every step of its history. */
  @Access({ regulator: 'own', enterprise: 'own', admin: 'any' })
  @Get(':id')
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiErrors(403, 404)
  get(@CurrentUser() p: Principal, @IdParam('case') id: string) {
    return this.cases.get(p, id);
  }

  /** 责令限期改正: `{ workingDays, requirements }`; the deadline counted on the calendar. */
  @Access({ regulator: 'own' })
  @Post(':id/order')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiErrors(400, 403, 404, 409)
  order(@CurrentUser() p: Principal, @IdParam('case') id: string, @Body() dto: OrderCaseDto) {
    return this.cases.order(p, id, dto);
  }

  /**
   * 整改报告 by the sampled enterprise: `{ text, attachments?: [{ name, mediaType, content }] }`
   * (content base64); 422 RECTIFICATION_LATE after the deadline. Body limit
   * CASE_REPORT_MAX_BYTES.
   */
  @Access({ enterprise: 'own' })
  @Post(':id/rectification')
  @HttpCode(200)
  @RouteBody({ limit: 'CASE_REPORT_MAX_BYTES' })
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiErrors(400, 403, 404, 409, 422)
  report(@CurrentUser() p: Principal, @IdParam('case') id: string, @Body() dto: RectificationDto) {
    return this.cases.report(p, id, dto);
  }

  /** An attachment of the rectification report, by its SHA-256. */
  @Access({ regulator: 'own', enterprise: 'own', admin: 'any' })
  @Get(':id/attachments/:sha256')
  @ApiOperation({ summary: 'Download an attachment of the rectification report' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description: 'The bytes, with their media type, ETag and Repr-Digest',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors(403, 404, 409)
  async attachment(
    @CurrentUser() p: Principal,
    @IdParam('case') id: string,
    @Param('sha256') sha256: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { attachment, bytes } = await this.cases.attachment(p, id, sha256);
    reply
      .header('Content-Type', attachment.mediaType)
      .header(
        'Content-Disposition',
        `attachment; filename="${attachment.sha256}"; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
      )
      .header('ETag', `"${attachment.sha256}"`)
      .header(
        'Repr-Digest',
        `sha-256=:${Buffer.from(attachment.sha256, 'hex').toString('base64')}:`,
      );
    return bytes;
  }

  /** 复查: `{ staffNos: [a, b], labId, dueDate? }` makes the re-inspection task. */
  @Access({ regulator: 'own' })
  @Post(':id/reinspection')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiErrors(400, 403, 404, 409)
  reinspect(
    @CurrentUser() p: Principal,
    @IdParam('case') id: string,
    @Body() dto: ReinspectionDto,
  ) {
    return this.cases.reinspect(p, id, dto);
  }

  /** 结案: `{ reason }`, after a passed re-inspection or at the top of the ladder. */
  @Access({ regulator: 'own' })
  @Post(':id/close')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiErrors(400, 403, 404, 409)
  close(@CurrentUser() p: Principal, @IdParam('case') id: string, @Body() dto: CloseCaseDto) {
    return this.cases.close(p, id, dto);
  }

  /**
   * 召回决定: the manufacturer's decision about the failed batch (`recall`, `withdraw`,
   * `no_recall`, with the reason); 403 NOT_MANUFACTURER for the sampled retailer when a
   * manufacturer is named.
   */
  @Access({ enterprise: 'own' })
  @Post(':id/recall-decision')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiErrors(400, 403, 404, 409)
  decideRecall(
    @CurrentUser() p: Principal,
    @IdParam('case') id: string,
    @Body() dto: RecallDecisionDto,
  ) {
    return this.cases.decideRecall(p, id, dto);
  }

  /**
   * 下架确认, the holder's view: what a holder of the failed batch (an enterprise its captured
   * events name, libs/auth `holdsBatch`) sees of the case — the product, the failure, the
   * manufacturer's recall decision, its own holding and confirmation; not the other holders nor
   * the rectification. Its `recall_holder` notification names the case. 404 for anyone else.
   */
  @Access({ enterprise: 'own' })
  @Get(':id/withdrawal')
  @ApiOkResponse({ type: HeldCaseDto })
  @ApiErrors(403, 404)
  held(@CurrentUser() p: Principal, @IdParam('case') id: string) {
    return this.cases.held(p, id);
  }

  /**
   * 下架确认 by a holder of the failed batch; the same as capturing an EPCIS event of disposition
   * `recalled` for the batch. 404 for anyone else; 409 ALREADY_CONFIRMED the second time,
   * ILLEGAL_CASE_STATE when the failure was overturned. Answers the holder's view.
   */
  @Access({ enterprise: 'own' })
  @Post(':id/withdrawal')
  @HttpCode(200)
  @ApiOkResponse({ type: HeldCaseDto })
  @ApiErrors(400, 403, 404, 409)
  confirmWithdrawal(
    @CurrentUser() p: Principal,
    @IdParam('case') id: string,
    @Body() dto: WithdrawalConfirmationDto,
  ) {
    return this.cases.confirmWithdrawal(p, id, dto);
  }
}
