import { Body, Controller, Get, Header, Headers, HttpCode, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import type { Response } from 'express';
import { DomainError, ErrorCode, Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { ApiPagedResponse, sendPage } from '../common/paging';
import { UuidParam } from '../common/validators';
import { ImportTemplateQueryDto } from '../departments/departments.dto';
import { XLSX_CONTENT_TYPE, caseFileImportTemplate, type CaseFileImportFormat } from './case-file-import';
import { CaseFileDto, CaseFileImportQueryDto, CaseFileImportResultDto, CaseFileQueryDto, CreateCaseFileDto } from './case-files.dto';
import { CaseFilesService } from './case-files.service';

const WHO = [Role.DepartmentUser, Role.OfficeAdmin, Role.OfficeStaff];

@ApiTags('案卷目录 case-files')
@ApiBearerAuth()
@Controller('case-files')
export class CaseFilesController {
  constructor(private readonly caseFiles: CaseFilesService) {}

  @ApiOperation({ summary: '登记一份案卷' })
  @Post()
  @Roles(...WHO)
  @ApiCreatedResponse({ type: CaseFileDto })
  create(@CurrentUser() actor: AuthUser, @Body() body: CreateCaseFileDto): Promise<CaseFileDto> {
    return this.caseFiles.create(actor, body);
  }

  @ApiOperation({ summary: '案卷目录（部门用户只看本部门）' })
  @Get()
  @Roles(...WHO)
  @ApiPagedResponse(CaseFileDto)
  async list(@CurrentUser() actor: AuthUser, @Query() query: CaseFileQueryDto, @Res({ passthrough: true }) res: Response): Promise<CaseFileDto[]> {
    return sendPage(res, await this.caseFiles.list(actor, query));
  }

  @ApiOperation({ summary: '下载案卷目录导入模板（XLSX 或 CSV，中文表头）' })
  @Get('import-template')
  @Roles(...WHO)
  @ApiProduces(XLSX_CONTENT_TYPE, 'text/csv')
  @ApiOkResponse({ description: '导入模板：表头 部门编码、案卷号、案卷类别、案卷名称、决定日期、承办人、状态，和一行示例', content: { [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } }, 'text/csv': { schema: { type: 'string', format: 'binary' } } } })
  @Header('Cache-Control', 'no-store')
  async template(@Query() query: ImportTemplateQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const format = query.format ?? 'xlsx';
    res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_CONTENT_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`案卷目录导入模板.${format}`)}`);
    return new StreamableFile(await caseFileImportTemplate(format));
  }

  /**
   * 批量导入案卷目录，请求体以流的方式读取（不整体缓存）：
   * - CSV（Content-Type: text/csv，UTF-8，可带 BOM），表头
   *   `department_code,case_number,case_type,title,decision_date,handling_officer,status`；
   * - XLSX（Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet），
   *   第一个工作表，首个非空行为表头，列同上。
   *
   * department_code：监督科必填（或用 `?departmentId=` 把整份文件导入一个部门，此时该列可省，
   * 填了须与该部门一致）；部门用户可省，填了必须是本部门编码，否则该行被拒。
   * case_type 可填代码或中文（行政处罚…），status 可填 concluded/in_progress 或 已办结/在办，
   * decision_date 为 YYYY-MM-DD（真实日期）。空行跳过。
   *
   * 全部或全不（ALL OR NOTHING）：任一行有误（字段不合规、部门编码不存在或不属于本部门、
   * 同一部门的案卷号在文件内重复）则整批拒绝，400 IMPORT_REJECTED，`errors` 按行号列出每个错误
   * （`row` 为 Excel 左侧显示的行号，表头为第 1 行；最多列 1,000 条，`message` 写明错误总数
   * “共 N 处错误，涉及 M 行”），不写入任何数据。否则按（部门, 案卷号）新增或更新，
   * 200 `{total, created, updated, unchanged}`。整个导入在一个事务中，中途失败或连接中断都回滚。
   */
  @ApiOperation({ summary: '批量导入案卷目录（CSV 或 XLSX，全部或全不）' })
  @Post('import')
  @HttpCode(200)
  @Roles(...WHO)
  @ApiConsumes('text/csv', XLSX_CONTENT_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary', example: 'department_code,case_number,case_type,title,decision_date,handling_officer,status\nSCJG,郑市监罚〔2025〕12号,行政处罚,某公司销售不合格产品案,2025-03-31,张三,已办结' } })
  @ApiOkResponse({ type: CaseFileImportResultDto })
  import(
    @CurrentUser() actor: AuthUser,
    @Headers('content-type') contentType: string | undefined,
    @Query() query: CaseFileImportQueryDto,
    @Req() req: IncomingMessage,
  ): Promise<CaseFileImportResultDto> {
    const format = importFormat(contentType);
    if (!format) {
      req.resume();
      throw new DomainError(ErrorCode.UnsupportedMediaType, `案卷导入只接受 CSV（text/csv）或 XLSX（${XLSX_CONTENT_TYPE}）`);
    }
    return this.caseFiles.import(actor, format, req, query.departmentId);
  }

  @ApiOperation({ summary: '查看一份案卷' })
  @Get(':id')
  @Roles(...WHO)
  @ApiOkResponse({ type: CaseFileDto })
  get(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<CaseFileDto> {
    return this.caseFiles.get(actor, id);
  }
}

function importFormat(contentType: string | undefined): CaseFileImportFormat | undefined {
  const type = (contentType ?? '').split(';', 1)[0].trim().toLowerCase();
  if (type === 'text/csv' || type === 'text/plain') return 'csv';
  if (type === XLSX_CONTENT_TYPE) return 'xlsx';
  return undefined;
}
