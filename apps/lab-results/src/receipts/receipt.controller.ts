import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Access } from '@spotcheck/auth';
import { LabErrors } from '../api-errors';
import {
  ArrivalDto,
  LabSampleDetailDto,
  LabSamplePageDto,
  LabSampleQuery,
  ReceiptDto,
  RejectionDto,
} from './receipt.dto';
import { ReceiptService } from './receipt.service';

/** 样品接收: the samples assigned to the caller's lab, their receipt or rejection. */
@ApiTags('lab samples 样品接收')
@ApiBearerAuth()
@LabErrors()
@Controller('lab/samples')
export class ReceiptController {
  constructor(private readonly receipts: ReceiptService) {}

  @Access({ lab: 'own', admin: 'any' })
  @Get()
  @ApiOkResponse({ type: LabSamplePageDto })
  list(@CurrentUser() p: Principal, @Query() q: LabSampleQuery) {
    return this.receipts.list(p, q);
  }

  @Access({ lab: 'own', admin: 'any' })
  @Get(':sampleNo')
  @ApiOkResponse({ type: LabSampleDetailDto })
  get(@CurrentUser() p: Principal, @Param('sampleNo') sampleNo: string) {
    return this.receipts.get(p, sampleNo);
  }

  @Access({ lab: 'own' })
  @Post(':sampleNo/receipt')
  @ApiCreatedResponse({ type: ArrivalDto })
  @HttpCode(201)
  receive(@CurrentUser() p: Principal, @Param('sampleNo') no: string, @Body() dto: ReceiptDto) {
    return this.receipts.receive(p, no, dto);
  }

  @Access({ lab: 'own' })
  @Post(':sampleNo/rejection')
  @ApiCreatedResponse({ type: ArrivalDto })
  @HttpCode(201)
  reject(@CurrentUser() p: Principal, @Param('sampleNo') no: string, @Body() dto: RejectionDto) {
    return this.receipts.reject(p, no, dto);
  }
}
