import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Access } from '@spotcheck/auth';
import { ApiErrors, SampleNoParam, UsccParam } from '@spotcheck/common';
import { EnterpriseTraceDto, ProductTraceDto, SampleTraceDto } from './trace.response';
import { TraceEnterpriseQuery, TraceProductQuery } from './trace.dto';
import { TraceService } from './trace.service';

/** 追溯: a sample's whole chain, an enterprise's record, every sample of a product. */
@ApiTags('trace 追溯')
@ApiBearerAuth()
@Controller('trace')
export class TraceController {
  constructor(private readonly trace: TraceService) {}

  /** plan → draw → task → inspectors → sampling record → custody → issued reports → outcome. */
  @Access({ regulator: 'own', admin: 'any', lab: 'own', enterprise: 'own' })
  @Get('samples/:sampleNo')
  @ApiOkResponse({ type: SampleTraceDto })
  @ApiErrors(403, 404)
  bySample(@CurrentUser() p: Principal, @SampleNoParam() sampleNo: string) {
    return this.trace.bySample(p, sampleNo);
  }

  /** Its samples (as sampled enterprise or as manufacturer), refusals, credit-risk history. */
  @Access({ regulator: 'own', admin: 'any', enterprise: 'own' })
  @Get('enterprises/:uscc')
  @ApiOkResponse({ type: EnterpriseTraceDto })
  @ApiErrors(400, 403, 404)
  byEnterprise(
    @CurrentUser() p: Principal,
    @UsccParam() uscc: string,
    @Query() q: TraceEnterpriseQuery,
  ) {
    return this.trace.byEnterprise(p, uscc, q);
  }

  /** `?gtin=&batch=`, or `?name=&manufacturer=`: every sample of the product you may see. */
  @Access({ regulator: 'own', admin: 'any', lab: 'own', enterprise: 'own' })
  @Get('products')
  @ApiOkResponse({ type: ProductTraceDto })
  @ApiErrors(400, 403)
  byProduct(@CurrentUser() p: Principal, @Query() q: TraceProductQuery) {
    return this.trace.byProduct(p, q);
  }
}
