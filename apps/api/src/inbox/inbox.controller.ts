import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { ApiPagedResponse, sendPage } from '../common/paging';
import { InboxItemDto, InboxQueryDto } from './inbox.dto';
import { InboxService } from './inbox.service';

@ApiTags('待办 inbox')
@ApiBearerAuth()
@Controller('me/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @ApiOperation({ summary: '本部门待办（任务、自查、待签收的意见书、整改事项），按截止时间排序' })
  @Get()
  @Roles(Role.DepartmentUser)
  @ApiPagedResponse(InboxItemDto)
  async list(@CurrentUser() actor: AuthUser, @Query() query: InboxQueryDto, @Res({ passthrough: true }) res: Response): Promise<InboxItemDto[]> {
    return sendPage(res, await this.inbox.list(actor, query));
  }
}
