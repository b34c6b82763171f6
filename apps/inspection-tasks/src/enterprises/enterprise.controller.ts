import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Principal, Roles } from '@spotcheck/auth';
import { DirectoryExportService } from '../directory/directory-export.service';
import { DirectoryImportService } from '../directory/directory-import.service';
import { sendFile } from '../directory/export-query';
import { uploadedFile } from '../directory/file-request';
import { ENTERPRISE_SPEC } from '../directory/specs';
import {
  CreateEnterpriseDto,
  EnterpriseExportQuery,
  EnterpriseQuery,
  UpdateEnterpriseDto,
} from './enterprise.dto';
import { EnterpriseService } from './enterprise.service';

@ApiTags('enterprises 检查对象名录库')
@ApiBearerAuth()
@Roles('regulator', 'admin')
@Controller('enterprises')
export class EnterpriseController {
  constructor(
    private readonly enterprises: EnterpriseService,
    private readonly importer: DirectoryImportService,
    private readonly exporter: DirectoryExportService,
  ) {}

  @Get()
  list(@CurrentUser() p: Principal, @Query() q: EnterpriseQuery) {
    return this.enterprises.list(p, q);
  }

  /** Counts by region, risk class and status (kept current by the worker). */
  @Get('stats')
  stats(@CurrentUser() p: Principal) {
    return this.enterprises.stats(p);
  }

  /** The directory as CSV or XLSX, in the layout the import reads. */
  @Get('export')
  async export(
    @CurrentUser() p: Principal,
    @Query() q: EnterpriseExportQuery,
    @Res() res: FastifyReply,
  ) {
    const stream = await this.exporter.export(
      ENTERPRISE_SPEC,
      q.format,
      q.lang,
      this.enterprises.filtered(p, q),
    );
    return sendFile(res, stream, 'enterprises', q.format);
  }

  /** Upsert by USCC from CSV or XLSX (Chinese or English headers); all or nothing. */
  @Post('import')
  @ApiConsumes('multipart/form-data')
  async import(@CurrentUser() p: Principal, @Req() req: FastifyRequest) {
    return this.importer.import(
      ENTERPRISE_SPEC,
      await uploadedFile(req),
      p,
      this.enterprises.table.scope(p),
    );
  }

  @Roles('regulator', 'admin', 'enterprise')
  @Get(':uscc')
  get(@CurrentUser() p: Principal, @Param('uscc') uscc: string) {
    return this.enterprises.get(p, uscc);
  }

  @Post()
  create(@CurrentUser() p: Principal, @Body() dto: CreateEnterpriseDto) {
    return this.enterprises.create(p, dto);
  }

  @Patch(':uscc')
  update(
    @CurrentUser() p: Principal,
    @Param('uscc') uscc: string,
    @Body() dto: UpdateEnterpriseDto,
  ) {
    return this.enterprises.update(p, uscc, dto);
  }

  @Delete(':uscc')
  @HttpCode(204)
  remove(@CurrentUser() p: Principal, @Param('uscc') uscc: string) {
    return this.enterprises.remove(p, uscc);
  }
}
