import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
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
import { ErrorDto, IdParam } from '@spotcheck/common';
import { DirectoryExportService } from '../directory/directory-export.service';
import { DirectoryImportService } from '../directory/directory-import.service';
import { ApiFileExport, ApiFileImport } from '../directory/export-responses';
import { sendFile } from '../directory/export-query';
import { uploadedFile } from '../directory/file-request';
import { LAB_SPEC } from '../directory/specs';
import {
  CreateLabDto,
  LabDto,
  LabExportQuery,
  LabPageDto,
  LabQuery,
  UpdateLabDto,
} from './lab.dto';
import { LabService } from './lab.service';

@ApiTags('labs 检验机构')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorDto })
@ApiForbiddenResponse({ type: ErrorDto })
@Controller('labs')
export class LabController {
  constructor(
    private readonly service: LabService,
    private readonly importer: DirectoryImportService,
    private readonly exporter: DirectoryExportService,
  ) {}

  @Access({ regulator: 'own', admin: 'any' })
  @Get()
  @ApiOkResponse({ type: LabPageDto })
  list(@CurrentUser() p: Principal, @Query() q: LabQuery) {
    return this.service.list(p, q);
  }

  /** The directory as CSV or XLSX, in the layout the import reads. */
  @Access({ regulator: 'own', admin: 'any' })
  @Get('export')
  @ApiFileExport()
  async export(@CurrentUser() p: Principal, @Query() q: LabExportQuery, @Res() res: FastifyReply) {
    const stream = await this.exporter.export(
      LAB_SPEC,
      q.format,
      q.lang,
      this.service.filtered(p, q),
    );
    return sendFile(res, stream, 'labs', q.format);
  }

  /** Upsert by natural key from CSV or XLSX (Chinese or English headers); all or nothing. */
  @Access({ regulator: 'own', admin: 'any' })
  @Post('import')
  @ApiFileImport()
  async import(@CurrentUser() p: Principal, @Req() req: FastifyRequest) {
    return this.importer.import(LAB_SPEC, await uploadedFile(req), p, this.service.table.scope(p));
  }

  /** Regulators see labs in their jurisdiction; a lab's staff see their own lab. */
  @Access({ regulator: 'own', admin: 'any', lab: 'own' })
  @Get(':id')
  @ApiOkResponse({ type: LabDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(@CurrentUser() p: Principal, @IdParam('lab') id: string) {
    return this.service.get(p, id);
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Post()
  @ApiCreatedResponse({ type: LabDto })
  create(@CurrentUser() p: Principal, @Body() dto: CreateLabDto) {
    return this.service.create(p, dto);
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Patch(':id')
  @ApiOkResponse({ type: LabDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  update(@CurrentUser() p: Principal, @IdParam('lab') id: string, @Body() dto: UpdateLabDto) {
    return this.service.update(p, id, dto);
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ErrorDto })
  remove(@CurrentUser() p: Principal, @IdParam('lab') id: string) {
    return this.service.remove(p, id);
  }
}
