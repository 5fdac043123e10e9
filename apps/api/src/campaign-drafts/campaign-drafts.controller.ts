import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { IntParam } from '../common/validators';
import { CampaignStatusDto, CreateCampaignDto } from '../campaigns/campaigns.dto';
import { CampaignDraftDto } from './campaign-drafts.dto';
import { CampaignDraftsService } from './campaign-drafts.service';

const OFFICE = [Role.OfficeAdmin, Role.OfficeStaff];

@ApiTags('下一年度工作周期草稿 campaign-drafts')
@ApiBearerAuth()
@Controller('campaign-drafts')
export class CampaignDraftsController {
  constructor(private readonly drafts: CampaignDraftsService) {}

  @ApiOperation({ summary: '下一年度工作周期草稿列表（每年 12 月 1 日自动由最近一个年度复制生成）' })
  @Get()
  @Roles(...OFFICE)
  @ApiOkResponse({ type: [CampaignDraftDto] })
  list(): Promise<CampaignDraftDto[]> {
    return this.drafts.list();
  }

  @ApiOperation({ summary: '立即准备下一年度草稿（不必等到定时任务；已有草稿时原样返回）' })
  @Post('prepare')
  @HttpCode(200)
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: CampaignDraftDto })
  prepare(): Promise<CampaignDraftDto> {
    return this.drafts.prepare();
  }

  @ApiOperation({ summary: '查看某年度的工作周期草稿' })
  @Get(':year')
  @Roles(...OFFICE)
  @ApiOkResponse({ type: CampaignDraftDto })
  get(@IntParam('year', 2000, 2100) year: number): Promise<CampaignDraftDto> {
    return this.drafts.get(year);
  }

  @ApiOperation({ summary: '修改草稿中的发布内容（标题、工作要点、时间安排；校验与发布时相同）' })
  @Put(':year')
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: CampaignDraftDto })
  edit(@CurrentUser() actor: AuthUser, @IntParam('year', 2000, 2100) year: number, @Body() body: CreateCampaignDto): Promise<CampaignDraftDto> {
    return this.drafts.edit(actor, year, body);
  }

  @ApiOperation({ summary: '确认草稿并发布该年度工作周期（一并复制自查表、整改规则、抽查规则、指标体系）' })
  @Post(':year/confirm')
  @HttpCode(200)
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: CampaignStatusDto })
  confirm(@CurrentUser() actor: AuthUser, @IntParam('year', 2000, 2100) year: number): Promise<CampaignStatusDto> {
    return this.drafts.confirm(actor, year);
  }

  @ApiOperation({ summary: '放弃草稿（之后不会再为该年度自动生成草稿）' })
  @Post(':year/discard')
  @HttpCode(200)
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: CampaignDraftDto })
  discard(@CurrentUser() actor: AuthUser, @IntParam('year', 2000, 2100) year: number): Promise<CampaignDraftDto> {
    return this.drafts.discard(actor, year);
  }
}
