import { Body, Controller, Get, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { ApiPagedResponse, sendPage } from '../common/paging';
import { Role, type SelfCheckTemplate } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, IdempotencyKey, Roles } from '../common/decorators';
import { UuidParam } from '../common/validators';
import { DecisionDto, DraftDto, SelfCheckDto, SelfCheckQueryDto, SelfCheckSummaryDto, TemplateBodyDto, TemplateDto, VerificationDto, VerificationResultDto } from './self-checks.dto';
import { SelfChecksService } from './self-checks.service';

const OFFICE = [Role.OfficeAdmin, Role.OfficeStaff];

@ApiTags('自查与核查 self-checks')
@ApiBearerAuth()
@Controller()
export class SelfChecksController {
  constructor(private readonly selfChecks: SelfChecksService) {}

  @ApiOperation({ summary: '查看自查表' })
  @Get('campaigns/:campaignId/self-check/template')
  @Roles(...OFFICE, Role.DepartmentUser)
  @ApiOkResponse({ type: TemplateBodyDto })
  template(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string): Promise<SelfCheckTemplate> {
    return this.selfChecks.template(campaignId, actor);
  }

  @ApiOperation({ summary: '修改自查表（自查开始前）' })
  @Put('campaigns/:campaignId/self-check/template')
  @Roles(...OFFICE)
  @ApiOkResponse({ type: TemplateBodyDto })
  replaceTemplate(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @Body() body: TemplateDto): Promise<SelfCheckTemplate> {
    return this.selfChecks.replaceTemplate(actor, campaignId, body.template);
  }

  @ApiOperation({ summary: '各部门自查情况一览（按状态筛选、分页）' })
  @Get('campaigns/:campaignId/self-checks')
  @Roles(...OFFICE)
  @ApiPagedResponse(SelfCheckSummaryDto)
  async list(@UuidParam('campaignId') campaignId: string, @Query() query: SelfCheckQueryDto, @Res({ passthrough: true }) res: Response): Promise<SelfCheckSummaryDto[]> {
    return sendPage(res, await this.selfChecks.list(campaignId, query));
  }

  @ApiOperation({ summary: '本部门自查（草稿、状态、历次报送版本）' })
  @Get('me/self-checks/:campaignId')
  @Roles(Role.DepartmentUser)
  @ApiOkResponse({ type: SelfCheckDto })
  mine(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string): Promise<SelfCheckDto> {
    return this.selfChecks.mine(actor, campaignId);
  }

  @ApiOperation({ summary: '保存自查草稿' })
  @Put('me/self-checks/:campaignId/draft')
  @Roles(Role.DepartmentUser)
  @ApiOkResponse({ type: SelfCheckDto })
  saveDraft(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @Body() body: DraftDto): Promise<SelfCheckDto> {
    return this.selfChecks.saveDraft(actor, campaignId, body.answers);
  }

  @ApiOperation({ summary: '报送自查（首次须在自查期间内；被退回的可重新报送）' })
  @Post('me/self-checks/:campaignId/submit')
  @HttpCode(200)
  @Roles(Role.DepartmentUser)
  @ApiOkResponse({ type: SelfCheckDto })
  submit(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @IdempotencyKey() key?: string): Promise<SelfCheckDto> {
    return this.selfChecks.submit(actor, campaignId, key);
  }

  @ApiOperation({ summary: '查看一个部门的自查' })
  @Get('self-checks/:id')
  @Roles(...OFFICE, Role.DepartmentUser)
  @ApiOkResponse({ type: SelfCheckDto })
  get(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<SelfCheckDto> {
    return this.selfChecks.get(actor, id);
  }

  @ApiOperation({ summary: '审核自查：通过或退回修改' })
  @Post('self-checks/:id/decision')
  @HttpCode(200)
  @Roles(...OFFICE)
  @ApiOkResponse({ type: SelfCheckDto })
  decide(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: DecisionDto, @IdempotencyKey() key?: string): Promise<SelfCheckDto> {
    return this.selfChecks.decide(actor, id, body, key);
  }

  @ApiOperation({ summary: '记录核查结果；不符之处记为问题' })
  @Post('self-checks/:id/verifications')
  @Roles(...OFFICE)
  @ApiCreatedResponse({ type: VerificationResultDto })
  verify(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: VerificationDto, @IdempotencyKey() key?: string) {
    return this.selfChecks.verify(actor, id, body, key);
  }
}
