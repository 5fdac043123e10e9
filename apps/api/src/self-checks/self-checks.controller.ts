import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Role, type SelfCheckTemplate } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, IdempotencyKey, Roles } from '../common/decorators';
import { UuidParam } from '../common/validators';
import { DecisionDto, DraftDto, SelfCheckDto, TemplateDto, VerificationDto } from './self-checks.dto';
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
  template(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string): Promise<SelfCheckTemplate> {
    return this.selfChecks.template(campaignId, actor);
  }

  @ApiOperation({ summary: '修改自查表（自查开始前）' })
  @Put('campaigns/:campaignId/self-check/template')
  @Roles(...OFFICE)
  replaceTemplate(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @Body() body: TemplateDto): Promise<SelfCheckTemplate> {
    return this.selfChecks.replaceTemplate(actor, campaignId, body.template);
  }

  @ApiOperation({ summary: '各部门自查情况一览' })
  @Get('campaigns/:campaignId/self-checks')
  @Roles(...OFFICE)
  list(@UuidParam('campaignId') campaignId: string) {
    return this.selfChecks.list(campaignId);
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
  verify(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: VerificationDto, @IdempotencyKey() key?: string) {
    return this.selfChecks.verify(actor, id, body, key);
  }
}
