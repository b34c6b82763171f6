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
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Principal, Access } from '@spotcheck/auth';
import { ErrorDto } from '@spotcheck/common';
import { DirectoryExportService } from '../directory/directory-export.service';
import { DirectoryImportService } from '../directory/directory-import.service';
import { ApiFileExport, ApiFileImport } from '../directory/export-responses';
import { sendFile } from '../directory/export-query';
import { uploadedFile } from '../directory/file-request';
import { ENTERPRISE_SPEC } from '../directory/specs';
import {
  CreateEnterpriseDto,
  DirectoryStatDto,
  EnterpriseDto,
  EnterpriseExportQuery,
  EnterprisePageDto,
  EnterpriseQuery,
  UpdateEnterpriseDto,
} from './enterprise.dto';
import { EnterpriseService } from './enterprise.service';

/** Enterprises are named by USCC, not by uuid: `:uscc` is any text, and an unknown one is 404. */
@ApiTags('enterprises 检查对象名录库')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorDto })
@ApiForbiddenResponse({ type: ErrorDto })
@Controller('enterprises')
export class EnterpriseController {
  constructor(
    private readonly enterprises: EnterpriseService,
    private readonly importer: DirectoryImportService,
    private readonly exporter: DirectoryExportService,
  ) {}

  @Access({ regulator: 'own', admin: 'any' })
  @Get()
  @ApiOkResponse({ type: EnterprisePageDto })
  list(@CurrentUser() p: Principal, @Query() q: EnterpriseQuery) {
    return this.enterprises.list(p, q);
  }

  /** Counts by region, risk class and status (kept current by the worker). */
  @Access({ regulator: 'own', admin: 'any' })
  @Get('stats')
  @ApiOkResponse({ type: [DirectoryStatDto] })
  stats(@CurrentUser() p: Principal) {
    return this.enterprises.stats(p);
  }

  /** The directory as CSV or XLSX, in the layout the import reads. */
  @Access({ regulator: 'own', admin: 'any' })
  @Get('export')
  @ApiFileExport()
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
  @Access({ regulator: 'own', admin: 'any' })
  @Post('import')
  @ApiFileImport()
  async import(@CurrentUser() p: Principal, @Req() req: FastifyRequest) {
    return this.importer.import(
      ENTERPRISE_SPEC,
      await uploadedFile(req),
      p,
      this.enterprises.table.scope(p),
    );
  }

  @Access({ regulator: 'own', admin: 'any', enterprise: 'own' })
  @Get(':uscc')
  @ApiOkResponse({ type: EnterpriseDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(@CurrentUser() p: Principal, @Param('uscc') uscc: string) {
    return this.enterprises.get(p, uscc);
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Post()
  @ApiCreatedResponse({ type: EnterpriseDto })
  create(@CurrentUser() p: Principal, @Body() dto: CreateEnterpriseDto) {
    return this.enterprises.create(p, dto);
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Patch(':uscc')
  @ApiOkResponse({ type: EnterpriseDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  update(
    @CurrentUser() p: Principal,
    @Param('uscc') uscc: string,
    @Body() dto: UpdateEnterpriseDto,
  ) {
    return this.enterprises.update(p, uscc, dto);
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Delete(':uscc')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ErrorDto })
  remove(@CurrentUser() p: Principal, @Param('uscc') uscc: string) {
    return this.enterprises.remove(p, uscc);
  }
}
