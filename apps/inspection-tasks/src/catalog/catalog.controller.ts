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
import { CATALOG_SPEC } from '../directory/specs';
import {
  CategoryExportQuery,
  CategoryQuery,
  CreateCategoryDto,
  UpdateCategoryDto,
} from './catalog.dto';
import { CatalogService } from './catalog.service';

@ApiTags('catalog 随机抽查事项清单')
@ApiBearerAuth()
@Roles('admin')
@Controller('catalog/categories')
export class CatalogController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly importer: DirectoryImportService,
    private readonly exporter: DirectoryExportService,
  ) {}

  @Roles('admin', 'regulator', 'lab', 'enterprise')
  @Get()
  list(@CurrentUser() p: Principal, @Query() q: CategoryQuery) {
    return this.catalog.list(p, q);
  }

  /** One row per test item, in the layout the import reads. */
  @Roles('admin', 'regulator', 'lab', 'enterprise')
  @Get('export')
  async export(
    @CurrentUser() p: Principal,
    @Query() q: CategoryExportQuery,
    @Res() res: FastifyReply,
  ) {
    const stream = await this.exporter.export(
      CATALOG_SPEC,
      q.format,
      q.lang,
      this.catalog.filtered(p, q),
    );
    return sendFile(res, stream, 'catalog', q.format);
  }

  /** One row per test item, grouped by category code; each category's item list is replaced. */
  @Post('import')
  @ApiConsumes('multipart/form-data')
  async import(@CurrentUser() p: Principal, @Req() req: FastifyRequest) {
    return this.importer.import(CATALOG_SPEC, await uploadedFile(req), p, '');
  }

  @Roles('admin', 'regulator', 'lab', 'enterprise')
  @Get(':code')
  get(@CurrentUser() p: Principal, @Param('code') code: string) {
    return this.catalog.get(p, code);
  }

  @Post()
  create(@CurrentUser() p: Principal, @Body() dto: CreateCategoryDto) {
    return this.catalog.create(p, dto);
  }

  @Patch(':code')
  update(@CurrentUser() p: Principal, @Param('code') code: string, @Body() dto: UpdateCategoryDto) {
    return this.catalog.update(p, code, dto);
  }

  @Delete(':code')
  @HttpCode(204)
  remove(@CurrentUser() p: Principal, @Param('code') code: string) {
    return this.catalog.remove(p, code);
  }
}
