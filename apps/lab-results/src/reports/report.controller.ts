import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@spotcheck/auth';
import { CreateReportDto, PutItemsDto, ReasonDto, ReportListQuery } from './report.dto';
import { ReportService } from './report.service';

/** 检验报告: drafts, results, the review chain, issue and amendments. */
@ApiTags('lab reports 检验报告')
@ApiBearerAuth()
@Roles('lab', 'admin')
@Controller('lab/reports')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  /** A draft for a received sample, by a tester; items default to the category's template. */
  @Post()
  @HttpCode(201)
  create(@CurrentUser() p: Principal, @Body() dto: CreateReportDto) {
    return this.reports.create(p, dto);
  }

  /** Every version of a sample's report; `countingVersion` is the latest issued one. */
  @Get()
  chain(@CurrentUser() p: Principal, @Query() q: ReportListQuery) {
    return this.reports.chain(p, q.sampleNo);
  }

  @Get(':id')
  get(@CurrentUser() p: Principal, @Param('id') id: string) {
    return this.reports.get(p, id);
  }

  /** Replaces a draft's items (a tester; they become one of its authors). */
  @Put(':id/items')
  putItems(@CurrentUser() p: Principal, @Param('id') id: string, @Body() dto: PutItemsDto) {
    return this.reports.putItems(p, id, dto);
  }

  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentUser() p: Principal, @Param('id') id: string) {
    return this.reports.transition(p, id, { event: 'submit' });
  }

  @Post(':id/review')
  @HttpCode(200)
  review(@CurrentUser() p: Principal, @Param('id') id: string) {
    return this.reports.transition(p, id, { event: 'review' });
  }

  @Post(':id/issue')
  @HttpCode(200)
  issue(@CurrentUser() p: Principal, @Param('id') id: string) {
    return this.reports.transition(p, id, { event: 'issue' });
  }

  @Post(':id/return')
  @HttpCode(200)
  return(@CurrentUser() p: Principal, @Param('id') id: string, @Body() dto: ReasonDto) {
    return this.reports.transition(p, id, { event: 'return', reason: dto.reason });
  }

  /** Version n + 1 of an issued report, a draft with its items, through the same chain. */
  @Post(':id/amend')
  @HttpCode(201)
  amend(@CurrentUser() p: Principal, @Param('id') id: string, @Body() dto: ReasonDto) {
    return this.reports.amend(p, id, dto.reason);
  }
}
