import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../common/auth-user';
import { AnyRole, CurrentUser } from '../common/decorators';
import { ApiPagedResponse, sendPage } from '../common/paging';
import { IntParam } from '../common/validators';
import { MarkedReadDto, NotificationDto, NotificationQueryDto, UnreadCountDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('消息中心 notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @ApiOperation({ summary: '我的消息：提醒、逾期、催办/约谈/通报、退回、决定、新的意见书（新的在前，分页）' })
  @Get()
  @AnyRole()
  @ApiPagedResponse(NotificationDto)
  async list(@CurrentUser() user: AuthUser, @Query() q: NotificationQueryDto, @Res({ passthrough: true }) res: Response): Promise<NotificationDto[]> {
    return sendPage(res, await this.notifications.list(user, q));
  }

  @ApiOperation({ summary: '未读消息数（页眉角标）' })
  @Get('unread-count')
  @AnyRole()
  @ApiOkResponse({ type: UnreadCountDto })
  async unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadCountDto> {
    return { unread: await this.notifications.unreadCount(user) };
  }

  @ApiOperation({ summary: '全部标为已读' })
  @Post('read-all')
  @HttpCode(200)
  @AnyRole()
  @ApiOkResponse({ type: MarkedReadDto })
  async markAllRead(@CurrentUser() user: AuthUser): Promise<MarkedReadDto> {
    return { marked: await this.notifications.markAllRead(user) };
  }

  @ApiOperation({ summary: '标为已读（重复标记不变）' })
  @Post(':id/read')
  @HttpCode(200)
  @AnyRole()
  @ApiOkResponse({ type: MarkedReadDto })
  async markRead(@CurrentUser() user: AuthUser, @IntParam('id', 1, Number.MAX_SAFE_INTEGER) id: number): Promise<MarkedReadDto> {
    return { marked: await this.notifications.markRead(user, id) };
  }
}
