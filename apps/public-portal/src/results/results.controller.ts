import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@spotcheck/auth';
import { ErrorDto } from '@spotcheck/common';
import { LIST_CACHE, PUBLISHED_CACHE, PublicAnswers } from '../public-answers';
import {
  CountAnswerDto,
  PublicResultEntryDto,
  PublicResultPageDto,
  ResultCountQuery,
  ResultSearchQuery,
} from './results.dto';
import { PublicResultsService } from './results.service';

export const CACHE_HEADERS = {
  ETag: {
    description: 'Send it back as If-None-Match: 304 while unchanged',
    schema: { type: 'string' },
  },
  'Cache-Control': { schema: { type: 'string' } },
};
export const ApiNotModified = () =>
  ApiResponse({ status: 304, description: 'Not modified: If-None-Match names the current ETag' });
export const ApiRateLimited = () =>
  ApiTooManyRequestsResponse({
    type: ErrorDto,
    description: 'Too many requests from your address: see Retry-After',
  });

/** 抽检结果查询: published results (failed by default, passes too), searched and counted. */
@ApiTags('public results 抽检结果')
@Controller('public/results')
export class PublicResultsController {
  constructor(
    private readonly results: PublicResultsService,
    private readonly answers: PublicAnswers,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Search published results',
    description:
      'Results of the published lists that no correction or withdrawal has replaced, newest first by default. Every filter narrows; an unknown parameter, a malformed date or cursor, `q` over 100 characters or `limit` over 100 is a 400 naming it. Page on with `cursor`: there is no depth limit.',
  })
  @ApiOkResponse({ type: PublicResultPageDto, headers: CACHE_HEADERS })
  @ApiNotModified()
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiRateLimited()
  async search(
    @Query() q: ResultSearchQuery,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.answers.send(req, reply, await this.results.search(q), LIST_CACHE);
  }

  @Public()
  @Get('count')
  @ApiOperation({
    summary: 'The most frequent values of a field over the matching results',
    description:
      'Like openFDA’s `count=`: the same filters as the search, and `count` the field (`lab` counts failed results only: a pass row names no lab).',
  })
  @ApiOkResponse({ type: CountAnswerDto, headers: CACHE_HEADERS })
  @ApiNotModified()
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiRateLimited()
  async count(
    @Query() q: ResultCountQuery,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.answers.send(req, reply, await this.results.count(q), LIST_CACHE);
  }

  @Public()
  @Get(':publication/:table/:serial')
  @ApiOperation({
    summary: 'A published result by its permalink',
    description:
      'The row `serial` of the `failed` or `passed` table of a published version; a version replaced since says by what and why (`supersededBy`). 404 for anything never published.',
  })
  @ApiOkResponse({ type: PublicResultEntryDto, headers: CACHE_HEADERS })
  @ApiNotModified()
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiRateLimited()
  async entry(
    @Param('publication') publication: string,
    @Param('table') table: string,
    @Param('serial') serial: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.answers.send(
      req,
      reply,
      await this.results.entry(publication, table, serial),
      PUBLISHED_CACHE,
    );
  }
}
