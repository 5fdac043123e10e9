import { Body, Controller, Get, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Role, type IndicatorTree } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { ApiPagedResponse, sendPage } from '../common/paging';
import { IntParam, TextParam, UuidParam } from '../common/validators';
import {
  AssessmentDepartmentsQueryDto,
  AssessmentObjectionDto,
  AssessmentSummaryDto,
  AssessmentVersionDto,
  AsOfQueryDto,
  DepartmentAssessmentDto,
  DepartmentScoreDto,
  IndicatorTreeDto,
  IndicatorTreeSummaryDto,
  MyAssessmentDto,
  MyAssessmentListItemDto,
  NewIndicatorTreeDto,
  NewObjectionDto,
  ObjectionDecisionBodyDto,
  OfficeScoreDto,
  OfficeScoreResultDto,
  PinTreeDto,
  PublishDto,
} from './assessments.dto';
import { AssessmentsService } from './assessments.service';

const OFFICE = [Role.OfficeAdmin, Role.OfficeStaff];

@ApiTags('考核 assessment')
@ApiBearerAuth()
@Controller()
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @ApiOperation({ summary: '指标体系的各个版本' })
  @Get('indicator-trees')
  @Roles(...OFFICE)
  @ApiOkResponse({ type: [IndicatorTreeSummaryDto] })
  trees() {
    return this.assessments.trees();
  }

  @ApiOperation({ summary: '查看指标体系的某一版（一级、二级、三级指标，分值，计算方式）' })
  @Get('indicator-trees/:code/:version')
  @Roles(...OFFICE)
  @ApiOkResponse({ type: IndicatorTreeDto })
  tree(@TextParam('code', 40) code: string, @IntParam('version', 1, 100000) version: number) {
    return this.assessments.tree(code, version);
  }

  @ApiOperation({ summary: '发布指标体系的新版本（已确定版本的工作周期不受影响）' })
  @Post('indicator-trees')
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: IndicatorTreeSummaryDto })
  publishTree(@CurrentUser() actor: AuthUser, @Body() body: NewIndicatorTreeDto) {
    return this.assessments.publishTree(actor, body.tree as unknown as IndicatorTree);
  }

  @ApiOperation({ summary: '更换本周期使用的指标体系版本（考核结果发布前可改）' })
  @Put('campaigns/:campaignId/indicator-tree')
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: IndicatorTreeSummaryDto })
  pin(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @Body() body: PinTreeDto) {
    return this.assessments.pinTree(actor, campaignId, body);
  }

  @ApiOperation({ summary: '考核概况：按截止时间实时计算或读取已发布版本（等次分布、平均分、版本记录）' })
  @Get('campaigns/:campaignId/assessment')
  @Roles(...OFFICE)
  @ApiOkResponse({ type: AssessmentSummaryDto })
  summary(@UuidParam('campaignId') campaignId: string, @Query() q: AsOfQueryDto) {
    return this.assessments.summary(campaignId, q);
  }

  @ApiOperation({ summary: '考核得分表：各部门得分、等次和排名（分页）' })
  @Get('campaigns/:campaignId/assessment/departments')
  @Roles(...OFFICE)
  @ApiPagedResponse(DepartmentScoreDto)
  async departments(@UuidParam('campaignId') campaignId: string, @Query() q: AssessmentDepartmentsQueryDto, @Res({ passthrough: true }) res: Response): Promise<DepartmentScoreDto[]> {
    return sendPage(res, await this.assessments.departments(campaignId, q));
  }

  @ApiOperation({ summary: '一个部门的考核结果和每一分的计分说明（部门用户只能看本部门已发布的结果）' })
  @Get('campaigns/:campaignId/assessment/departments/:departmentId')
  @Roles(...OFFICE, Role.DepartmentUser)
  @ApiOkResponse({ type: DepartmentAssessmentDto })
  department(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @UuidParam('departmentId') departmentId: string, @Query() q: AsOfQueryDto) {
    return this.assessments.department(actor, campaignId, departmentId, q);
  }

  @ApiOperation({ summary: '监督科为末级指标评分（分值范围内，扣分须写明理由，可附佐证材料）' })
  @Put('campaigns/:campaignId/assessment/departments/:departmentId/scores/:indicatorCode')
  @Roles(...OFFICE)
  @ApiOkResponse({ type: OfficeScoreResultDto })
  score(
    @CurrentUser() actor: AuthUser,
    @UuidParam('campaignId') campaignId: string,
    @UuidParam('departmentId') departmentId: string,
    @TextParam('indicatorCode', 20) indicatorCode: string,
    @Body() body: OfficeScoreDto,
  ) {
    return this.assessments.score(actor, campaignId, departmentId, indicatorCode, body);
  }

  @ApiOperation({ summary: '发布考核结果：按截止时间计算并固定（保存输入数据的哈希），部门可在异议期限内提出异议' })
  @Post('campaigns/:campaignId/assessment/publish')
  @HttpCode(200)
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: AssessmentVersionDto })
  publish(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @Body() body: PublishDto) {
    return this.assessments.publish(actor, campaignId, body);
  }

  @ApiOperation({ summary: '考核结果的发布版本记录' })
  @Get('campaigns/:campaignId/assessment/versions')
  @Roles(...OFFICE)
  @ApiOkResponse({ type: [AssessmentVersionDto] })
  versions(@UuidParam('campaignId') campaignId: string) {
    return this.assessments.versionsList(campaignId);
  }

  @ApiOperation({ summary: '本部门各年度的考核结果（最新发布版本）' })
  @Get('me/assessments')
  @Roles(Role.DepartmentUser)
  @ApiOkResponse({ type: [MyAssessmentListItemDto] })
  myList(@CurrentUser() actor: AuthUser) {
    return this.assessments.myList(actor);
  }

  @ApiOperation({ summary: '本部门的考核结果、计分说明和异议（已发布后可见）' })
  @Get('campaigns/:campaignId/assessment/mine')
  @Roles(Role.DepartmentUser)
  @ApiOkResponse({ type: MyAssessmentDto })
  mine(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string) {
    return this.assessments.mine(actor, campaignId);
  }

  @ApiOperation({ summary: '部门对最新发布的考核结果提出异议（异议期限内，每版一次）' })
  @Post('campaigns/:campaignId/assessment/objections')
  @Roles(Role.DepartmentUser)
  @ApiOkResponse({ type: AssessmentObjectionDto })
  object(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @Body() body: NewObjectionDto) {
    return this.assessments.object(actor, campaignId, body);
  }

  @ApiOperation({ summary: '考核异议列表（部门用户只看本部门的）' })
  @Get('campaigns/:campaignId/assessment/objections')
  @Roles(...OFFICE, Role.DepartmentUser)
  @ApiOkResponse({ type: [AssessmentObjectionDto] })
  objections(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string) {
    return this.assessments.objections(actor, campaignId);
  }

  @ApiOperation({ summary: '处理考核异议：成立则按同一截止时间重新计算为新版本，不成立则维持' })
  @Post('campaigns/:campaignId/assessment/objections/:objectionId/decision')
  @HttpCode(200)
  @Roles(Role.OfficeAdmin)
  @ApiOkResponse({ type: AssessmentObjectionDto })
  decide(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @UuidParam('objectionId') objectionId: string, @Body() body: ObjectionDecisionBodyDto) {
    return this.assessments.decide(actor, campaignId, objectionId, body);
  }
}
