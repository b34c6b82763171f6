import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, Principal } from '@spotcheck/auth';
import { ApiErrors, IdParam } from '@spotcheck/common';
import { NotificationQuery } from './notification.dto';
import {
  MarkedDto,
  NotificationDto,
  NotificationPageDto,
  UnreadCountDto,
} from './notification.response';
import { NotificationService } from './notification.service';

/**
 * 提醒: what the worker tells regulators (overdue deliveries and tests, closed objection
 * windows) and admins (failed jobs). Each caller reads their own inbox and keeps their own
 * read marks; another's notification answers 404.
 */
@ApiTags('notifications 提醒')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationController {
  constructor(private readonly notifications: NotificationService) {}

  @Access({ regulator: 'own', admin: 'own', enterprise: 'own' })
  @Get()
  @ApiOperation({ summary: 'Your notifications, newest first' })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiErrors(400, 403)
  list(@CurrentUser() p: Principal, @Query() q: NotificationQuery) {
    return this.notifications.list(p, q);
  }

  @Access({ regulator: 'own', admin: 'own', enterprise: 'own' })
  @Get('unread-count')
  @ApiOperation({ summary: 'How many of your notifications you have not read' })
  @ApiOkResponse({ type: UnreadCountDto })
  @ApiErrors(403)
  unreadCount(@CurrentUser() p: Principal) {
    return this.notifications.unreadCount(p);
  }

  @Access({ regulator: 'own', admin: 'own', enterprise: 'own' })
  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark every notification you have not read as read' })
  @ApiOkResponse({ type: MarkedDto })
  @ApiErrors(403)
  readAll(@CurrentUser() p: Principal) {
    return this.notifications.readAll(p);
  }

  @Access({ regulator: 'own', admin: 'own', enterprise: 'own' })
  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one notification read (again changes nothing)' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiErrors(403, 404)
  read(@CurrentUser() p: Principal, @IdParam('notification') id: string) {
    return this.notifications.read(p, id);
  }
}
