import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsObject, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { RectificationStatus, type RectificationRules } from '@rol/domain';
import { EvidenceDto, StoredEvidenceDto } from '../common/evidence.dto';
import { IsCalendarDate, Optional, PageQueryDto } from '../common/validators';

export class PeriodDto {
  @ApiProperty({ example: 30 }) @IsInt() @Min(0) @Max(3650) amount: number;
  @ApiProperty({ enum: ['calendar_days', 'working_days'] }) @IsIn(['calendar_days', 'working_days']) unit: 'calendar_days' | 'working_days';
}

/** An item's deadline: a period counted from the issue date (工作日 or 自然日), or a date. */
export class ItemDeadlineDto {
  @ApiPropertyOptional({ example: 30 }) @Optional() @IsInt() @Min(1) @Max(3650) amount?: number;
  @ApiPropertyOptional({ enum: ['calendar_days', 'working_days'] }) @Optional() @IsIn(['calendar_days', 'working_days']) unit?: 'calendar_days' | 'working_days';
  @ApiPropertyOptional({ example: '2026-06-30', description: '指定日期（当日 24 时前）' }) @Optional() @IsCalendarDate() date?: string;
}

export class LadderStepDto {
  @ApiProperty({ enum: ['remind', 'urge', 'interview', 'notice'], description: '提醒、催办、约谈、通报' }) kind: 'remind' | 'urge' | 'interview' | 'notice';
  @ApiProperty({ description: 'true：期限届满前；false：期限届满后' }) before: boolean;
  @ApiProperty({ type: PeriodDto }) offset: PeriodDto;
}

/** 整改规则 of a campaign. */
export class RectificationRulesDto {
  @ApiProperty({ type: PeriodDto, description: '默认整改期限' }) defaultDeadline: PeriodDto;
  @ApiProperty({ type: PeriodDto, description: '签收期限' }) acknowledgeWithin: PeriodDto;
  @ApiProperty({ type: PeriodDto, description: '申请复查的期限' }) objectionWindow: PeriodDto;
  @ApiProperty({ type: [LadderStepDto], description: '催办阶梯' }) ladder: LadderStepDto[];
}

export class RulesDto {
  @ApiProperty({ type: RectificationRulesDto, description: '默认整改期限、签收期限、复查申请期限、催办阶梯（发文机关与文号格式在「本机关设置」）' })
  @IsDefined() @IsObject()
  rules: RectificationRules;
}

export class UpdateLetterDto {
  @ApiPropertyOptional() @Optional() @IsString() @MinLength(1) @MaxLength(5000) intro?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MinLength(1) @MaxLength(5000) closing?: string;
}

export class UpdateItemDto {
  @ApiPropertyOptional({ description: '发现的问题' }) @Optional() @IsString() @MinLength(1) @MaxLength(5000) problem?: string;
  @ApiPropertyOptional({ description: '违反的规定或标准' }) @Optional() @IsString() @MinLength(1) @MaxLength(2000) rule?: string;
  @ApiPropertyOptional({ description: '整改要求' }) @Optional() @IsString() @MinLength(1) @MaxLength(5000) action?: string;
  @ApiPropertyOptional({ type: ItemDeadlineDto }) @Optional() @IsObject() @ValidateNested() @Type(() => ItemDeadlineDto) deadline?: ItemDeadlineDto;
}

export class MergeItemsDto {
  @ApiProperty({ description: '要合并的意见条目（第一条保留，其余并入）' })
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(100) @IsUUID('all', { each: true })
  itemIds: string[];
  @ApiPropertyOptional() @Optional() @IsString() @MinLength(1) @MaxLength(5000) problem?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MinLength(1) @MaxLength(2000) rule?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MinLength(1) @MaxLength(5000) action?: string;
}

export class IssueManyDto {
  @ApiPropertyOptional({ description: '要印发的意见书；不填则印发本周期全部草稿' })
  @Optional() @IsArray() @ArrayMaxSize(10000) @IsUUID('all', { each: true })
  letterIds?: string[];
}

export class ReportDto {
  @ApiProperty({ example: '已对全部执法人员开展执法证件核查，补办证件 3 人。' }) @IsString() @MinLength(1) @MaxLength(20000) report: string;
  @ApiProperty({ type: [EvidenceDto] }) @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => EvidenceDto) evidence: EvidenceDto[];
}

export class ReportDecisionDto {
  @ApiProperty({ enum: ['accept', 'return'], description: 'accept 销号；return 退回（须写明理由）' }) @IsIn(['accept', 'return']) decision: 'accept' | 'return';
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(5000) reason?: string;
}

export class ExtensionDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) reason: string;
  @ApiProperty({ example: '2026-08-31', description: '申请延至该日 24 时' }) @IsCalendarDate() newDeadline: string;
}

export class ApproveDto {
  @ApiProperty() @IsBoolean() approve: boolean;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(2000) note?: string;
}

export class ObjectionDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(5000) reason: string;
}

export class ObjectionDecisionDto {
  @ApiProperty({ description: 'true 维持该意见；false 撤销该意见' }) @IsBoolean() uphold: boolean;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(2000) note?: string;
}

export class ReopenDto {
  @ApiProperty({ example: '回头看发现问题反弹' }) @IsString() @MinLength(1) @MaxLength(2000) reason: string;
  @ApiProperty({ type: ItemDeadlineDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => ItemDeadlineDto) deadline: ItemDeadlineDto;
}

const RECTIFICATION_STATUSES = Object.values(RectificationStatus);

export class MyRectificationsQueryDto {
  @ApiPropertyOptional({ enum: RECTIFICATION_STATUSES, description: '只看该状态' }) @Optional() @IsIn(RECTIFICATION_STATUSES) status?: RectificationStatus;
}

export class CampaignRectificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RECTIFICATION_STATUSES, description: '只看该状态' }) @Optional() @IsIn(RECTIFICATION_STATUSES) status?: RectificationStatus;
  @ApiPropertyOptional({ format: 'uuid', description: '只看该部门' }) @Optional() @IsUUID() departmentId?: string;
}

const LETTER_STATUSES = ['draft', 'issued', 'acknowledged'] as const;

export class CampaignLettersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LETTER_STATUSES, description: '只看该状态：draft 草稿；issued 待签收；acknowledged 已签收' }) @Optional() @IsIn(LETTER_STATUSES) status?: (typeof LETTER_STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid', description: '只看该部门' }) @Optional() @IsUUID() departmentId?: string;
}

export class OpinionItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '条目序号（一、二、三…）' }) position: number;
  @ApiProperty({ description: '发现的问题' }) problem: string;
  @ApiProperty({ description: '依据：违反的规定或标准条款' }) rule: string;
  @ApiProperty({ description: '整改要求' }) action: string;
  @ApiProperty({ type: ItemDeadlineDto, description: '整改期限：自印发之日起的期间，或指定日期' }) deadline: ItemDeadlineDto;
  @ApiProperty({ nullable: true, type: Date, description: '印发后算出的整改截止时间' }) deadlineAt: Date | null;
  @ApiProperty({ type: [String], description: '来源问题（核查、评查发现）' }) findingIds: string[];
}

/** 监督意见书. */
export class SupplementedLetterDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, example: '某司监〔2026〕1号' }) documentNumber: string | null;
}

export class OpinionLetterDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ example: '交通运输局' }) departmentName: string;
  @ApiProperty({ enum: LETTER_STATUSES, description: 'draft 草稿；issued 已印发待签收；acknowledged 已签收' }) status: (typeof LETTER_STATUSES)[number];
  @ApiProperty({ nullable: true, type: String, example: '某司法监〔2026〕3号' }) documentNumber: string | null;
  @ApiProperty({ nullable: true, type: Date }) issuedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: '签收期限' }) acknowledgeDueAt: Date | null;
  @ApiProperty({ nullable: true, type: Date, description: '申请复查的期限' }) objectionDueAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) acknowledgedAt: Date | null;
  @ApiProperty({ description: '开头' }) intro: string;
  @ApiProperty({ description: '结尾' }) closing: string;
  @ApiProperty({ example: '某某市司法局', description: '发文机关（已印发的为印发时的，草稿为本机关设置中的）' }) officeName: string;
  @ApiProperty({ example: '张三，0571-87654321', description: '联系人及电话（本机关设置；空为不印）' }) contact: string;
  @ApiProperty({ type: SupplementedLetterDto, nullable: true, description: '补充监督意见书：所补充的（此前已印发的）意见书；首份意见书为空' }) supplements: SupplementedLetterDto | null;
  @ApiProperty({ type: [OpinionItemDto] }) items: OpinionItemDto[];
}

/** 整改事项 as listed. */
export class RectificationItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ example: 2026, description: '事项所属年度（下达意见书的年度）' }) year: number;
  @ApiProperty({ nullable: true, type: Number, example: 2026, description: '上年度结转：从哪一年度结转而来（在本年度列表中）' }) carriedInFrom: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 2027, description: '已结转至哪一年度（在原年度列表中）' }) carriedOverTo: number | null;
  @ApiProperty({ nullable: true, type: String, example: '上年度结转（2026 年度）', description: '结转标签：上年度结转 / 已结转至下一年度' }) carryLabel: string | null;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() departmentName: string;
  @ApiProperty({ format: 'uuid' }) letterId: string;
  @ApiProperty({ nullable: true, type: String }) documentNumber: string | null;
  @ApiProperty() position: number;
  @ApiProperty() problem: string;
  @ApiProperty() rule: string;
  @ApiProperty() action: string;
  @ApiProperty({ enum: RECTIFICATION_STATUSES }) status: RectificationStatus;
  @ApiProperty({ example: '整改中' }) statusLabel: string;
  @ApiProperty({ description: '第几轮整改（回头看重新打开后加一）' }) round: number;
  @ApiProperty() deadlineAt: Date;
  @ApiProperty() originalDeadlineAt: Date;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ nullable: true, type: Date }) closedAt: Date | null;
  @ApiProperty({ nullable: true, type: Boolean, description: '是否按期销号' }) closedOnTime: boolean | null;
  @ApiProperty({ nullable: true, enum: ['pending', 'upheld', 'withdrawn'], description: '复查申请：pending 待决定；upheld 维持；withdrawn 撤销' }) objection: 'pending' | 'upheld' | 'withdrawn' | null;
}

export class ReportRecordDto {
  @ApiProperty() version: number;
  @ApiProperty() round: number;
  @ApiProperty() report: string;
  @ApiProperty({ type: [StoredEvidenceDto] }) evidence: StoredEvidenceDto[];
  @ApiProperty() submittedAt: Date;
  @ApiProperty({ nullable: true, enum: ['accepted', 'returned'] }) decision: 'accepted' | 'returned' | null;
  @ApiProperty({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, description: '退回理由' }) reason: string | null;
}

export class ExtensionRecordDto {
  @ApiProperty() seq: number;
  @ApiProperty() reason: string;
  @ApiProperty() requestedDeadlineAt: Date;
  @ApiProperty() requestedAt: Date;
  @ApiProperty({ nullable: true, enum: ['approved', 'refused'] }) decision: 'approved' | 'refused' | null;
  @ApiProperty({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class ObjectionRecordDto {
  @ApiProperty() reason: string;
  @ApiProperty() filedAt: Date;
  @ApiProperty({ nullable: true, enum: ['upheld', 'withdrawn'] }) decision: 'upheld' | 'withdrawn' | null;
  @ApiProperty({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class ReopeningDto {
  @ApiProperty() round: number;
  @ApiProperty() reason: string;
  @ApiProperty() deadlineAt: Date;
  @ApiProperty() reopenedAt: Date;
}

export class EscalationDto {
  @ApiProperty({ enum: ['remind', 'urge', 'interview', 'notice'], description: '提醒、催办、约谈、通报' }) kind: string;
  @ApiProperty() round: number;
  @ApiProperty() at: Date;
}

/** 整改事项 with its whole history. */
export class RectificationDetailDto extends RectificationItemDto {
  @ApiProperty({ type: [ReportRecordDto] }) reports: ReportRecordDto[];
  @ApiProperty({ type: [ExtensionRecordDto] }) extensions: ExtensionRecordDto[];
  @ApiProperty({ type: ObjectionRecordDto, nullable: true }) objectionRecord: ObjectionRecordDto | null;
  @ApiProperty({ type: [ReopeningDto] }) reopenings: ReopeningDto[];
  @ApiProperty({ type: [EscalationDto] }) escalations: EscalationDto[];
  @ApiProperty({ description: '该事项流程的后台步骤暂时失败、正在等待自动重试或运维处理（此时办理可能失败，请稍后再试）' }) processingTrouble: boolean;
}

export class IssueErrorDto {
  @ApiProperty() code: string;
  @ApiProperty() message: string;
}

/** One letter of a batch issue: its 文号, or why it was not issued. */
export class IssueResultDto {
  @ApiProperty({ format: 'uuid' }) letterId: string;
  @ApiPropertyOptional({ example: '某司法监〔2026〕3号' }) documentNumber?: string | null;
  @ApiPropertyOptional({ type: IssueErrorDto }) error?: IssueErrorDto;
}

export class RectificationCountsDto {
  @ApiProperty({ description: '已印发意见书' }) lettersIssued: number;
  @ApiProperty({ description: '已签收意见书' }) lettersAcknowledged: number;
  @ApiProperty({ description: '整改事项' }) items: number;
  @ApiProperty({ description: '未销号' }) open: number;
  @ApiProperty({ description: '已销号' }) closed: number;
  @ApiProperty({ description: '复查后撤销' }) withdrawn: number;
  @ApiProperty({ description: '逾期未销号' }) overdue: number;
  @ApiProperty({ description: '批准延期过' }) extended: number;
  @ApiProperty({ description: '被催办、约谈或通报过' }) escalated: number;
  @ApiProperty({ description: '销号率（0–1）' }) closureRate: number;
  @ApiProperty({ description: '按期销号率（0–1）' }) onTimeRate: number;
  @ApiProperty({ description: '待审核的整改报告' }) reportsToDecide: number;
  @ApiProperty({ description: '待审批的延期申请' }) pendingExtensions: number;
  @ApiProperty({ description: '待决定的复查申请' }) pendingObjections: number;
  @ApiProperty({ description: '本年度结束时尚未销号、结转至下一年度的事项数' }) carriedOver: number;
  @ApiProperty({ description: '由上一年度结转而来的事项数（计入本年度）' }) carriedIn: number;
}

export class DepartmentRectificationCountsDto extends RectificationCountsDto {
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class RectificationStatusDto {
  @ApiProperty({ type: RectificationCountsDto }) overall: RectificationCountsDto;
  @ApiProperty({ type: [DepartmentRectificationCountsDto] }) departments: DepartmentRectificationCountsDto[];
}
