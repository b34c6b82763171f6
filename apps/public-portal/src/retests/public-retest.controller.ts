import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@spotcheck/auth';
import { ErrorDto, IdParam } from '@spotcheck/common';
import {
  PublicRetestPageDto,
  PublicRetestQuery,
  PublicRetestVerificationDto,
} from './public-retest.dto';
import { PublicRetestService } from './public-retest.service';

/** 复检机构随机确定: the retest-lab draws of closed objections, their records and verification. */
@ApiTags('public retest draws 复检机构抽取公开')
@Controller('public/retest-draws')
export class PublicRetestController {
  constructor(private readonly retests: PublicRetestService) {}

  /** Draws of objections whose retest concluded, newest first. */
  @Public()
  @Get()
  @ApiOkResponse({ type: PublicRetestPageDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  list(@Query() q: PublicRetestQuery) {
    return this.retests.list(q);
  }

  /** The complete record (docs/draw-algorithm.md §12); `npm run verify-draw -- <file>` checks it. */
  @Public()
  @Get(':id/record')
  @ApiOkResponse({
    description: 'The retest-lab draw record',
    schema: { type: 'object', additionalProperties: true },
  })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such objection, or its case is open' })
  record(@IdParam('retest draw') id: string) {
    return this.retests.record(id);
  }

  /** MATCH or MISMATCH from recomputing the record. */
  @Public()
  @Get(':id/verification')
  @ApiOkResponse({ type: PublicRetestVerificationDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such objection, or its case is open' })
  verification(@IdParam('retest draw') id: string) {
    return this.retests.verification(id);
  }
}
