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
import { CATALOG_SPEC } from '../directory/specs';
import {
  CategoryDto,
  CategoryExportQuery,
  CategoryPageDto,
  CategoryQuery,
  CreateCategoryDto,
  UpdateCategoryDto,
} from './catalog.dto';
import { CatalogService } from './catalog.service';

/** Categories are named by their catalog code: `:code` is any text, and an unknown one is 404. */
@ApiTags('catalog 随机抽查事项清单')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorDto })
@ApiForbiddenResponse({ type: ErrorDto })
@Controller('catalog/categories')
export class CatalogController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly importer: DirectoryImportService,
    private readonly exporter: DirectoryExportService,
  ) {}

  @Access({ admin: 'any', regulator: 'any', lab: 'any', enterprise: 'any' })
  @Get()
  @ApiOkResponse({ type: CategoryPageDto })
  list(@CurrentUser() p: Principal, @Query() q: CategoryQuery) {
    return this.catalog.list(p, q);
  }

  /** One row per test item, in the layout the import reads. */
  @Access({ admin: 'any', regulator: 'any', lab: 'any', enterprise: 'any' })
  @Get('export')
  @ApiFileExport()
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
  @Access({ admin: 'any' })
  @Post('import')
  @ApiFileImport()
  async import(@CurrentUser() p: Principal, @Req() req: FastifyRequest) {
    return this.importer.import(
      CATALOG_SPEC,
      await uploadedFile(req),
      p,
      this.catalog.table.scope(p, ['admin']),
    );
  }

  @Access({ admin: 'any', regulator: 'any', lab: 'any', enterprise: 'any' })
  @Get(':code')
  @ApiOkResponse({ type: CategoryDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(@CurrentUser() p: Principal, @Param('code') code: string) {
    return this.catalog.get(p, code);
  }

  @Access({ admin: 'any' })
  @Post()
  @ApiCreatedResponse({ type: CategoryDto })
  create(@CurrentUser() p: Principal, @Body() dto: CreateCategoryDto) {
    return this.catalog.create(p, dto);
  }

  @Access({ admin: 'any' })
  @Patch(':code')
  @ApiOkResponse({ type: CategoryDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  update(@CurrentUser() p: Principal, @Param('code') code: string, @Body() dto: UpdateCategoryDto) {
    return this.catalog.update(p, code, dto);
  }

  @Access({ admin: 'any' })
  @Delete(':code')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ErrorDto })
  remove(@CurrentUser() p: Principal, @Param('code') code: string) {
    return this.catalog.remove(p, code);
  }
}
