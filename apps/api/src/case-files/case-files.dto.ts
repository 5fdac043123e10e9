import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { FieldErrorDto } from '../common/openapi';
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

  @ApiPropertyOptional({ example: '2026年案卷目录.xlsx', description: '文件名（导入记录中显示；不填则为“案卷目录.csv/.xlsx”）' })
  @Optional() @IsString() @MaxLength(200) @SingleLine()
  fileName?: string;
}

export class CaseFileImportListQueryDto extends PageQueryDto {}

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

export const CASE_FILE_IMPORT_STATUSES = ['queued', 'reading', 'merging', 'succeeded', 'rejected', 'failed'] as const;

/** 案卷目录导入（一个导入任务）: its progress while it runs, then its result or the rows refused. */
export class CaseFileImportDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '2026年案卷目录.xlsx' }) fileName: string;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format: 'csv' | 'xlsx';
  @ApiProperty({ description: '文件大小（字节）' }) sizeBytes: number;
  @ApiProperty({ nullable: true, type: String, description: '整份文件导入的部门；null 表示按各行的部门编码导入' }) departmentId: string | null;
  @ApiProperty({ nullable: true, type: String, example: '市场监督管理局' }) departmentName: string | null;
  @ApiProperty({ example: '张三' }) submittedByName: string;
  @ApiProperty() submittedAt: Date;
  @ApiProperty({
    enum: CASE_FILE_IMPORT_STATUSES,
    description: 'queued 排队中；reading 读取校验中；merging 写入案卷目录中；succeeded 已导入；rejected 被拒绝（未写入任何数据，见 errors）；failed 系统故障未完成（未写入任何数据，可重新提交）',
  })
  status: (typeof CASE_FILE_IMPORT_STATUSES)[number];
  @ApiProperty({ example: '读取校验中' }) statusLabel: string;
  @ApiProperty({ description: '已读取的字节数（CSV；用于进度百分比）' }) bytesRead: number;
  @ApiProperty({ description: '已读取并校验的数据行数' }) rowsRead: number;
  @ApiProperty({ description: '校验通过并已写入的数据行数（先写入暂存表，全部通过后一次写入案卷目录）' }) rowsWritten: number;
  @ApiProperty({ nullable: true, type: CaseFileImportResultDto, description: '已导入时：新增、更新、未变的案卷数' }) result: CaseFileImportResultDto | null;
  @ApiProperty({ nullable: true, type: Number, description: '被拒绝时：错误总数' }) errorCount: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '被拒绝时：涉及的行数' }) badRows: number | null;
  @ApiProperty({ type: [FieldErrorDto], description: '被拒绝时：按行号列出的错误（最多 1,000 条）；否则为空' }) errors: FieldErrorDto[];
  @ApiProperty({ nullable: true, type: String, description: '被拒绝或失败时：说明与处理办法' }) message: string | null;
  @ApiProperty({ nullable: true, type: Date }) startedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) finishedAt: Date | null;
}
