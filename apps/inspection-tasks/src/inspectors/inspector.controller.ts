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
import { INSPECTOR_SPEC } from '../directory/specs';
import {
  CreateInspectorDto,
  InspectorDto,
  InspectorExportQuery,
  InspectorPageDto,
  InspectorQuery,
  UpdateInspectorDto,
} from './inspector.dto';
import { InspectorService } from './inspector.service';

@ApiTags('执法检查人员名录库 inspectors')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorDto })
@ApiForbiddenResponse({ type: ErrorDto })
@Controller('inspectors')
export class InspectorController {
  constructor(
    private readonly service: InspectorService,
    private readonly importer: DirectoryImportService,
    private readonly exporter: DirectoryExportService,
  ) {}

  @Access({ regulator: 'own', admin: 'any' })
  @Get()
  @ApiOkResponse({ type: InspectorPageDto })
  list(@CurrentUser() p: Principal, @Query() q: InspectorQuery) {
    return this.service.list(p, q);
  }

  /** The directory as CSV or XLSX, in the layout the import reads. */
  @Access({ regulator: 'own', admin: 'any' })
  @Get('export')
  @ApiFileExport()
  async export(
    @CurrentUser() p: Principal,
    @Query() q: InspectorExportQuery,
    @Res() res: FastifyReply,
  ) {
    const stream = await this.exporter.export(
      INSPECTOR_SPEC,
      q.format,
      q.lang,
      this.service.filtered(p, q),
    );
    return sendFile(res, stream, 'inspectors', q.format);
  }

  /** Upsert by natural key from CSV or XLSX (Chinese or English headers); all or nothing. */
  @Access({ regulator: 'own', admin: 'any' })
  @Post('import')
  @ApiFileImport()
  async import(@CurrentUser() p: Principal, @Req() req: FastifyRequest) {
    return this.importer.import(
      INSPECTOR_SPEC,
      await uploadedFile(req),
      p,
      this.service.table.scope(p),
    );
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Get(':id')
  @ApiOkResponse({ type: InspectorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(@CurrentUser() p: Principal, @IdParam('inspector') id: string) {
    return this.service.get(p, id);
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Post()
  @ApiCreatedResponse({ type: InspectorDto })
  create(@CurrentUser() p: Principal, @Body() dto: CreateInspectorDto) {
    return this.service.create(p, dto);
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Patch(':id')
  @ApiOkResponse({ type: InspectorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  update(
    @CurrentUser() p: Principal,
    @IdParam('inspector') id: string,
    @Body() dto: UpdateInspectorDto,
  ) {
    return this.service.update(p, id, dto);
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ErrorDto })
  remove(@CurrentUser() p: Principal, @IdParam('inspector') id: string) {
    return this.service.remove(p, id);
  }
}
