import { Controller, Get, Headers, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import type { Response } from 'express';
import { DomainError, ErrorCode } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { ApiPagedResponse, sendPage } from '../common/paging';
import { UuidParam } from '../common/validators';
import { CaseFileImportsService, type CaseFileImportFormat } from './case-file-imports.service';
import { XLSX_CONTENT_TYPE } from './case-file-template';
import { WHO } from './case-files.controller';
import { CaseFileImportDto, CaseFileImportListQueryDto, CaseFileImportQueryDto } from './case-files.dto';

@ApiTags('案卷目录 case-files')
@ApiBearerAuth()
@Controller('case-files/imports')
export class CaseFileImportsController {
  constructor(private readonly imports: CaseFileImportsService) {}

  /**
   * 提交一份案卷目录文件导入（异步任务）。请求体以流的方式存入附件存储，随即答复 202 和导入任务；
   * 工作进程读取、逐行校验并写入，进度（已读取、已写入的行数）与结果用 `GET /case-files/imports/{id}` 查看。
   * - CSV（Content-Type: text/csv，UTF-8，可带 BOM），表头
   *   `department_code,case_number,case_type,title,decision_date,handling_officer,status`（或中文表头 部门编码、案卷号…）；
   * - XLSX（Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet），
   *   第一个工作表，首个非空行为表头，列同上。
   *
   * department_code：监督科必填（或用 `?departmentId=` 把整份文件导入一个部门，此时该列可省，
   * 填了须与该部门一致）；部门用户可省，填了必须是本部门编码，否则该行被拒。
   * case_type 可填代码或中文（行政处罚…），status 可填 concluded/in_progress 或 已办结/在办，
   * decision_date 为 YYYY-MM-DD（真实日期）。空行跳过。
   *
   * 全部或全不（ALL OR NOTHING）：任一行有误（字段不合规、部门编码不存在或不属于本部门、
   * 同一部门的案卷号在文件内重复），任务状态为 rejected，`errors` 按行号列出每个错误
   * （`row` 为 Excel 左侧显示的行号，表头为第 1 行；最多列 1,000 条，`message` 写明错误总数
   * “共 N 处错误，涉及 M 行”），不写入任何数据。否则按（部门, 案卷号）新增或更新，任务状态
   * succeeded，`result` 为 `{total, created, updated, unchanged}`。写入在一个事务中，中途失败都回滚。
   */
  @ApiOperation({ summary: '提交案卷目录导入（CSV 或 XLSX，异步任务，全部或全不）' })
  @Post()
  @HttpCode(202)
  @Roles(...WHO)
  @ApiConsumes('text/csv', XLSX_CONTENT_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary', example: 'department_code,case_number,case_type,title,decision_date,handling_officer,status\nSCJG,郑市监罚〔2025〕12号,行政处罚,某公司销售不合格产品案,2025-03-31,张三,已办结' } })
  @ApiAcceptedResponse({ type: CaseFileImportDto, description: '文件已收到，导入任务排队中' })
  submit(
    @CurrentUser() actor: AuthUser,
    @Headers('content-type') contentType: string | undefined,
    @Query() query: CaseFileImportQueryDto,
    @Req() req: IncomingMessage,
  ): Promise<CaseFileImportDto> {
    const format = importFormat(contentType);
    if (!format) {
      req.resume();
      throw new DomainError(ErrorCode.UnsupportedMediaType, `案卷导入只接受 CSV（text/csv）或 XLSX（${XLSX_CONTENT_TYPE}）`);
    }
    return this.imports.submit(actor, format, req, query);
  }

  @ApiOperation({ summary: '案卷目录导入记录（新的在前；部门用户只看本部门）' })
  @Get()
  @Roles(...WHO)
  @ApiPagedResponse(CaseFileImportDto)
  async list(@CurrentUser() actor: AuthUser, @Query() query: CaseFileImportListQueryDto, @Res({ passthrough: true }) res: Response): Promise<CaseFileImportDto[]> {
    return sendPage(res, await this.imports.list(actor, query));
  }

  @ApiOperation({ summary: '查看一个导入任务：进度（已读取、已写入行数）、结果或被拒绝的行' })
  @Get(':id')
  @Roles(...WHO)
  @ApiOkResponse({ type: CaseFileImportDto })
  get(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<CaseFileImportDto> {
    return this.imports.get(actor, id);
  }
}

function importFormat(contentType: string | undefined): CaseFileImportFormat | undefined {
  const type = (contentType ?? '').split(';', 1)[0].trim().toLowerCase();
  if (type === 'text/csv' || type === 'text/plain') return 'csv';
  if (type === XLSX_CONTENT_TYPE) return 'xlsx';
  return undefined;
}
