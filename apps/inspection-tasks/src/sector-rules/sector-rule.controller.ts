import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, Principal } from '@spotcheck/auth';
import { ApiErrors, ErrorDto } from '@spotcheck/common';
import {
  EditSectorRulesDto,
  SectorRulesDto,
  SectorRulesHistoryDto,
  SectorRulesListDto,
} from './sector-rule.dto';
import { SectorRulesApiService } from './sector-rule.service';

/**
 * 行业规则: per sector, the periods, backup retention and retest permissions deadlines are
 * computed from, each with its legal source. Everyone signed in reads them; admins change them.
 */
@ApiTags('sector rules 行业规则')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid token', type: ErrorDto })
@Controller('sector-rules')
export class SectorRuleController {
  constructor(private readonly rules: SectorRulesApiService) {}

  @Access({ admin: 'any', regulator: 'any', lab: 'any', enterprise: 'any' })
  @Get()
  @ApiOkResponse({ type: SectorRulesListDto })
  list() {
    return this.rules.list();
  }

  /** The rules in force and every earlier version, newest first. */
  @Access({ admin: 'any', regulator: 'any', lab: 'any', enterprise: 'any' })
  @Get(':sector')
  @ApiOkResponse({ type: SectorRulesHistoryDto })
  @ApiErrors(404)
  get(@Param('sector') sector: string) {
    return this.rules.get(sector);
  }

  /**
   * Changes some of a sector's rules: a new version, audited. 400 names each field at fault (a
   * changed value without its `source` included); 409 STALE_VERSION when `expectVersion` is
   * not the version in force.
   */
  @Access({ admin: 'any' })
  @Patch(':sector')
  @ApiOkResponse({ type: SectorRulesDto })
  @ApiErrors(400, 403, 404, 409)
  edit(
    @CurrentUser() p: Principal,
    @Param('sector') sector: string,
    @Body() dto: EditSectorRulesDto,
  ) {
    return this.rules.edit(p, sector, dto);
  }
}
