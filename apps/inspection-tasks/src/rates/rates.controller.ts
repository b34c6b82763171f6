import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, CurrentUser, Principal } from '@spotcheck/auth';
import { ApiErrors } from '@spotcheck/common';
import { ApiFileExport } from '../directory/export-responses';
import { CONTENT_TYPES } from '../directory/export-query';
import { RecomputeDto, RatesDto, RatesExportQuery, RatesQuery } from './rates.dto';
import { ratesCsv, ratesXlsx } from './rates-export';
import { RatesService } from './rates.service';

/** 合格率: qualification rates on final outcomes, by any dimensions, beside their targets. */
@ApiTags('rates 合格率')
@ApiBearerAuth()
@Controller('rates')
export class RatesController {
  constructor(private readonly rates: RatesService) {}

  /** `?by=sector,prefecture&period=2026-Q3`: one row per combination with batches. */
  @Access({ regulator: 'own', admin: 'any' })
  @Get()
  @ApiOkResponse({ type: RatesDto })
  @ApiErrors(400, 403, 404)
  get(@CurrentUser() p: Principal, @Query() q: RatesQuery) {
    return this.rates.rates(p, q);
  }

  /** The same answer as a file with Chinese headers: CSV (UTF-8 with BOM) or XLSX. */
  @Access({ regulator: 'own', admin: 'any' })
  @Get('export')
  @ApiFileExport()
  @ApiErrors(400, 403, 404)
  async export(
    @CurrentUser() p: Principal,
    @Query() q: RatesExportQuery,
    @Res() res: FastifyReply,
  ) {
    const { format, ...query } = q;
    const answer = await this.rates.rates(p, query);
    const body = format === 'xlsx' ? await ratesXlsx(answer) : ratesCsv(answer);
    const name = `rates-${answer.jurisdiction ?? 'all'}-${answer.period.label}`;
    return res
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="${name}.${format}"`)
      .send(body);
  }

  /** Asks the worker to recompute every rate cell from the outcomes now. */
  @Access({ admin: 'any' })
  @Post('recompute')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: RecomputeDto })
  @ApiErrors(403)
  recompute(@CurrentUser() p: Principal) {
    return this.rates.recompute(p);
  }
}
