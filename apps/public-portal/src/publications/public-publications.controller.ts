import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@spotcheck/auth';
import { ErrorDto, IdParam, noneMatchHits } from '@spotcheck/common';
import { PUBLICATION_FILES, type PublicationFileName } from '@spotcheck/database';
import { LIST_CACHE, PublicAnswers } from '../public-answers';
import { ApiNotModified, ApiRateLimited, CACHE_HEADERS } from '../results/results.controller';
import {
  PublicChainDto,
  PublicFileListDto,
  PublicPublicationDetailDto,
  PublicPublicationPageDto,
  PublicVerificationDto,
  PublicationPageQuery,
} from './public-publications.dto';
import { PublicPublicationsService } from './public-publications.service';

/** A stored file never changes: a day in any cache, then revalidated by its SHA-256. */
const FILE_CACHE = 'public, max-age=86400, immutable';
const ATOM = 'application/atom+xml';

/** 结果公告: published lists, their versions, verification, files. */
@ApiTags('public publications 结果公告')
@Controller('public/publications')
export class PublicPublicationsController {
  constructor(
    private readonly publications: PublicPublicationsService,
    private readonly answers: PublicAnswers,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Published lists, newest first (corrections and withdrawals included)' })
  @ApiOkResponse({ type: PublicPublicationPageDto, headers: CACHE_HEADERS })
  @ApiNotModified()
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiRateLimited()
  async list(
    @Query() q: PublicationPageQuery,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.answers.send(req, reply, await this.publications.list(q), LIST_CACHE);
  }

  @Public()
  @Get(':id')
  @ApiOperation({
    summary: 'A published version, with every published version of its list',
    description:
      'A version replaced by a correction or withdrawal says so in `supersededBy`, with the reason. 404 for a version that is not published.',
  })
  @ApiOkResponse({ type: PublicPublicationDetailDto, headers: CACHE_HEADERS })
  @ApiNotModified()
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiRateLimited()
  async get(
    @IdParam('publication') id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.answers.send(req, reply, await this.publications.get(id), LIST_CACHE);
  }

  @Public()
  @Get(':id/verification')
  @ApiOperation({
    summary: "Recompute a published list's digest and check its links in the chain",
    description: 'MATCH when every check holds, MISMATCH naming the one that failed.',
  })
  @ApiOkResponse({ type: PublicVerificationDto, headers: CACHE_HEADERS })
  @ApiNotModified()
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiRateLimited()
  async verification(
    @IdParam('publication') id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.answers.send(req, reply, await this.publications.verification(id), LIST_CACHE);
  }

  @Public()
  @Get(':id/files')
  @ApiOperation({ summary: 'The files of a published list, with the SHA-256 of each' })
  @ApiOkResponse({ type: PublicFileListDto, headers: CACHE_HEADERS })
  @ApiNotModified()
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiRateLimited()
  async files(
    @IdParam('publication') id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.answers.send(req, reply, await this.publications.fileList(id), LIST_CACHE);
  }

  /**
   * `list.json` (the canonical JSON: its SHA-256 is the list's digest), `failed.csv` and
   * `passed.csv` (UTF-8 with BOM, official headers), `list.xlsx`, as the worker stored them.
   */
  @Public()
  @Get(':id/files/:name')
  @ApiOperation({ summary: 'Download a stored file of a published list' })
  @ApiProduces(...Object.values(PUBLICATION_FILES))
  @ApiOkResponse({
    description: 'The stored bytes; ETag and Repr-Digest are their SHA-256',
    schema: { type: 'string', format: 'binary' },
    headers: CACHE_HEADERS,
  })
  @ApiNotModified()
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not published, or not rendered yet' })
  @ApiRateLimited()
  async file(
    @IdParam('publication') id: string,
    @Param('name') name: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { row, info } = await this.publications.fileInfo(id, name);
    const etag = `"${info.sha256}"`;
    reply
      .header('etag', etag)
      .header('cache-control', FILE_CACHE)
      .header('repr-digest', `sha-256=:${Buffer.from(info.sha256, 'hex').toString('base64')}:`);
    if (noneMatchHits(req.headers['if-none-match'], etag)) return reply.status(304).send();
    const download = `${row.noticeNo}-${info.name}`;
    return reply
      .type(info.mediaType)
      .header(
        'content-disposition',
        `attachment; filename="publication-${row.id}-${info.name}"; filename*=UTF-8''${encodeURIComponent(download)}`,
      )
      .send(await this.publications.fileContent(id, info.name as PublicationFileName));
  }
}

/** 公告链: a jurisdiction's published lists chained by their digests. */
@ApiTags('public publications 结果公告')
@Controller('public/chains')
export class PublicChainsController {
  constructor(
    private readonly publications: PublicPublicationsService,
    private readonly answers: PublicAnswers,
  ) {}

  @Public()
  @Get(':jurisdiction')
  @ApiOperation({
    summary: "A jurisdiction's digest chain, checked link by link",
    description:
      'Every published list of the jurisdiction in order, each naming the digest of the one before; MATCH when every link and every stored list.json holds. Each list’s own digest is recomputed by its verification.',
  })
  @ApiOkResponse({ type: PublicChainDto, headers: CACHE_HEADERS })
  @ApiNotModified()
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiRateLimited()
  async chain(
    @Param('jurisdiction') jurisdiction: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.answers.send(req, reply, await this.publications.chain(jurisdiction), LIST_CACHE);
  }
}

/** Atom feeds of publications (RFC 4287). */
@ApiTags('public publications 结果公告')
@Controller('public/feeds')
export class PublicFeedsController {
  constructor(
    private readonly publications: PublicPublicationsService,
    private readonly answers: PublicAnswers,
  ) {}

  @Public()
  @Get('publications.atom')
  @ApiOperation({ summary: 'Atom feed of the newest 50 publications, everywhere' })
  @ApiProduces(ATOM)
  @ApiOkResponse({
    description: 'Atom 1.0 (RFC 4287)',
    schema: { type: 'string' },
    headers: CACHE_HEADERS,
  })
  @ApiNotModified()
  @ApiRateLimited()
  async all(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.answers.send(req, reply, await this.publications.feed(), LIST_CACHE);
  }

  @Public()
  @Get(':jurisdiction/publications.atom')
  @ApiOperation({
    summary: 'Atom feed of the newest 50 publications of a jurisdiction and its subtree',
  })
  @ApiProduces(ATOM)
  @ApiOkResponse({
    description: 'Atom 1.0 (RFC 4287)',
    schema: { type: 'string' },
    headers: CACHE_HEADERS,
  })
  @ApiNotModified()
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiRateLimited()
  async jurisdiction(
    @Param('jurisdiction') jurisdiction: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.answers.send(req, reply, await this.publications.feed(jurisdiction), LIST_CACHE);
  }
}
