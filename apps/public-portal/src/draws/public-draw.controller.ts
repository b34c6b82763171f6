import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { Public } from '@spotcheck/auth';
import { ErrorDto, IdParam, negotiateImmutable } from '@spotcheck/common';
import { PublicDrawPageDto, PublicDrawQuery, PublicDrawVerificationDto } from './public-draw.dto';
import { PublicDrawService } from './public-draw.service';

/**
 * A public draw never changes once its plan has closed: caches may keep it for a day, and
 * revalidate it with If-None-Match (304) after that. Clients that take gzip get it gzipped.
 */
const CACHE_CONTROL = 'public, max-age=86400';
const JSON_UTF8 = 'application/json; charset=utf-8';

const CACHE_HEADERS = {
  ETag: {
    description:
      'the SHA-256 of the body (with .gz for its gzipped form); send it back as If-None-Match',
    schema: { type: 'string' },
  },
  'Cache-Control': { schema: { type: 'string', example: CACHE_CONTROL } },
};

/** 304: the client's copy (its If-None-Match) is the current one. */
const ApiNotModifiedResponse = () =>
  ApiResponse({ status: 304, description: 'Not modified: If-None-Match names the current ETag' });

/** 一公开: the draws of closed plans, their verification and their complete records. */
@ApiTags('public draws 抽取公开')
@Controller('public/draws')
export class PublicDrawController {
  constructor(private readonly draws: PublicDrawService) {}

  /** Draws of closed plans, newest first. */
  @Public()
  @Get()
  @ApiOkResponse({ type: PublicDrawPageDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  list(@Query() q: PublicDrawQuery) {
    return this.draws.list(q);
  }

  /** The record without the eligible list, and MATCH or MISMATCH from recomputing it. */
  @Public()
  @Get(':id/verification')
  @ApiOkResponse({ type: PublicDrawVerificationDto, headers: CACHE_HEADERS })
  @ApiNotModifiedResponse()
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such draw, or its plan is not closed' })
  async verification(
    @IdParam('draw') id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const p = await this.draws.published(id);
    const how = negotiateImmutable(req, reply, p.verification, CACHE_CONTROL);
    if (how.notModified) return reply.send();
    reply.type(JSON_UTF8);
    return reply.send(how.gzip ?? (await this.draws.verificationBody(p)));
  }

  /** The complete record: verify it yourself with `npm run verify-draw -- <file>`. */
  @Public()
  @Get(':id/record')
  @ApiOkResponse({
    description: 'The complete draw record (docs/draw-algorithm.md §10)',
    schema: { type: 'object', additionalProperties: true },
    headers: CACHE_HEADERS,
  })
  @ApiNotModifiedResponse()
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such draw, or its plan is not closed' })
  async record(
    @IdParam('draw') id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const p = await this.draws.published(id);
    reply.header('content-disposition', `attachment; filename="draw-${p.drawId}.json"`);
    const how = negotiateImmutable(req, reply, p.record, CACHE_CONTROL);
    if (how.notModified) return reply.send();
    reply.type(JSON_UTF8);
    if (how.gzip) return reply.send(how.gzip);
    const body = await this.draws.recordBody(p);
    return reply.send(Array.isArray(body) && body.length === 1 ? body[0] : Readable.from(body));
  }
}
