import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  registerDecorator,
  isUUID,
} from 'class-validator';
import { Phase, PHASE_LABELS, type CampaignCalendar, type TaskCounts } from '@rol/domain';
import { IsDateTime, Optional, PageQueryDto, SingleLine } from '../common/validators';

/** "all", or a non-empty list of department UUIDs without repeats. */
function IsDepartmentScope() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDepartmentScope',
      target: object.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) =>
          value === 'all' ||
          (Array.isArray(value) && value.length > 0 && value.length <= 10000 && value.every((v) => isUUID(v)) && new Set(value).size === value.length),
      },
    });
}

export class CalendarDto implements CampaignCalendar {
  @ApiPropertyOptional({ example: '2026-05-01T00:00:00+08:00', description: '自查开始' })
  @Optional() @IsDateTime() selfCheckOpensAt?: string;
  @ApiPropertyOptional({ description: '自查报送截止（逾期未报）' })
  @Optional() @IsDateTime() selfCheckClosesAt?: string;
  @ApiPropertyOptional({ description: '案卷评查开始' })
  @Optional() @IsDateTime() reviewOpensAt?: string;
  @ApiPropertyOptional({ description: '评查截止（未完成的评查上报监督科）' })
  @Optional() @IsDateTime() reviewClosesAt?: string;
  @ApiPropertyOptional({ description: '监督意见阶段开始' })
  @Optional() @IsDateTime() opinionsOpensAt?: string;
  @ApiPropertyOptional({ description: '整改阶段开始' })
  @Optional() @IsDateTime() rectificationOpensAt?: string;
  @ApiPropertyOptional({ description: '考核总结阶段开始' })
  @Optional() @IsDateTime() assessmentOpensAt?: string;
  @ApiProperty({ example: '2027-02-28T23:59:59+08:00', description: '本周期结束' })
  @IsDefined() @IsDateTime() closesAt: string;
}

export class PriorityDto {
  @ApiProperty({ example: 'P01', description: '要点编号，同一周期内唯一' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/)
  code: string;

  @ApiProperty({ example: '全面落实行政执法三项制度' })
  @IsString() @MinLength(1) @MaxLength(200) @SingleLine()
  title: string;

  @ApiPropertyOptional({ example: '各执法部门按要求完成行政执法公示、全过程记录、重大执法决定法制审核制度的落实，并报送落实情况。' })
  @Optional() @IsString() @MaxLength(5000)
  description?: string;

  @ApiProperty({ oneOf: [{ type: 'string', enum: ['all'] }, { type: 'array', items: { type: 'string', format: 'uuid' } }], description: '责任单位："all" 为全部部门，或部门 ID 列表' })
  @IsDepartmentScope()
  departmentIds: 'all' | string[];

  @ApiProperty({ example: '2026-06-30T17:00:00+08:00', description: '完成时限' })
  @IsDateTime()
  dueAt: string;

  @ApiProperty({ description: '报送完成情况时是否必须附佐证材料' })
  @IsBoolean()
  evidenceRequired: boolean;
}

export class CreateCampaignDto {
  @ApiProperty({ example: 2026 })
  @IsInt() @Min(2000) @Max(2100)
  year: number;

  @ApiProperty({ example: '2026年度法治政府建设督察' })
  @IsString() @MinLength(1) @MaxLength(200) @SingleLine()
  title: string;

  @ApiProperty({ type: [PriorityDto] })
  @ValidateNested({ each: true })
  @Type(() => PriorityDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  priorities: PriorityDto[];

  @ApiProperty({ type: CalendarDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CalendarDto)
  calendar: CalendarDto;

  @ApiPropertyOptional({ default: 3, description: '截止前几天提醒（自然日）' })
  @Optional() @IsInt() @Min(0) @Max(60)
  reminderDaysBefore?: number;

  @ApiPropertyOptional({ example: '2027-02-28T23:59:59+08:00', description: '年度报告报送期限（次年 3 月 1 日前）；不填为次年 2 月 28 日' })
  @Optional() @IsDateTime()
  annualReportDueAt?: string;
}

export class TaskCountsDto implements TaskCounts {
  @ApiProperty() total: number;
  @ApiProperty({ description: '已完成' }) done: number;
  @ApiProperty({ description: '未完成' }) open: number;
  @ApiProperty({ description: '逾期未完成' }) overdue: number;
  @ApiProperty({ description: '逾期完成' }) late: number;
}

export class CampaignSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() year: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: Object.values(Phase), description: '当前阶段' }) phase: Phase;
  @ApiProperty({ example: PHASE_LABELS.priorities }) phaseLabel: string;
  @ApiProperty() workflowId: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) closedAt: Date | null;
}

export class SelfCheckCounts {
  @ApiProperty({ description: '填报中（未报送）' }) draft: number;
  @ApiProperty({ description: '已报送待审核' }) submitted: number;
  @ApiProperty({ description: '已退回' }) returned: number;
  @ApiProperty({ description: '已通过' }) accepted: number;
  @ApiProperty({ description: '逾期未报' }) notSubmitted: number;
}

export class WorkflowStatusDto {
  @ApiProperty({ description: 'Temporal 工作流状态，如 RUNNING / COMPLETED；无法连接时为 UNAVAILABLE' }) status: string;
  @ApiPropertyOptional() departmentsStarted?: number;
  @ApiPropertyOptional() fanOutDone?: boolean;
  @ApiPropertyOptional({ description: '抽取结果计数（候选、抽中、分配）' }) draw?: { candidateCount: number; sampleCount: number; assignmentCount: number; unassignedCount: number } | null;
  @ApiPropertyOptional({ description: '评查期满时上报监督科的未完成评查数' }) reviewsEscalated?: number | null;
}

export class CampaignStatusDto extends CampaignSummaryDto {
  @ApiProperty() calendar: CalendarDto;
  @ApiProperty() reminderDaysBefore: number;
  @ApiProperty({ description: '覆盖部门数' }) departments: number;
  @ApiProperty({ type: TaskCountsDto }) tasks: TaskCountsDto;
  @ApiProperty({ type: SelfCheckCounts, description: '自查报送情况' }) selfChecks: SelfCheckCounts;
  @ApiProperty({ type: WorkflowStatusDto }) workflow: WorkflowStatusDto;
}

export class DepartmentProgressDto {
  @ApiProperty() departmentId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: TaskCountsDto }) tasks: TaskCountsDto;
}

export class DepartmentProgressQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '按部门编码或名称搜索', maxLength: 100 })
  @Optional() @IsString() @MaxLength(100) @SingleLine()
  q?: string;

  @ApiPropertyOptional({ description: '只看有逾期未完成任务的部门' })
  @Optional() @IsIn(['true', 'false'])
  overdueOnly?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['code', 'overdue'], default: 'code', description: '排序：部门编码，或逾期任务数从多到少' })
  @Optional() @IsIn(['code', 'overdue'])
  sort?: 'code' | 'overdue';
}
