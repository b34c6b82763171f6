import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { PUBLICATION_FILES } from '@spotcheck/database';
import type { FastifyReply } from 'fastify';
import { Access, CurrentUser, Principal } from '@spotcheck/auth';
import { ApiErrors, IdParam } from '@spotcheck/common';
import {
  CompileDto,
  CorrectionDto,
  DiscardDto,
  EntryQuery,
  PublicationQuery,
  WithdrawalDto,
} from './publication.dto';
import {
  EntryPageDto,
  FileListDto,
  PublicationDto,
  PublicationListDto,
  VerificationDto,
} from './publication.response';
import { PublicationService } from './publication.service';

/**
 * Lists of results (抽检结果公告): the failed-product list of a jurisdiction with the pass
 * results beside it, compiled, approved by a second regulator, published with a notice number
 * and chained by digests (docs/rules.md §3.6, docs/publication.md). Regulators of the
 * jurisdiction act; admins read; outside the jurisdiction a list is absent (404).
 */
@ApiTags('publications 结果公告')
@ApiBearerAuth()
@Controller('publications')
export class PublicationController {
  constructor(private readonly publications: PublicationService) {}

  @Access({ regulator: 'own', admin: 'any' })
  @Get()
  @ApiOkResponse({ type: PublicationListDto })
  @ApiErrors(400, 403)
  list(@CurrentUser() p: Principal, @Query() q: PublicationQuery) {
    return this.publications.list(p, q);
  }

  @Access({ regulator: 'own' })
  @Post()
  @ApiOperation({
    summary: "Compile the draft of a jurisdiction's next list",
    description:
      'Every final failure (and pass) of its plans up to `until` not yet listed. An open draft is compiled again. 409 NOTHING_ELIGIBLE when there is nothing to list (no list is made), 409 LIST_AWAITING_PUBLICATION while an approved list waits.',
  })
  @ApiCreatedResponse({ type: PublicationDto })
  @ApiErrors(400, 403, 404, 409)
  compile(@CurrentUser() p: Principal, @Body() dto: CompileDto) {
    return this.publications.compile(p, dto);
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Get(':id')
  @ApiOkResponse({ type: PublicationDto })
  @ApiErrors(403, 404)
  get(@CurrentUser() p: Principal, @IdParam('publication') id: string) {
    return this.publications.get(p, id);
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Get(':id/entries')
  @ApiOkResponse({ type: EntryPageDto })
  @ApiErrors(400, 403, 404)
  entries(@CurrentUser() p: Principal, @IdParam('publication') id: string, @Query() q: EntryQuery) {
    return this.publications.entries(p, id, q);
  }

  @Access({ regulator: 'own' })
  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve a draft (four eyes: never by the regulator who compiled it)',
    description: '409 FOUR_EYES_VIOLATION naming the four-eyes rule; 409 ILLEGAL_PUBLICATION_STATE',
  })
  @ApiOkResponse({ type: PublicationDto })
  @ApiErrors(403, 404, 409)
  approve(@CurrentUser() p: Principal, @IdParam('publication') id: string) {
    return this.publications.approve(p, id);
  }

  @Access({ regulator: 'own' })
  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish an approved list: notice number, date, digest and chain',
    description:
      'A list the scheduler compiled is published by someone other than its approver (409 FOUR_EYES_VIOLATION).',
  })
  @ApiOkResponse({ type: PublicationDto })
  @ApiErrors(403, 404, 409)
  publish(@CurrentUser() p: Principal, @IdParam('publication') id: string) {
    return this.publications.publish(p, id);
  }

  @Access({ regulator: 'own' })
  @Post(':id/discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Abandon a draft or approved list; its results can be listed again' })
  @ApiOkResponse({ type: PublicationDto })
  @ApiErrors(400, 403, 404, 409)
  discard(
    @CurrentUser() p: Principal,
    @IdParam('publication') id: string,
    @Body() dto: DiscardDto,
  ) {
    return this.publications.discard(p, id, dto.reason ?? null);
  }

  @Access({ regulator: 'own' })
  @Post(':id/corrections')
  @ApiOperation({
    summary: 'Draft a correction (更正) of a published list',
    description:
      'A new version of the list with its reason, holding its samples as they stand now (less `remove`); published, it supersedes this version.',
  })
  @ApiCreatedResponse({ type: PublicationDto })
  @ApiErrors(400, 403, 404, 409)
  correct(
    @CurrentUser() p: Principal,
    @IdParam('publication') id: string,
    @Body() dto: CorrectionDto,
  ) {
    return this.publications.correct(p, id, dto);
  }

  @Access({ regulator: 'own' })
  @Post(':id/withdrawal')
  @ApiOperation({
    summary: 'Draft the withdrawal (撤回) of a published list',
    description: 'A new version without rows, with its reason; published, it supersedes this one.',
  })
  @ApiCreatedResponse({ type: PublicationDto })
  @ApiErrors(400, 403, 404, 409)
  withdraw(
    @CurrentUser() p: Principal,
    @IdParam('publication') id: string,
    @Body() dto: WithdrawalDto,
  ) {
    return this.publications.withdraw(p, id, dto.reason);
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Get(':id/verification')
  @ApiOperation({
    summary: "Recompute a published list's digest and check its link in the chain",
  })
  @ApiOkResponse({ type: VerificationDto })
  @ApiErrors(403, 404, 409)
  verification(@CurrentUser() p: Principal, @IdParam('publication') id: string) {
    return this.publications.verification(p, id);
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Get(':id/files')
  @ApiOperation({ summary: 'The files a published list was rendered to, with their SHA-256' })
  @ApiOkResponse({ type: FileListDto })
  @ApiErrors(403, 404)
  files(@CurrentUser() p: Principal, @IdParam('publication') id: string) {
    return this.publications.files(p, id);
  }

  /**
   * A stored file: `list.json` (the canonical JSON: its SHA-256 is the list's digest),
   * `failed.csv` and `passed.csv` (UTF-8 with BOM, official Chinese headers), `list.xlsx`.
   */
  @Access({ regulator: 'own', admin: 'any' })
  @Get(':id/files/:name')
  @ApiOperation({ summary: 'Download a file of a published list, as rendered once' })
  @ApiProduces(...Object.values(PUBLICATION_FILES))
  @ApiOkResponse({
    description: 'The file, with ETag and Repr-Digest of its bytes',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors(403, 404, 409)
  async file(
    @CurrentUser() p: Principal,
    @IdParam('publication') id: string,
    @Param('name') name: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { row, file } = await this.publications.file(p, id, name);
    const download = `${row.noticeNo ?? row.id}-${file.name}`;
    reply
      .header('Content-Type', file.mediaType)
      .header(
        'Content-Disposition',
        `attachment; filename="publication-${row.id}-${file.name}"; filename*=UTF-8''${encodeURIComponent(download)}`,
      )
      .header('ETag', `"${file.sha256}"`)
      .header('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
    return file.content;
  }
}
