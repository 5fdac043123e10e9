import { Body, Controller, Get, Header, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { ApiPagedResponse, sendPage } from '../common/paging';
import { UuidParam } from '../common/validators';
import { ImportTemplateQueryDto } from '../departments/departments.dto';
import { XLSX_CONTENT_TYPE, caseFileImportTemplate } from './case-file-template';
import { CaseFileDto, CaseFileQueryDto, CreateCaseFileDto } from './case-files.dto';
import { CaseFilesService } from './case-files.service';

export const WHO = [Role.DepartmentUser, Role.OfficeAdmin, Role.OfficeStaff];

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

  @ApiOperation({ summary: '查看一份案卷' })
  @Get(':id')
  @Roles(...WHO)
  @ApiOkResponse({ type: CaseFileDto })
  get(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<CaseFileDto> {
    return this.caseFiles.get(actor, id);
  }
}
