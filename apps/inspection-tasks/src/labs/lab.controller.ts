import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
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
import { LAB_SPEC } from '../directory/specs';
import { CreateLabDto, LabExportQuery, LabQuery, UpdateLabDto } from './lab.dto';
import { LabService } from './lab.service';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('labs 检验机构')
@ApiBearerAuth()
@Roles('regulator', 'admin')
@Controller('labs')
export class LabController {
  constructor(
    private readonly service: LabService,
    private readonly importer: DirectoryImportService,
    private readonly exporter: DirectoryExportService,
  ) {}

  @Get()
  list(@CurrentUser() p: Principal, @Query() q: LabQuery) {
    return this.service.list(p, q);
  }

  /** The directory as CSV or XLSX, in the layout the import reads. */
  @Get('export')
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
  @Post('import')
  @ApiConsumes('multipart/form-data')
  async import(@CurrentUser() p: Principal, @Req() req: FastifyRequest) {
    return this.importer.import(LAB_SPEC, await uploadedFile(req), p, this.service.table.scope(p));
  }

  @Roles('regulator', 'admin', 'lab')
  @Get(':id')
  get(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.service.get(p, id);
  }

  @Post()
  create(@CurrentUser() p: Principal, @Body() dto: CreateLabDto) {
    return this.service.table.create(p, dto);
  }

  @Patch(':id')
  update(@CurrentUser() p: Principal, @Param('id', uuid) id: string, @Body() dto: UpdateLabDto) {
    return this.service.table.update(p, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() p: Principal, @Param('id', uuid) id: string) {
    return this.service.table.remove(p, id);
  }
}
