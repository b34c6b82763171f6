import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Principal, Access } from '@spotcheck/auth';
import { ApiErrors, IdParam } from '@spotcheck/common';
import { GtinPrefixDto, GtinPrefixPageDto } from './epcis.response';
import { CreateGtinPrefixDto, GtinPrefixQuery } from './epcis.dto';
import { GtinPrefixService } from './gtin-prefix.service';

/**
 * The GS1 company prefixes and GTINs an enterprise holds: what the own-products rule of
 * capture checks events against.
 */
@ApiTags('epcis 追溯数据接入')
@ApiBearerAuth()
@Controller('epcis/gtin-prefixes')
export class GtinPrefixController {
  constructor(private readonly prefixes: GtinPrefixService) {}

  /** `{ companyPrefix }` or `{ gtin }`; admins add `uscc`. 409 when another enterprise holds an overlapping one. */
  @Access({ enterprise: 'own', admin: 'any' })
  @Post()
  @ApiCreatedResponse({ type: GtinPrefixDto })
  @ApiErrors(400, 403, 409)
  create(@CurrentUser() p: Principal, @Body() dto: CreateGtinPrefixDto) {
    return this.prefixes.register(p, dto);
  }

  @Access({ enterprise: 'own', regulator: 'own', admin: 'any' })
  @Get()
  @ApiOkResponse({ type: GtinPrefixPageDto })
  @ApiErrors(400, 403)
  list(@CurrentUser() p: Principal, @Query() q: GtinPrefixQuery) {
    return this.prefixes.list(p, q);
  }

  /** Events captured under it stay stored. */
  @Access({ enterprise: 'own', admin: 'any' })
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(403, 404)
  remove(@CurrentUser() p: Principal, @IdParam('GTIN prefix') id: string) {
    return this.prefixes.remove(p, id);
  }
}
