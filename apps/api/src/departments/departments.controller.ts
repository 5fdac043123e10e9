import { Body, Controller, Get, Header, Headers, HttpCode, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { AnyRole, CurrentUser, Roles } from '../common/decorators';
import { XLSX_CONTENT_TYPE } from '../case-files/case-file-template';
import { ApiPagedResponse, sendPage } from '../common/paging';
import { UuidParam } from '../common/validators';
import { CreateDepartmentDto, DepartmentDto, DepartmentQueryDto, ImportResultDto, ImportTemplateQueryDto, UpdateDepartmentDto } from './departments.dto';
import { DepartmentsService, departmentImportTemplate } from './departments.service';

const OFFICE = [Role.OfficeAdmin, Role.OfficeStaff];

@ApiTags('执法部门 departments')
@ApiBearerAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @ApiOperation({ summary: '新建执法部门' })
  @Post()
  @Roles(...OFFICE)
  @ApiCreatedResponse({ type: DepartmentDto })
  create(@CurrentUser() actor: AuthUser, @Body() body: CreateDepartmentDto): Promise<DepartmentDto> {
    return this.departments.create(actor, body);
  }

  @ApiOperation({ summary: '执法部门列表（部门用户只看本部门）' })
  @Get()
  @AnyRole()
  @ApiPagedResponse(DepartmentDto)
  async list(@CurrentUser() actor: AuthUser, @Query() query: DepartmentQueryDto, @Res({ passthrough: true }) res: Response): Promise<DepartmentDto[]> {
    return sendPage(res, await this.departments.list(actor, query));
  }

  @ApiOperation({ summary: '下载部门导入模板（XLSX 或 CSV）' })
  @Get('import-template')
  @Roles(...OFFICE)
  @ApiProduces(XLSX_CONTENT_TYPE, 'text/csv')
  @ApiOkResponse({ description: '导入模板：表头 部门编码、部门名称、类别、是否启用，和一行示例', content: { [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } }, 'text/csv': { schema: { type: 'string', format: 'binary' } } } })
  @Header('Cache-Control', 'no-store')
  async template(@Query() query: ImportTemplateQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const format = query.format ?? 'xlsx';
    res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_CONTENT_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`部门导入模板.${format}`)}`);
    return new StreamableFile(await departmentImportTemplate(format));
  }

  /**
   * 批量导入部门：CSV（Content-Type: text/csv，表头 code,name,kind,active）或 JSON（数组或 {rows}）。
   * 任一行有误则整批拒绝，返回每个错误行的行号和原因，不写入任何数据。
   */
  @ApiOperation({ summary: '批量导入执法部门（XLSX、CSV 或 JSON，全部或全不）' })
  @Post('import')
  @HttpCode(200)
  @Roles(...OFFICE)
  @ApiConsumes('text/csv', XLSX_CONTENT_TYPE, 'application/json')
  @ApiBody({ schema: { oneOf: [{ type: 'string', example: 'code,name,kind,active\nSCJGJ,市场监督管理局,bureau,true' }, { type: 'array', items: { $ref: '#/components/schemas/CreateDepartmentDto' } }] } })
  @ApiOkResponse({ type: ImportResultDto })
  import(@CurrentUser() actor: AuthUser, @Headers('content-type') contentType: string | undefined, @Body() body: unknown): Promise<ImportResultDto> {
    const type = (contentType ?? '').split(';', 1)[0].trim().toLowerCase();
    if (type === 'text/csv' || type === 'text/plain') return this.departments.import(actor, { csv: typeof body === 'string' ? body : '' });
    if (type === XLSX_CONTENT_TYPE) return this.departments.import(actor, { xlsx: Buffer.isBuffer(body) ? body : Buffer.alloc(0) });
    return this.departments.import(actor, { rows: body });
  }

  @ApiOperation({ summary: '查看执法部门' })
  @Get(':id')
  @AnyRole()
  @ApiOkResponse({ type: DepartmentDto })
  get(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<DepartmentDto> {
    return this.departments.get(actor, id);
  }

  @ApiOperation({ summary: '修改执法部门（名称、类别、是否启用）' })
  @Patch(':id')
  @Roles(...OFFICE)
  @ApiOkResponse({ type: DepartmentDto })
  update(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Body() body: UpdateDepartmentDto): Promise<DepartmentDto> {
    return this.departments.update(actor, id, body);
  }
}
