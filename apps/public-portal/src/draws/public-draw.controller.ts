import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { Public } from '@spotcheck/auth';
import { ErrorDto, IdParam } from '@spotcheck/common';
import { PublicDrawPageDto, PublicDrawQuery, PublicDrawVerificationDto } from './public-draw.dto';
import { PublicDrawService } from './public-draw.service';

/** 一公开: the draws of closed plans, their verification and their complete records. */
@ApiTags('public draws 抽取公开')
@Public()
@Controller('public/draws')
export class PublicDrawController {
  constructor(private readonly draws: PublicDrawService) {}

  /** Draws of closed plans, newest first. */
  @Get()
  @ApiOkResponse({ type: PublicDrawPageDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  list(@Query() q: PublicDrawQuery) {
    return this.draws.list(q);
  }

  /** The record without the eligible list, and MATCH or MISMATCH from recomputing it. */
  @Get(':id/verification')
  @ApiOkResponse({ type: PublicDrawVerificationDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such draw, or its plan is not closed' })
  async verification(@IdParam('draw') id: string) {
    return this.draws.verification(await this.draws.find(id));
  }

  /** The complete record: verify it yourself with `npm run verify-draw -- <file>`. */
  @Get(':id/record')
  @ApiOkResponse({
    description: 'The complete draw record (docs/draw-algorithm.md §10)',
    schema: { type: 'object', additionalProperties: true },
  })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such draw, or its plan is not closed' })
  @Header('Content-Type', 'application/json; charset=utf-8')
  async record(@IdParam('draw') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const d = await this.draws.find(id);
    reply.header('Content-Disposition', `attachment; filename="draw-${d.id}.json"`);
    return Readable.from(await this.draws.record(d));
  }
}
