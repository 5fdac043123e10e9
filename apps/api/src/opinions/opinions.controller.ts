import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, IdempotencyKey, Roles } from '../common/decorators';
import { ApiPagedResponse, sendPage } from '../common/paging';
import { UuidParam } from '../common/validators';
import {
  CampaignLettersQueryDto,
  ApproveDto,
  CampaignRectificationsQueryDto,
  ExtensionDto,
  IssueResultDto,
  OpinionLetterDto,
  RectificationDetailDto,
  RectificationItemDto,
  RectificationRulesDto,
  RectificationStatusDto,
  IssueManyDto,
  MergeItemsDto,
  MyRectificationsQueryDto,
  ObjectionDecisionDto,
  ObjectionDto,
  ReopenDto,
  ReportDecisionDto,
  ReportDto,
  RulesDto,
  UpdateItemDto,
  UpdateLetterDto,
} from './opinions.dto';
import { OpinionsService } from './opinions.service';
import { RectificationsService } from './rectifications.service';

const OFFICE = [Role.OfficeAdmin, Role.OfficeStaff];

@ApiTags('监督意见书 opinion letters')
@ApiBearerAuth()
@Controller()
export class OpinionsController {
  constructor(private readonly opinions: OpinionsService) {}

  @ApiOperation({ summary: '查看整改规则（整改期限、签收期限、复查申请期限、催办阶梯）' })
  @Get('campaigns/:campaignId/rectification-rules')
  @Roles(...OFFICE)
  @ApiOkResponse({ type: RectificationRulesDto })
  rules(@UuidParam('campaignId') campaignId: string) {
    return this.opinions.rules(campaignId);
  }

  @ApiOperation({ summary: '设置整改规则（首份意见书印发前可改）' })
  @Put('campaigns/:campaignId/rectification-rules')
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: RectificationRulesDto })
  replaceRules(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @Body() body: RulesDto) {
    return this.opinions.replaceRules(actor, campaignId, body.rules);
  }

  @ApiOperation({ summary: '根据自查核查与案卷评查发现的问题起草意见书（每个部门一份）' })
  @Post('campaigns/:campaignId/opinion-letters/draft')
  @HttpCode(200)
  @Roles(...OFFICE)
  @ApiOkResponse({ type: [OpinionLetterDto] })
  draft(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string) {
    return this.opinions.draft(actor, campaignId);
  }

  @ApiOperation({ summary: '本周期的监督意见书（分页，可按部门、状态筛选）' })
  @Get('campaigns/:campaignId/opinion-letters')
  @Roles(...OFFICE)
  @ApiPagedResponse(OpinionLetterDto)
  async list(@UuidParam('campaignId') campaignId: string, @Query() query: CampaignLettersQueryDto, @Res({ passthrough: true }) res: Response): Promise<OpinionLetterDto[]> {
    return sendPage(res, await this.opinions.list(campaignId, query));
  }

  @ApiOperation({ summary: '批量印发监督意见书' })
  @Post('campaigns/:campaignId/opinion-letters/issue')
  @HttpCode(200)
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: [IssueResultDto] })
  issueMany(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @Body() body: IssueManyDto) {
    return this.opinions.issueMany(actor, campaignId, body.letterIds);
  }

  @ApiOperation({ summary: '本部门收到的监督意见书' })
  @Get('me/opinion-letters')
  @Roles(Role.DepartmentUser)
  @ApiOkResponse({ type: [OpinionLetterDto] })
  mine(@CurrentUser() actor: AuthUser) {
    return this.opinions.mine(actor);
  }

  @ApiOperation({ summary: '查看监督意见书' })
  @Get('opinion-letters/:id')
  @Roles(...OFFICE, Role.DepartmentUser)
  @ApiOkResponse({ type: OpinionLetterDto })
  get(@CurrentUser() actor: AuthUser, @UuidParam() id: string) {
    return this.opinions.get(actor, id);
  }

  @ApiOperation({ summary: '修改意见书草稿的开头与结尾' })
  @Patch('opinion-letters/:id')
  @Roles(...OFFICE)
  @ApiOkResponse({ type: OpinionLetterDto })
  updateLetter(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: UpdateLetterDto) {
    return this.opinions.updateLetter(actor, id, body);
  }

  @ApiOperation({ summary: '合并意见条目（草稿）' })
  @Post('opinion-letters/:id/merge')
  @HttpCode(200)
  @Roles(...OFFICE)
  @ApiOkResponse({ type: OpinionLetterDto })
  merge(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: MergeItemsDto) {
    return this.opinions.merge(actor, id, body);
  }

  @ApiOperation({ summary: '印发监督意见书：编文号（每年连续、不重号不跳号），启动签收与整改流程' })
  @Post('opinion-letters/:id/issue')
  @HttpCode(200)
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: OpinionLetterDto })
  issue(@CurrentUser() actor: AuthUser, @UuidParam() id: string) {
    return this.opinions.issue(actor, id);
  }

  @ApiOperation({ summary: '签收监督意见书' })
  @Post('opinion-letters/:id/acknowledge')
  @HttpCode(200)
  @Roles(Role.DepartmentUser)
  @ApiOkResponse({ type: OpinionLetterDto })
  acknowledge(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @IdempotencyKey() key?: string) {
    return this.opinions.acknowledge(actor, id, key);
  }

  @ApiOperation({ summary: '下载监督意见书（Word）' })
  @Get('opinion-letters/:id/docx')
  @Roles(...OFFICE, Role.DepartmentUser)
  @ApiProduces('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiOkResponse({ description: '意见书 Word 文件（DOCX）', content: { 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } } } })
  async docx(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Res() res: { setHeader(k: string, v: string): void; end(b: Buffer): void }) {
    const { filename, body } = await this.opinions.docx(actor, id);
    res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
    res.end(body);
  }

  @ApiOperation({ summary: '修改意见条目（草稿）' })
  @Patch('opinion-items/:id')
  @Roles(...OFFICE)
  @ApiOkResponse({ type: OpinionLetterDto })
  updateItem(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: UpdateItemDto) {
    return this.opinions.updateItem(actor, id, body);
  }

  @ApiOperation({ summary: '删除意见条目（草稿）' })
  @Delete('opinion-items/:id')
  @Roles(...OFFICE)
  @ApiOkResponse({ type: OpinionLetterDto })
  dropItem(@CurrentUser() actor: AuthUser, @UuidParam() id: string) {
    return this.opinions.dropItem(actor, id);
  }
}

@ApiTags('整改 rectifications')
@ApiBearerAuth()
@Controller()
export class RectificationsController {
  constructor(private readonly rectifications: RectificationsService) {}

  @ApiOperation({ summary: '本部门的整改事项' })
  @Get('me/rectifications')
  @Roles(Role.DepartmentUser)
  @ApiOkResponse({ type: [RectificationItemDto] })
  mine(@CurrentUser() actor: AuthUser, @Query() query: MyRectificationsQueryDto) {
    return this.rectifications.mine(actor, query.status);
  }

  @ApiOperation({ summary: '本周期的整改事项（分页，可按部门、状态筛选）' })
  @Get('campaigns/:campaignId/rectifications')
  @Roles(...OFFICE)
  @ApiPagedResponse(RectificationItemDto)
  async forCampaign(@UuidParam('campaignId') campaignId: string, @Query() query: CampaignRectificationsQueryDto, @Res({ passthrough: true }) res: Response): Promise<RectificationItemDto[]> {
    return sendPage(res, await this.rectifications.forCampaign(campaignId, query));
  }

  @ApiOperation({ summary: '整改进度：意见书印发与签收、事项状态、销号率与按期率（总体与分部门）' })
  @Get('campaigns/:campaignId/rectification-status')
  @Roles(...OFFICE, Role.Operator)
  @ApiOkResponse({ type: RectificationStatusDto })
  status(@UuidParam('campaignId') campaignId: string) {
    return this.rectifications.status(campaignId);
  }

  @ApiOperation({ summary: '查看整改事项及其全部记录' })
  @Get('rectifications/:id')
  @Roles(...OFFICE, Role.DepartmentUser)
  @ApiOkResponse({ type: RectificationDetailDto })
  get(@CurrentUser() actor: AuthUser, @UuidParam() id: string) {
    return this.rectifications.get(actor, id);
  }

  @ApiOperation({ summary: '报送整改报告' })
  @Post('rectifications/:id/reports')
  @HttpCode(200)
  @Roles(Role.DepartmentUser)
  @ApiOkResponse({ type: RectificationDetailDto })
  report(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ReportDto, @IdempotencyKey() key?: string) {
    return this.rectifications.report(actor, id, body, key);
  }

  @ApiOperation({ summary: '审核整改报告：销号或退回' })
  @Post('rectifications/:id/decision')
  @HttpCode(200)
  @Roles(...OFFICE)
  @ApiOkResponse({ type: RectificationDetailDto })
  decide(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ReportDecisionDto, @IdempotencyKey() key?: string) {
    return this.rectifications.decide(actor, id, body, key);
  }

  @ApiOperation({ summary: '申请延期' })
  @Post('rectifications/:id/extensions')
  @HttpCode(200)
  @Roles(Role.DepartmentUser)
  @ApiOkResponse({ type: RectificationDetailDto })
  extension(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ExtensionDto, @IdempotencyKey() key?: string) {
    return this.rectifications.requestExtension(actor, id, body, key);
  }

  @ApiOperation({ summary: '审批延期申请' })
  @Post('rectifications/:id/extensions/decision')
  @HttpCode(200)
  @Roles(...OFFICE)
  @ApiOkResponse({ type: RectificationDetailDto })
  decideExtension(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ApproveDto, @IdempotencyKey() key?: string) {
    return this.rectifications.decideExtension(actor, id, body, key);
  }

  @ApiOperation({ summary: '申请复查（在复查期限内）' })
  @Post('rectifications/:id/objection')
  @HttpCode(200)
  @Roles(Role.DepartmentUser)
  @ApiOkResponse({ type: RectificationDetailDto })
  object(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ObjectionDto, @IdempotencyKey() key?: string) {
    return this.rectifications.object(actor, id, body.reason, key);
  }

  @ApiOperation({ summary: '决定复查申请：维持或撤销该意见' })
  @Post('rectifications/:id/objection/decision')
  @HttpCode(200)
  @Roles(...OFFICE)
  @ApiOkResponse({ type: RectificationDetailDto })
  decideObjection(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ObjectionDecisionDto, @IdempotencyKey() key?: string) {
    return this.rectifications.decideObjection(actor, id, body, key);
  }

  @ApiOperation({ summary: '回头看：重新打开已销号事项' })
  @Post('rectifications/:id/reopen')
  @HttpCode(200)
  @Roles(...OFFICE)
  @ApiOkResponse({ type: RectificationDetailDto })
  reopen(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ReopenDto, @IdempotencyKey() key?: string) {
    return this.rectifications.reopen(actor, id, body, key);
  }
}
