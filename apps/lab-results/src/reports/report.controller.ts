import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { ConfigService } from '@nestjs/config';
import {
  AppException,
  BodySha256,
  Env,
  ErrorDto,
  IdParam,
  RouteBody,
  formatOf,
} from '@spotcheck/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Principal, Access } from '@spotcheck/auth';
import { LabErrors } from '../api-errors';
import {
  BatchAnswerDto,
  CreateReportDto,
  PutItemsDto,
  ReasonDto,
  ReportChainDto,
  ReportDetailDto,
  ReportListQuery,
} from './report.dto';
import { ReportBatchService } from './report-batch.service';
import { ReportService } from './report.service';

/** Uploads are read and written LAB_UPLOAD_CONCURRENCY at a time; more wait, unread. */
const UPLOADS = { name: 'lab-uploads', concurrency: 'LAB_UPLOAD_CONCURRENCY' } as const;

/** 检验报告: drafts, results, the review chain, issue and amendments. */
@ApiTags('lab reports 检验报告')
@ApiBearerAuth()
@LabErrors()
@Controller('lab/reports')
export class ReportController {
  constructor(
    private readonly reports: ReportService,
    private readonly batches: ReportBatchService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /**
   * Many draft reports at once (≤ 1,000 reports, ≤ 20,000 items), all or nothing; 400 names
   * report, item, field and reason. With an `Idempotency-Key` header a retry (or a concurrent
   * copy) gets the first answer, marked `Idempotent-Replayed: true`, and nothing is written
   * twice. Over LAB_BATCH_MAX_BYTES: 413.
   */
  @Access({ lab: 'own' })
  @Post('batch')
  @ApiCreatedResponse({ type: BatchAnswerDto, description: 'also 200 for a replay' })
  @ApiPayloadTooLargeResponse({ type: ErrorDto })
  @RouteBody({ limit: 'LAB_BATCH_MAX_BYTES', sha256: true, gate: UPLOADS })
  async batch(
    @CurrentUser() p: Principal,
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @BodySha256() sha256: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const a = await this.batches.batch(p, body, key, sha256 ?? '');
    reply.status(a.status).header('Idempotent-Replayed', String(a.replayed));
    return a.body;
  }

  /**
   * The same from a CSV or XLSX file (multipart field `file`): one row per item, grouped by
   * sample number, Chinese or English headers; errors name the spreadsheet row and column.
   */
  @Access({ lab: 'own' })
  @Post('import')
  @ApiCreatedResponse({ type: BatchAnswerDto, description: 'also 200 for a replay' })
  @ApiPayloadTooLargeResponse({ type: ErrorDto })
  @RouteBody({ gate: UPLOADS })
  async import(
    @CurrentUser() p: Principal,
    @Req() req: FastifyRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const bad = (reason: string) =>
      new AppException(HttpStatus.BAD_REQUEST, 'FILE_REQUIRED', `file: ${reason}`, {
        errors: [{ field: 'file', reason }],
      });
    if (!req.isMultipart()) throw bad('send multipart/form-data with a file field');
    // A file of 20,000 rows is a few MiB; the JSON batch's limit bounds it as well.
    const part = await req.file({
      limits: { fileSize: this.config.get('LAB_BATCH_MAX_BYTES', { infer: true }) },
    });
    if (!part) throw bad('is required');
    const format = formatOf(part.filename, part.mimetype);
    if (!format) throw bad('must be a .csv or .xlsx file');
    // A batch is at most 20,000 rows: read it whole, so its SHA-256 can key the request.
    const buffer = await part.toBuffer().catch(() => {
      throw new AppException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'FILE_TOO_LARGE',
        'file: is larger than the configured limit',
        { errors: [{ field: 'file', reason: 'is larger than the configured limit' }] },
      );
    });
    const sha256 = createHash('sha256').update(buffer).digest('hex');
    const a = await this.batches.import(p, Readable.from(buffer), format, key, sha256);
    reply.status(a.status).header('Idempotent-Replayed', String(a.replayed));
    return a.body;
  }

  /** A draft for a received sample, by a tester; items default to the category's template. */
  @Access({ lab: 'own' })
  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: ReportDetailDto })
  create(@CurrentUser() p: Principal, @Body() dto: CreateReportDto) {
    return this.reports.create(p, dto);
  }

  /** Every version of a sample's report; `countingVersion` is the latest issued one. */
  @Access({ lab: 'own', admin: 'any' })
  @Get()
  @ApiOkResponse({ type: ReportChainDto })
  chain(@CurrentUser() p: Principal, @Query() q: ReportListQuery) {
    return this.reports.chain(p, q.sampleNo);
  }

  @Access({ lab: 'own', admin: 'any' })
  @Get(':id')
  @ApiOkResponse({ type: ReportDetailDto })
  get(@CurrentUser() p: Principal, @IdParam('report') id: string) {
    return this.reports.get(p, id);
  }

  /** Replaces a draft's items (a tester; they become one of its authors). */
  @Access({ lab: 'own' })
  @Put(':id/items')
  @ApiOkResponse({ type: ReportDetailDto })
  putItems(@CurrentUser() p: Principal, @IdParam('report') id: string, @Body() dto: PutItemsDto) {
    return this.reports.putItems(p, id, dto);
  }

  @Access({ lab: 'own' })
  @Post(':id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDetailDto })
  submit(@CurrentUser() p: Principal, @IdParam('report') id: string) {
    return this.reports.transition(p, id, { event: 'submit' });
  }

  @Access({ lab: 'own' })
  @Post(':id/review')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDetailDto })
  review(@CurrentUser() p: Principal, @IdParam('report') id: string) {
    return this.reports.transition(p, id, { event: 'review' });
  }

  @Access({ lab: 'own' })
  @Post(':id/issue')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDetailDto })
  issue(@CurrentUser() p: Principal, @IdParam('report') id: string) {
    return this.reports.transition(p, id, { event: 'issue' });
  }

  @Access({ lab: 'own' })
  @Post(':id/return')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDetailDto })
  return(@CurrentUser() p: Principal, @IdParam('report') id: string, @Body() dto: ReasonDto) {
    return this.reports.transition(p, id, { event: 'return', reason: dto.reason });
  }

  /** Version n + 1 of an issued report, a draft with its items, through the same chain. */
  @Access({ lab: 'own' })
  @Post(':id/amend')
  @HttpCode(201)
  @ApiCreatedResponse({ type: ReportDetailDto })
  amend(@CurrentUser() p: Principal, @IdParam('report') id: string, @Body() dto: ReasonDto) {
    return this.reports.amend(p, id, dto.reason);
  }
}
