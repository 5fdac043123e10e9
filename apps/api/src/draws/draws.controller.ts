import { Body, Controller, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, IdempotencyKey, Roles } from '../common/decorators';
import { UuidParam } from '../common/validators';
import { DrawConfigDto } from './draws.dto';
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
  @Roles(...OFFICE)
  configure(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @Body() body: DrawConfigDto) {
    return this.draws.configure(actor, campaignId, body.rules);
  }

  @ApiOperation({ summary: '公布种子哈希（承诺）：此后抽取规则不可修改' })
  @Post('commit')
  @HttpCode(200)
  @Roles(Role.OfficeAdmin)
  commit(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string) {
    return this.draws.commit(actor, campaignId);
  }

  @ApiOperation({ summary: '执行抽取：冻结候选清单、公布种子、抽取案卷与评查人员（每个周期一次）' })
  @Post()
  @HttpCode(200)
  @Roles(Role.OfficeAdmin)
  draw(@CurrentUser() actor: AuthUser, @UuidParam('campaignId') campaignId: string, @IdempotencyKey() key?: string) {
    return this.draws.draw(actor, campaignId, key);
  }

  @ApiOperation({ summary: '抽取公示：规则、种子、各哈希、结果与复算方法' })
  @Get()
  @Roles(...OFFICE, Role.Operator, Role.Reviewer, Role.DepartmentUser)
  describe(@UuidParam('campaignId') campaignId: string) {
    return this.draws.describe(campaignId);
  }

  @ApiOperation({ summary: '冻结的候选案卷清单（每行：部门编码、案号、类别、决定日期）' })
  @Get('candidates')
  @Roles(...OFFICE, Role.Operator, Role.Reviewer, Role.DepartmentUser)
  @ApiProduces('text/plain')
  async candidates(@UuidParam('campaignId') campaignId: string, @Res() res: { setHeader(name: string, value: string): void; write(chunk: string): boolean; end(): void }): Promise<void> {
    const lines = this.draws.candidateLines(campaignId);
    const first = await lines.next(); // errors (not drawn yet) surface before the headers go out
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    if (!first.done) res.write(first.value);
    for await (const chunk of lines) res.write(chunk);
    res.end();
  }
}
