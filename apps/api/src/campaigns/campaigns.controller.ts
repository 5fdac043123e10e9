import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, IdempotencyKey, Roles } from '../common/decorators';
import { ApiPagedResponse, sendPage } from '../common/paging';
import { UuidParam } from '../common/validators';
import { CampaignStatusDto, CampaignSummaryDto, CreateCampaignDto, DepartmentProgressDto, DepartmentProgressQueryDto } from './campaigns.dto';
import { CampaignsService } from './campaigns.service';

const OFFICE = [Role.OfficeAdmin, Role.OfficeStaff];

@ApiTags('年度工作周期 campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @ApiOperation({ summary: '发布年度工作周期：保存工作要点并启动周期工作流，为每个部门生成任务' })
  @Post()
  @Roles(Role.OfficeAdmin)
  @ApiCreatedResponse({ type: CampaignStatusDto })
  launch(@CurrentUser() actor: AuthUser, @Body() body: CreateCampaignDto, @IdempotencyKey() idempotencyKey?: string): Promise<CampaignStatusDto> {
    return this.campaigns.launch(actor, body, idempotencyKey);
  }

  @ApiOperation({ summary: '年度工作周期列表' })
  @Get()
  @Roles(...OFFICE, Role.Operator)
  @ApiOkResponse({ type: [CampaignSummaryDto] })
  list(): Promise<CampaignSummaryDto[]> {
    return this.campaigns.list();
  }

  @ApiOperation({ summary: '周期进度：阶段、覆盖部门数、任务与自查情况' })
  @Get(':id')
  @Roles(...OFFICE, Role.Operator)
  @ApiOkResponse({ type: CampaignStatusDto })
  status(@UuidParam() id: string): Promise<CampaignStatusDto> {
    return this.campaigns.status(id);
  }

  @ApiOperation({ summary: '各部门任务进度（用于催办）' })
  @Get(':id/departments')
  @Roles(...OFFICE, Role.Operator)
  @ApiPagedResponse(DepartmentProgressDto)
  async departments(@UuidParam() id: string, @Query() query: DepartmentProgressQueryDto, @Res({ passthrough: true }) res: Response): Promise<DepartmentProgressDto[]> {
    return sendPage(res, await this.campaigns.departmentProgress(id, query));
  }

  @ApiOperation({ summary: '提前结束本周期（之后不能再报送任务完成情况）' })
  @Post(':id/close')
  @HttpCode(200)
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: CampaignStatusDto })
  close(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @IdempotencyKey() key?: string): Promise<CampaignStatusDto> {
    return this.campaigns.close(actor, id, key);
  }
}
