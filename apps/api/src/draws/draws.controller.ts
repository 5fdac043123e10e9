import { Body, Controller, Get, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, IdempotencyKey, Roles } from '../common/decorators';
import { UuidParam } from '../common/validators';
import { ApiPagedResponse, sendPage } from '../common/paging';
import { DrawConfigDto, DrawDto, DrawFileDto, DrawFilesQueryDto, DrawReviewerProofDto } from './draws.dto';
import { DrawsService } from './draws.service';

const OFFICE = [Role.OfficeAdmin, Role.OfficeStaff];

/** 双随机抽取：规则 → 公布种子哈希 → 冻结候选清单、公布种子、抽取案卷与评查人员。 */
@ApiTags('抽取 draw')
@ApiBearerAuth()
@Controller('campaigns/:campaignId/draw')
export class DrawsController {
  constructor(private readonly draws: DrawsService) {}

  @ApiOperation({ summary: '设置抽取规则（公布种子哈希前可改）' })
  @Put('config')
  @ApiOkResponse({ type: DrawDto })
  @Roles(...OFFICE)
  configure(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @Body() body: DrawConfigDto) {
    return this.draws.configure(actor, campaignId, body.rules);
  }

  @ApiOperation({ summary: '公布种子哈希（承诺）：此后抽取规则不可修改' })
  @Post('commit')
  @ApiOkResponse({ type: DrawDto })
  @HttpCode(200)
  @Roles(Role.OfficeAdmin)
  commit(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string) {
    return this.draws.commit(actor, campaignId);
  }

  /** 目录较大（数十万件以上）时抽取超过请求的等待时间：答复 202 与 status 'drawing'（含进度），抽取在后台继续，用 GET 查看进度与结果。 */
  @ApiOperation({ summary: '执行抽取：冻结候选清单、公布种子、抽取案卷与评查人员（每个周期一次）' })
  @Post()
  @ApiOkResponse({ type: DrawDto, description: '抽取完成（status drawn）' })
  @ApiAcceptedResponse({ type: DrawDto, description: '抽取已受理、仍在进行（status drawing，见 progress）' })
  @HttpCode(200)
  @Roles(Role.OfficeAdmin)
  async draw(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @Res({ passthrough: true }) res: Response, @IdempotencyKey() key?: string) {
    const answer = await this.draws.draw(actor, campaignId, key);
    if (answer.status === 'drawing') res.status(202);
    return answer;
  }

  @ApiOperation({ summary: '抽取公示：规则、种子、各哈希、结果与复算方法' })
  @Get()
  @ApiOkResponse({ type: DrawDto })
  @Roles(...OFFICE, Role.Operator, Role.Reviewer, Role.DepartmentUser)
  describe(@UuidParam('campaignId') campaignId: string) {
    return this.draws.describe(campaignId);
  }

  @ApiOperation({ summary: '抽中的案卷（分页，可按部门筛选）：部门、案号、类别、评查人员与评查进度' })
  @Get('files')
  @Roles(...OFFICE, Role.Operator)
  @ApiPagedResponse(DrawFileDto)
  async files(@UuidParam('campaignId') campaignId: string, @Query() q: DrawFilesQueryDto, @Res({ passthrough: true }) res: Response): Promise<DrawFileDto[]> {
    return sendPage(res, await this.draws.files(campaignId, q));
  }

  @ApiOperation({ summary: '冻结的候选案卷清单（下载；每行：部门编码、案号、类别、决定日期）' })
  @Get('candidates')
  @Roles(...OFFICE, Role.Operator, Role.Reviewer, Role.DepartmentUser)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: '文本文件，每行以 \\n 结尾，字段以制表符分隔', schema: { type: 'string' } })
  async candidates(@UuidParam('campaignId') campaignId: string, @Res() res: Response): Promise<void> {
    await streamLines(res, this.draws.candidateLines(campaignId), `candidates-${campaignId}.txt`);
  }

  @ApiOperation({ summary: '评查人员分配的公示：化名评查人员库（含回避的部门编码与案卷）与抽取时的分配，用于复算核验' })
  @Get('reviewers')
  @Roles(...OFFICE, Role.Operator, Role.Reviewer, Role.DepartmentUser)
  @ApiOkResponse({ type: DrawReviewerProofDto })
  reviewers(@UuidParam('campaignId') campaignId: string) {
    return this.draws.reviewerProof(campaignId);
  }

  @ApiOperation({ summary: '抽取结果（下载；每行：部门编码、案号、类别、rankKey），用于复算核验' })
  @Get('result')
  @Roles(...OFFICE, Role.Operator, Role.Reviewer, Role.DepartmentUser)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: '文本文件，每行以 \\n 结尾，字段以制表符分隔', schema: { type: 'string' } })
  async result(@UuidParam('campaignId') campaignId: string, @Res() res: Response): Promise<void> {
    await streamLines(res, this.draws.resultLines(campaignId), `draw-result-${campaignId}.txt`);
  }
}

/** Streams a published list as a text download; an error (not drawn yet) surfaces before the headers go out. */
async function streamLines(res: Response, lines: AsyncGenerator<string>, fileName: string): Promise<void> {
  const first = await lines.next();
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${fileName}"`);
  if (!first.done) res.write(first.value);
  for await (const chunk of lines) res.write(chunk);
  res.end();
}
