import { Body, Controller, Get, Headers, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { AnyRole, CurrentUser, Roles } from '../common/decorators';
import { UuidParam } from '../common/validators';
import { CreateDepartmentDto, DepartmentDto, ImportResultDto, UpdateDepartmentDto } from './departments.dto';
import { DepartmentsService } from './departments.service';

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
  @ApiOkResponse({ type: [DepartmentDto] })
  list(@CurrentUser() actor: AuthUser): Promise<DepartmentDto[]> {
    return this.departments.list(actor);
  }

  /**
   * 批量导入部门：CSV（Content-Type: text/csv，表头 code,name,kind,active）或 JSON（数组或 {rows}）。
   * 任一行有误则整批拒绝，返回每个错误行的行号和原因，不写入任何数据。
   */
  @ApiOperation({ summary: '批量导入执法部门（CSV 或 JSON，全部或全不）' })
  @Post('import')
  @HttpCode(200)
  @Roles(...OFFICE)
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({ schema: { oneOf: [{ type: 'string', example: 'code,name,kind,active\nSCJGJ,市场监督管理局,bureau,true' }, { type: 'array', items: { $ref: '#/components/schemas/CreateDepartmentDto' } }] } })
  @ApiOkResponse({ type: ImportResultDto })
  import(@CurrentUser() actor: AuthUser, @Headers('content-type') contentType: string | undefined, @Body() body: unknown): Promise<ImportResultDto> {
    const isCsv = /^(text\/csv|text\/plain)/i.test(contentType ?? '');
    return this.departments.import(actor, isCsv ? { csv: typeof body === 'string' ? body : '' } : { rows: body });
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
