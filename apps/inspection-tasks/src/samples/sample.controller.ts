import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Access } from '@spotcheck/auth';
import { ApiErrors, IdParam, SampleNoParam } from '@spotcheck/common';
import { AppendCustodyDto, CreateSampleDto, SampleQuery } from './sample.dto';
import {
  AppendedCustodyEventDto,
  CustodyEventDto,
  SampleDetailDto,
  SamplePageDto,
} from './sample.response';
import { SampleService } from './sample.service';

/** The sampling record of a task: what makes the task sampled. */
@ApiTags('samples 抽样与流转')
@ApiBearerAuth()
@Controller('tasks')
export class TaskSampleController {
  constructor(private readonly samples: SampleService) {}

  /**
   * Records the sampling (抽样单) of an assigned task and moves it to sampled. By one of the
   * task's two inspectors (a regulator token whose staffNo is in the pair: 403 otherwise);
   * admins do not sample (docs/adr/0026). A refusal or an impossible sampling is
   * POST /tasks/:id/unable instead.
   */
  @Access({ regulator: 'own' })
  @Post(':id/sample')
  @ApiCreatedResponse({ type: SampleDetailDto })
  @ApiErrors(400, 403, 404, 409)
  record(@CurrentUser() p: Principal, @IdParam('task') id: string, @Body() dto: CreateSampleDto) {
    return this.samples.record(p, id, dto);
  }
}

/**
 * Samples and their custody (样品流转). Regulators of the plan's jurisdiction and admins see
 * them, and so does the lab a sample is assigned to (or was sent to for a retest); anyone
 * else gets 404.
 */
@ApiTags('samples 抽样与流转')
@ApiBearerAuth()
@Controller('samples')
export class SampleController {
  constructor(private readonly samples: SampleService) {}

  /** Filters: planId, state, overdue, uscc, manufacturerUscc, gtin, batch, labId, stage. */
  @Access({ regulator: 'own', admin: 'any', lab: 'own' })
  @Get()
  @ApiOkResponse({ type: SamplePageDto })
  @ApiErrors(400, 403)
  list(@CurrentUser() p: Principal, @Query() q: SampleQuery) {
    return this.samples.list(p, q);
  }

  /** The sampling record with its whole custody chain. */
  @Access({ regulator: 'own', admin: 'any', lab: 'own' })
  @Get(':sampleNo')
  @ApiOkResponse({ type: SampleDetailDto })
  @ApiErrors(403, 404)
  get(@CurrentUser() p: Principal, @SampleNoParam() sampleNo: string) {
    return this.samples.get(p, sampleNo);
  }

  @Access({ regulator: 'own', admin: 'any', lab: 'own' })
  @Get(':sampleNo/custody')
  @ApiOkResponse({ type: [CustodyEventDto] })
  @ApiErrors(403, 404)
  custody(@CurrentUser() p: Principal, @SampleNoParam() sampleNo: string) {
    return this.samples.custody(p, sampleNo);
  }

  /**
   * Appends a custody event. sealed and shipped: regulators (not admins); every other step:
   * the lab holding the sample. 409 ILLEGAL_CUSTODY_STATE names the current state and the
   * kinds allowed.
   */
  @Access({ regulator: 'own', lab: 'own' })
  @Post(':sampleNo/custody')
  @ApiCreatedResponse({ type: AppendedCustodyEventDto })
  @ApiErrors(400, 403, 404, 409)
  append(
    @CurrentUser() p: Principal,
    @SampleNoParam() sampleNo: string,
    @Body() dto: AppendCustodyDto,
  ) {
    return this.samples.append(p, sampleNo, dto);
  }
}
