import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsCalendarDate, Optional, PageQueryDto, SingleLine } from '../common/validators';
import { CASE_FILE_STATUSES, CASE_NUMBER_MAX, CASE_TITLE_MAX, CASE_TYPES, HANDLING_OFFICER_MAX, type CaseFileStatus, type CaseType } from '@rol/domain';

/** One case file registered by hand; the row rules are the import's (`parseCaseFileRow`). */
export class CreateCaseFileDto {
  @ApiPropertyOptional({ description: '所属部门：部门用户可省略（只能是本部门）；监督科用户必填' })
  @Optional() @IsUUID()
  departmentId?: string;

  @ApiProperty({ example: '郑市监罚〔2025〕12号', description: `案卷号，1–${CASE_NUMBER_MAX} 个字符，部门内唯一` })
  @IsString() @MaxLength(CASE_NUMBER_MAX * 2)
  caseNumber: string;

  @ApiProperty({ example: 'penalty', description: `案卷类别：${CASE_TYPES.join(' / ')}，或中文 行政处罚 / 行政许可 / 行政强制 / 行政检查 / 其他` })
  @IsString() @MaxLength(32)
  caseType: string;

  @ApiProperty({ example: '某公司销售不合格产品案', description: `案卷名称，1–${CASE_TITLE_MAX} 个字符` })
  @IsString() @MaxLength(CASE_TITLE_MAX * 2)
  title: string;

  @ApiProperty({ example: '2025-03-31', description: '决定日期 YYYY-MM-DD' })
  @IsString() @MaxLength(32)
  decisionDate: string;

  @ApiProperty({ example: '张三、李四', description: `承办人，1–${HANDLING_OFFICER_MAX} 个字符` })
  @IsString() @MaxLength(HANDLING_OFFICER_MAX * 2)
  handlingOfficer: string;

  @ApiProperty({ example: 'concluded', description: '状态：concluded（已办结）/ in_progress（在办），或中文' })
  @IsString() @MaxLength(32)
  status: string;
}

export class CaseFileQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '只看该部门（部门用户只能是本部门）' })
  @Optional() @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ enum: CASE_TYPES })
  @Optional() @IsIn(CASE_TYPES as CaseType[])
  caseType?: CaseType;

  @ApiPropertyOptional({ enum: CASE_FILE_STATUSES })
  @Optional() @IsIn(CASE_FILE_STATUSES as CaseFileStatus[])
  status?: CaseFileStatus;

  @ApiPropertyOptional({ description: '案卷号（精确匹配）' })
  @Optional() @IsString() @MaxLength(CASE_NUMBER_MAX)
  caseNumber?: string;

  @ApiPropertyOptional({ example: '2025-01-01', description: '决定日期不早于（含）' })
  @Optional() @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2025-12-31', description: '决定日期不晚于（含）' })
  @Optional() @IsCalendarDate()
  to?: string;
  @ApiPropertyOptional({ description: '按案卷号或案卷名称搜索（包含即可）' })
  @Optional() @IsString() @MaxLength(100) @SingleLine()
  q?: string;
}

export class CaseFileImportQueryDto {
  @ApiPropertyOptional({ description: '监督科用户：整份文件导入到该部门（文件可不含 department_code 列）' })
  @Optional() @IsUUID()
  departmentId?: string;
}

export class CaseFileDto {
  @ApiProperty() id: string;
  @ApiProperty() departmentId: string;
  @ApiProperty({ example: '市场监督管理局' }) departmentName: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty({ enum: CASE_TYPES }) caseType: CaseType;
  @ApiProperty({ example: '行政处罚' }) caseTypeLabel: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2025-03-31' }) decisionDate: string;
  @ApiProperty() handlingOfficer: string;
  @ApiProperty({ enum: CASE_FILE_STATUSES }) status: CaseFileStatus;
  @ApiProperty({ example: '已办结' }) statusLabel: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class CaseFileImportResultDto {
  @ApiProperty({ description: '数据行数（空行不计）' }) total: number;
  @ApiProperty({ description: '新增案卷数' }) created: number;
  @ApiProperty({ description: '按（部门, 案卷号）找到并有改动的已有案卷数' }) updated: number;
  @ApiProperty({ description: '已有且内容相同、未改动的案卷数' }) unchanged: number;
}
