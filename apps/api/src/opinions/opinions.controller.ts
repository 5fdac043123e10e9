import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { UuidParam } from '../common/uuid-param';
import {
  ApproveDto,
  ExtensionDto,
  IssueManyDto,
  MergeItemsDto,
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

  @Get('campaigns/:campaignId/rectification-rules')
  @Roles(...OFFICE)
  rules(@UuidParam('campaignId') campaignId: string) {
    return this.opinions.rules(campaignId);
  }

  /** 发文机关、文号格式、整改/签收/复查期限、催办阶梯（首份意见书印发前可改）。 */
  @Put('campaigns/:campaignId/rectification-rules')
  @Roles(Role.OfficeAdmin)
  replaceRules(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @Body() body: RulesDto) {
    return this.opinions.replaceRules(actor, campaignId, body.rules);
  }

  /** 根据自查核查与案卷评查发现的问题起草意见书（每个部门一份）。 */
  @Post('campaigns/:campaignId/opinion-letters/draft')
  @HttpCode(200)
  @Roles(...OFFICE)
  draft(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string) {
    return this.opinions.draft(actor, campaignId);
  }

  @Get('campaigns/:campaignId/opinion-letters')
  @Roles(...OFFICE)
  list(@UuidParam('campaignId') campaignId: string) {
    return this.opinions.list(campaignId);
  }

  /** 批量印发。 */
  @Post('campaigns/:campaignId/opinion-letters/issue')
  @HttpCode(200)
  @Roles(Role.OfficeAdmin)
  issueMany(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @Body() body: IssueManyDto) {
    return this.opinions.issueMany(actor, campaignId, body.letterIds);
  }

  /** 本部门收到的意见书。 */
  @Get('me/opinion-letters')
  @Roles(Role.DepartmentUser)
  mine(@CurrentUser() actor: AuthUser) {
    return this.opinions.mine(actor);
  }

  @Get('opinion-letters/:id')
  @Roles(...OFFICE, Role.DepartmentUser)
  get(@CurrentUser() actor: AuthUser, @UuidParam() id: string) {
    return this.opinions.get(actor, id);
  }

  @Patch('opinion-letters/:id')
  @Roles(...OFFICE)
  updateLetter(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: UpdateLetterDto) {
    return this.opinions.updateLetter(actor, id, body);
  }

  @Post('opinion-letters/:id/merge')
  @HttpCode(200)
  @Roles(...OFFICE)
  merge(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: MergeItemsDto) {
    return this.opinions.merge(actor, id, body);
  }

  /** 印发：编文号（每年连续、不重号不跳号），启动签收与整改流程。 */
  @Post('opinion-letters/:id/issue')
  @HttpCode(200)
  @Roles(Role.OfficeAdmin)
  issue(@CurrentUser() actor: AuthUser, @UuidParam() id: string) {
    return this.opinions.issue(actor, id);
  }

  /** 签收。 */
  @Post('opinion-letters/:id/acknowledge')
  @HttpCode(200)
  @Roles(Role.DepartmentUser)
  acknowledge(@CurrentUser() actor: AuthUser, @UuidParam() id: string) {
    return this.opinions.acknowledge(actor, id);
  }

  /** 下载意见书（Word）。 */
  @Get('opinion-letters/:id/docx')
  @Roles(...OFFICE, Role.DepartmentUser)
  @ApiProduces('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  async docx(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Res() res: { setHeader(k: string, v: string): void; end(b: Buffer): void }) {
    const { filename, body } = await this.opinions.docx(actor, id);
    res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
    res.end(body);
  }

  @Patch('opinion-items/:id')
  @Roles(...OFFICE)
  updateItem(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: UpdateItemDto) {
    return this.opinions.updateItem(actor, id, body);
  }

  @Delete('opinion-items/:id')
  @Roles(...OFFICE)
  dropItem(@CurrentUser() actor: AuthUser, @UuidParam() id: string) {
    return this.opinions.dropItem(actor, id);
  }
}

@ApiTags('整改 rectifications')
@ApiBearerAuth()
@Controller()
export class RectificationsController {
  constructor(private readonly rectifications: RectificationsService) {}

  @Get('me/rectifications')
  @Roles(Role.DepartmentUser)
  mine(@CurrentUser() actor: AuthUser, @Query('status') status?: string) {
    return this.rectifications.mine(actor, status);
  }

  @Get('campaigns/:campaignId/rectifications')
  @Roles(...OFFICE)
  forCampaign(@UuidParam('campaignId') campaignId: string, @Query('departmentId') departmentId?: string) {
    return this.rectifications.forCampaign(campaignId, departmentId);
  }

  /** 整改进度：意见书印发/签收，事项未完成/已销号/逾期/延期/催办，销号率、按期率（总体与分部门）。 */
  @Get('campaigns/:campaignId/rectification-status')
  @Roles(...OFFICE, Role.Operator)
  status(@UuidParam('campaignId') campaignId: string) {
    return this.rectifications.status(campaignId);
  }

  @Get('rectifications/:id')
  @Roles(...OFFICE, Role.DepartmentUser)
  get(@CurrentUser() actor: AuthUser, @UuidParam() id: string) {
    return this.rectifications.get(actor, id);
  }

  /** 报送整改报告。 */
  @Post('rectifications/:id/reports')
  @HttpCode(200)
  @Roles(Role.DepartmentUser)
  report(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ReportDto) {
    return this.rectifications.report(actor, id, body);
  }

  /** 销号或退回。 */
  @Post('rectifications/:id/decision')
  @HttpCode(200)
  @Roles(...OFFICE)
  decide(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ReportDecisionDto) {
    return this.rectifications.decide(actor, id, body);
  }

  /** 申请延期。 */
  @Post('rectifications/:id/extensions')
  @HttpCode(200)
  @Roles(Role.DepartmentUser)
  extension(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ExtensionDto) {
    return this.rectifications.requestExtension(actor, id, body);
  }

  @Post('rectifications/:id/extensions/decision')
  @HttpCode(200)
  @Roles(...OFFICE)
  decideExtension(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ApproveDto) {
    return this.rectifications.decideExtension(actor, id, body);
  }

  /** 申请复查（在复查期限内）。 */
  @Post('rectifications/:id/objection')
  @HttpCode(200)
  @Roles(Role.DepartmentUser)
  object(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ObjectionDto) {
    return this.rectifications.object(actor, id, body.reason);
  }

  @Post('rectifications/:id/objection/decision')
  @HttpCode(200)
  @Roles(...OFFICE)
  decideObjection(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ObjectionDecisionDto) {
    return this.rectifications.decideObjection(actor, id, body);
  }

  /** 回头看：重新打开已销号事项。 */
  @Post('rectifications/:id/reopen')
  @HttpCode(200)
  @Roles(...OFFICE)
  reopen(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ReopenDto) {
    return this.rectifications.reopen(actor, id, body);
  }
}
