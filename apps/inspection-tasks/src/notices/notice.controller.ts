import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Access } from '@spotcheck/auth';
import { ApiErrors, IdParam } from '@spotcheck/common';
import { NoticeDto, NoticeListDto } from './notice.response';
import { NoticeService } from './notice.service';

/** 检验结果通知书: an enterprise's result notices, with their objection deadlines. */
@ApiTags('result notices 结果通知')
@ApiBearerAuth()
@Controller('notices')
export class NoticeController {
  constructor(private readonly notices: NoticeService) {}

  @Access({ enterprise: 'own', admin: 'any' })
  @Get()
  @ApiOkResponse({ type: NoticeListDto })
  @ApiErrors(403)
  list(@CurrentUser() p: Principal) {
    return this.notices.list(p);
  }

  @Access({ enterprise: 'own', admin: 'any' })
  @Get(':id')
  @ApiOkResponse({ type: NoticeDto })
  @ApiErrors(403, 404)
  get(@CurrentUser() p: Principal, @IdParam('notice') id: string) {
    return this.notices.get(p, id);
  }

  @Access({ enterprise: 'own' })
  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NoticeDto })
  @ApiErrors(403, 404)
  read(@CurrentUser() p: Principal, @IdParam('notice') id: string) {
    return this.notices.read(p, id);
  }
}
