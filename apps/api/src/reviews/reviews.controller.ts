import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { IntParam, TextParam, UuidParam } from '../common/validators';
import { ConflictDto, MyReviewsQueryDto, NewStandardDto, ReturnReviewDto, ReviewSheetDto } from './reviews.dto';
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
  mine(@CurrentUser() actor: AuthUser, @Query() query: MyReviewsQueryDto) {
    return this.reviews.mine(actor, query.campaignId);
  }

  @ApiOperation({ summary: '查看评查任务及评查标准' })
  @Get('review-assignments/:id')
  @Roles(Role.Reviewer, ...OFFICE)
  get(@CurrentUser() actor: AuthUser, @UuidParam() id: string) {
    return this.reviews.get(actor, id);
  }

  @ApiOperation({ summary: '保存评查表草稿' })
  @Put('review-assignments/:id/sheet')
  @Roles(Role.Reviewer)
  save(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ReviewSheetDto) {
    return this.reviews.saveDraft(actor, id, body);
  }

  @ApiOperation({ summary: '提交评查表：计分、定等次，扣分项记为问题' })
  @Post('review-assignments/:id/submit')
  @HttpCode(200)
  @Roles(Role.Reviewer)
  submit(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ReviewSheetDto) {
    return this.reviews.submit(actor, id, body);
  }

  @ApiOperation({ summary: '退回评查表复核' })
  @Post('reviews/:id/return')
  @HttpCode(200)
  @Roles(...OFFICE)
  returnReview(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: ReturnReviewDto) {
    return this.reviews.returnForSecondPass(actor, id, body.reason);
  }

  @ApiOperation({ summary: '申明回避；已分配的未完成案卷改派他人' })
  @Post('reviewer-conflicts')
  @Roles(Role.Reviewer, ...OFFICE)
  conflict(@CurrentUser() actor: AuthUser, @Body() body: ConflictDto) {
    return this.reviews.declareConflict(actor, body);
  }

  @ApiOperation({ summary: '评查结果：每卷得分与等次、各部门平均分、优秀率与合格率' })
  @Get('campaigns/:campaignId/review/results')
  @Roles(...OFFICE)
  results(@UuidParam('campaignId') campaignId: string) {
    return this.reviews.results(campaignId);
  }

  @ApiOperation({ summary: '评查标准及其版本' })
  @Get('scoring-standards')
  @Roles(...OFFICE, Role.Reviewer)
  standards() {
    return this.reviews.standards();
  }

  @ApiOperation({ summary: '查看评查标准的一个版本' })
  @Get('scoring-standards/:code/versions/:version')
  @Roles(...OFFICE, Role.Reviewer)
  standard(@TextParam('code', 64) code: string, @IntParam('version', 1, 2_147_483_647) version: number) {
    return this.reviews.standard(code, version);
  }

  @ApiOperation({ summary: '发布评查标准新版本（已开始的评查仍用原版本）' })
  @Post('scoring-standards')
  @Roles(Role.OfficeAdmin)
  publish(@CurrentUser() actor: AuthUser, @Body() body: NewStandardDto) {
    return this.reviews.publishStandard(actor, body);
  }
}
