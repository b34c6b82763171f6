import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentUser, Principal } from '@spotcheck/auth';
import { ApiErrors, IdParam } from '@spotcheck/common';
import {
  CreateTargetDto,
  TargetDto,
  TargetListDto,
  TargetQuery,
  UpdateTargetDto,
} from './target.dto';
import { TargetService } from './target.service';

/** 目标值: the targets rates are shown against, per jurisdiction, sector, year and metric. */
@ApiTags('targets 目标值')
@ApiBearerAuth()
@Controller('targets')
export class TargetController {
  constructor(private readonly targets: TargetService) {}

  /** The targets that hold in the caller's jurisdiction: set within it or above it. */
  @Access({ regulator: 'own', admin: 'any' })
  @Get()
  @ApiOkResponse({ type: TargetListDto })
  @ApiErrors(400, 403, 404)
  list(@CurrentUser() p: Principal, @Query() q: TargetQuery) {
    return this.targets.list(p, q);
  }

  @Access({ regulator: 'own', admin: 'any' })
  @Get(':id')
  @ApiOkResponse({ type: TargetDto })
  @ApiErrors(403, 404)
  get(@CurrentUser() p: Principal, @IdParam('target') id: string) {
    return this.targets.get(p, id);
  }

  @Access({ admin: 'any' })
  @Post()
  @ApiCreatedResponse({ type: TargetDto })
  @ApiErrors(400, 403, 409)
  create(@CurrentUser() p: Principal, @Body() dto: CreateTargetDto) {
    return this.targets.create(p, dto);
  }

  @Access({ admin: 'any' })
  @Patch(':id')
  @ApiOkResponse({ type: TargetDto })
  @ApiErrors(400, 403, 404)
  update(@CurrentUser() p: Principal, @IdParam('target') id: string, @Body() dto: UpdateTargetDto) {
    return this.targets.update(p, id, dto);
  }

  @Access({ admin: 'any' })
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(403, 404)
  async remove(@CurrentUser() p: Principal, @IdParam('target') id: string): Promise<void> {
    await this.targets.remove(p, id);
  }
}
