import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@spotcheck/auth';
import { ErrorDto } from '@spotcheck/common';
import { LIST_CACHE, PublicAnswers } from '../public-answers';
import { ApiNotModified, ApiRateLimited, CACHE_HEADERS } from '../results/results.controller';
import { PublicRatesDto, PublicRatesQuery } from './public-rates.dto';
import { PublicRatesService } from './public-rates.service';

/** 合格率: qualification rates against the region's targets. */
@ApiTags('public rates 合格率')
@Controller('public/rates')
export class PublicRatesController {
  constructor(
    private readonly service: PublicRatesService,
    private readonly answers: PublicAnswers,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Qualification rates by any dimensions, with the target and the gap beside each',
    description:
      'Batches on final outcomes of closed plans (pending ones apart, never in the rate), summed by `by` (plan, category, sector, prefecture, county, size, stage, month, quarter, year), in `period`.',
  })
  @ApiOkResponse({ type: PublicRatesDto, headers: CACHE_HEADERS })
  @ApiNotModified()
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiRateLimited()
  async rates(
    @Query() q: PublicRatesQuery,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.answers.send(req, reply, await this.service.rates(q), LIST_CACHE);
  }
}
