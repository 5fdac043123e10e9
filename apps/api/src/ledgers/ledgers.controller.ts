import { Controller, Get, Logger, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { ErrorResponseDto } from '../common/openapi';
import { UuidParam } from '../common/validators';
import { LEDGER_KINDS, LEDGER_TITLES, Role } from '@rol/domain';
import { contentDisposition } from './ledger-format';
import { writeLedger } from './ledger-writer';
import { LedgersService, parseLedgerKind } from './ledgers.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('台账 ledgers')
@ApiBearerAuth()
@Controller()
export class LedgersController {
  private readonly log = new Logger('ledgers');

  constructor(private readonly ledgers: LedgersService) {}

  @ApiOperation({
    summary: '导出台账（Excel）：任务、自查、评查结果汇总、意见书、整改、考核得分',
    description: '中文表头、首行冻结、带筛选；边查边写（游标分批读取），大台账也不占内存。监督科导出全部部门；部门用户只导出本部门的行。考核得分表取最新发布的考核版本。',
  })
  @Get('campaigns/:id/ledgers/:kind')
  @Roles(Role.OfficeAdmin, Role.OfficeStaff, Role.DepartmentUser)
  @ApiParam({ name: 'kind', enum: LEDGER_KINDS, description: LEDGER_KINDS.map((k) => `${k}：${LEDGER_TITLES[k]}`).join('；') })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: '台账 Excel 文件（XLSX），文件名如“2026年度任务台账.xlsx”（Content-Disposition 的 filename*）', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'ASSESSMENT_NOT_PUBLISHED：考核结果尚未发布（仅考核得分表）' })
  async export(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Param('kind') kind: string, @Res() res: Response): Promise<void> {
    const ledger = await this.ledgers.open(actor, id, parseLedgerKind(kind));
    res.status(200);
    res.setHeader('content-type', XLSX);
    res.setHeader('content-disposition', contentDisposition(ledger.fileName));
    res.setHeader('cache-control', 'no-store');
    try {
      await writeLedger(res, ledger.sheetName, ledger.columns, ledger.batches);
    } catch (err) {
      // Headers are gone: the client sees a broken download, never half a file passed off as whole.
      this.log.error(`ledger ${kind} of campaign ${id} failed while streaming: ${String(err)}`);
      res.destroy(err as Error);
    }
  }
}
