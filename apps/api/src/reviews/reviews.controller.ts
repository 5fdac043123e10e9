import { Body, Controller, Get, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { IntParam, TextParam, UuidParam } from '../common/validators';
import { ApiPagedResponse, sendPage } from '../common/paging';
import {
  AssignmentDetailDto, AssignmentDto, ConflictDto, ConflictResultDto, DepartmentResultDto, ReturnedReviewDto, SheetScoreDto, StandardVersionDetailDto, StandardVersionDto, SubmittedSheetDto, DepartmentResultsQueryDto, FileResultDto, FileResultsQueryDto, MyReviewsQueryDto, NewStandardDto, ReturnReviewDto, ReviewResultsDto, ReviewSheetDto,
} from './reviews.dto';
import { ReviewsService } from './reviews.service';

const OFFICE = [Role.OfficeAdmin, Role.OfficeStaff];

@ApiTags('评查 reviews')
@ApiBearerAuth()
@Controller()
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @ApiOperation({ summary: '分配给我的评查案卷' })
  @Get('me/reviews')
  @Roles(Role.Reviewer)
  @ApiOkResponse({ type: [AssignmentDto] })
  mine(@CurrentUser() actor: AuthUser, @Query() query: MyReviewsQueryDto) {
    return this.reviews.mine(actor, query.campaignId);
  }

  @ApiOperation({ summary: '查看评查任务及评查标准' })
  @Get('review-assignments/:id')
  @Roles(Role.Reviewer, ...OFFICE)
  @ApiOkResponse({ type: AssignmentDetailDto })
  get(@CurrentUser() actor: AuthUser, @UuidParam() id: string) {
    return this.reviews.get(actor, id);
  }

  @ApiOperation({ summary: '保存评查表草稿' })
  @Put('review-assignments/:id/sheet')
  @Roles(Role.Reviewer)
  @ApiOkResponse({ type: SheetScoreDto })
  save(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ReviewSheetDto) {
    return this.reviews.saveDraft(actor, id, body);
  }

  @ApiOperation({ summary: '提交评查表：计分、定等次，扣分项记为问题' })
  @Post('review-assignments/:id/submit')
  @HttpCode(200)
  @Roles(Role.Reviewer)
  @ApiOkResponse({ type: SubmittedSheetDto })
  submit(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ReviewSheetDto) {
    return this.reviews.submit(actor, id, body);
  }

  @ApiOperation({ summary: '退回评查表复核' })
  @Post('reviews/:id/return')
  @HttpCode(200)
  @Roles(...OFFICE)
  @ApiOkResponse({ type: ReturnedReviewDto })
  returnReview(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ReturnReviewDto) {
    return this.reviews.returnForSecondPass(actor, id, body.reason);
  }

  @ApiOperation({ summary: '申明回避；已分配的未完成案卷改派他人' })
  @Post('reviewer-conflicts')
  @Roles(Role.Reviewer, ...OFFICE)
  @ApiCreatedResponse({ type: ConflictResultDto })
  conflict(@CurrentUser() actor: AuthUser, @Body() body: ConflictDto) {
    return this.reviews.declareConflict(actor, body);
  }

  @ApiOperation({ summary: '评查结果总览：抽中、已评、未评、逾期上报，平均分、优秀率与合格率' })
  @Get('campaigns/:campaignId/review/results')
  @Roles(...OFFICE)
  @ApiOkResponse({ type: ReviewResultsDto })
  results(@UuidParam('campaignId') campaignId: string): Promise<ReviewResultsDto> {
    return this.reviews.results(campaignId);
  }

  @ApiOperation({ summary: '各部门评查结果（分页）：平均分、优秀率、合格率、是否达到优秀单位标准' })
  @Get('campaigns/:campaignId/review/results/departments')
  @Roles(...OFFICE)
  @ApiPagedResponse(DepartmentResultDto)
  async departmentResults(@UuidParam('campaignId') campaignId: string, @Query() q: DepartmentResultsQueryDto, @Res({ passthrough: true }) res: Response): Promise<DepartmentResultDto[]> {
    return sendPage(res, await this.reviews.departmentResults(campaignId, q));
  }

  @ApiOperation({ summary: '每卷评查结果（分页，可按部门、是否评完筛选）：得分与等次' })
  @Get('campaigns/:campaignId/review/results/files')
  @Roles(...OFFICE)
  @ApiPagedResponse(FileResultDto)
  async fileResults(@UuidParam('campaignId') campaignId: string, @Query() q: FileResultsQueryDto, @Res({ passthrough: true }) res: Response): Promise<FileResultDto[]> {
    return sendPage(res, await this.reviews.fileResultsPage(campaignId, q));
  }

  @ApiOperation({ summary: '评查标准及其版本' })
  @Get('scoring-standards')
  @Roles(...OFFICE, Role.Reviewer)
  @ApiOkResponse({ type: [StandardVersionDto] })
  standards() {
    return this.reviews.standards();
  }

  @ApiOperation({ summary: '查看评查标准的一个版本' })
  @Get('scoring-standards/:code/versions/:version')
  @Roles(...OFFICE, Role.Reviewer)
  @ApiOkResponse({ type: StandardVersionDetailDto })
  standard(@TextParam('code', 64) code: string, @IntParam('version', 1, 2_147_483_647) version: number) {
    return this.reviews.standard(code, version);
  }

  @ApiOperation({ summary: '发布评查标准新版本（已开始的评查仍用原版本）' })
  @Post('scoring-standards')
  @Roles(Role.OfficeAdmin)
  @ApiCreatedResponse({ type: StandardVersionDto })
  publish(@CurrentUser() actor: AuthUser, @Body() body: NewStandardDto) {
    return this.reviews.publishStandard(actor, body);
  }
}
