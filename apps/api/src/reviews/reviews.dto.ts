import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNumber, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Optional, PageQueryDto, SingleLine } from '../common/validators';

export class DeductionDto {
  @ApiProperty({ example: 'procedure-2' }) @IsString() @MaxLength(64) criterionCode: string;
  @ApiProperty({ example: 2, description: '扣分（不超过该评查项的最高扣分）' }) @IsNumber() points: number;
  @ApiProperty({ example: '未告知当事人陈述、申辩权利' }) @IsString() @MaxLength(2000) note: string;
}

export class VetoDto {
  @ApiProperty({ example: 'basic-evidence' }) @IsString() @MaxLength(64) criterionCode: string;
  @ApiProperty({ example: '主要证据不足' }) @IsString() @MaxLength(2000) note: string;
}

/** 评查表（一卷一表）. */
export class ReviewSheetDto {
  @ApiProperty({ type: [DeductionDto] })
  @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => DeductionDto)
  deductions: DeductionDto[];

  @ApiProperty({ type: [VetoDto], description: '一票否决项' })
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => VetoDto)
  vetoes: VetoDto[];

  @ApiProperty({ example: '案卷整体规范，程序方面存在瑕疵。' })
  @IsString() @MaxLength(5000)
  comment: string;
}

export class ReturnReviewDto {
  @ApiProperty({ example: '扣分依据不充分，请复核' }) @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export class ConflictDto {
  @ApiPropertyOptional({ description: '评查人员（监督科代为申明时必填；评查人员本人申明时省略）' })
  @Optional() @IsUUID() reviewerId?: string;
  @ApiPropertyOptional({ description: '回避的部门（与 caseFileId 二选一）' })
  @Optional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional({ description: '回避的案卷（与 departmentId 二选一）' })
  @Optional() @IsUUID() caseFileId?: string;
  @ApiProperty({ example: '曾在该单位任职' }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}

export class NewStandardDto {
  @ApiProperty({ example: 'default' }) @IsString() @MinLength(1) @MaxLength(64) @SingleLine() code: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) @SingleLine() name: string;
  @ApiProperty({ description: 'sections[{code,title,points,criteria[{code,title,maxDeduction}]}]' }) @IsArray() sections: unknown[];
  @ApiProperty({ description: '基础标准（一票否决）[{code,title}]' }) @IsArray() basicCriteria: unknown[];
  @ApiProperty({ description: '等次 [{grade,min}]，自高到低' }) @IsArray() bands: unknown[];
  @ApiProperty({ description: 'true：否决即 0 分不合格；false：否决仅不得评为优秀' }) @IsBoolean() vetoMeansFail: boolean;
}

export class MyReviewsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只看该周期' }) @Optional() @IsUUID() campaignId?: string;
}

/** The figures of a set of reviewed files: average score, excellent and pass rates, the excellent-unit bar. */
export class ResultFiguresDto {
  @ApiProperty({ description: '已完成评查的案卷数' }) files: number;
  @ApiProperty({ example: 86.5 }) averageScore: number;
  @ApiProperty({ example: 0.25, description: '优秀率（0–1）' }) excellentRate: number;
  @ApiProperty({ example: 1, description: '合格率（优秀+良好+合格，0–1）' }) passRate: number;
  @ApiProperty({ description: '是否达到优秀单位标准（优秀率 ≥ 85% 且全部合格）' }) excellentUnit: boolean;
}

export class ReviewOverallDto extends ResultFiguresDto {
  @ApiProperty({ description: '抽中案卷数' }) sampled: number;
  @ApiProperty({ description: '已完成评查' }) reviewed: number;
  @ApiProperty({ description: '未完成评查' }) pending: number;
  @ApiProperty({ description: '评查逾期上报监督科的案卷数' }) escalated: number;
}

export class ReviewResultsDto {
  @ApiProperty({ type: ReviewOverallDto }) overall: ReviewOverallDto;
}

export class DepartmentResultDto extends ResultFiguresDto {
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ example: 'SJ' }) code: string;
  @ApiProperty({ example: '市监局' }) name: string;
  @ApiProperty({ description: '未完成评查的案卷数' }) pending: number;
}

export class FileResultDto {
  @ApiProperty({ format: 'uuid' }) caseFileId: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() departmentCode: string;
  @ApiProperty() departmentName: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: '全部评查表已提交' }) reviewed: boolean;
  @ApiProperty({ nullable: true, type: Number }) score: number | null;
  @ApiProperty({ nullable: true, type: String, enum: ['excellent', 'good', 'pass', 'fail'] }) grade: string | null;
  @ApiProperty({ nullable: true, type: String, example: '优秀' }) gradeLabel: string | null;
  @ApiProperty({ type: [String], format: 'uuid', description: '已提交的评查表（可退回复核）' }) reviewIds: string[];
}

export class DepartmentResultsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '按部门编码或名称搜索' }) @Optional() @IsString() @MaxLength(100) @SingleLine() q?: string;
}

export class FileResultsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只看该部门' }) @Optional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional({ enum: ['reviewed', 'pending'], description: '已完成 / 未完成评查' }) @Optional() @IsIn(['reviewed', 'pending']) status?: 'reviewed' | 'pending';
}

export class AssignedCaseFileDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ example: '市场监督管理局' }) departmentName: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty({ example: 'penalty' }) caseType: string;
  @ApiProperty({ example: '行政处罚' }) caseTypeLabel: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2026-03-15' }) decisionDate: string;
  @ApiProperty({ example: 2, description: '部门已上传的电子卷宗文件数' }) scanCount: number;
}

export class AssignmentCampaignDto {
  @ApiProperty({ example: '2026年度法治督察' }) title: string;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: '评查开始时间' }) reviewOpensAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: '评查截止时间' }) reviewClosesAt: string | null;
}

export class ReturnNoteDto {
  @ApiProperty({ example: '扣分依据不充分，请复核' }) reason: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ReviewStateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['draft', 'submitted', 'returned'], description: '草稿 / 已提交 / 退回复核' }) status: string;
  @ApiProperty({ type: ReviewSheetDto }) sheet: ReviewSheetDto;
  @ApiProperty({ nullable: true, type: Number }) score: number | null;
  @ApiProperty({ nullable: true, type: String }) grade: string | null;
  @ApiProperty({ nullable: true, type: String, example: '良好' }) gradeLabel: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: ReturnNoteDto, nullable: true, description: '退回复核时监督科的意见（仅 status 为 returned 时）' }) returned: ReturnNoteDto | null;
}

/** 评查任务: a drawn file assigned to the reviewer, and the sheet so far. */
export class AssignmentDto {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ type: AssignmentCampaignDto }) campaign: AssignmentCampaignDto;
  @ApiProperty({ enum: ['pending', 'draft', 'submitted', 'returned'], description: '待评查 / 草稿 / 已提交 / 退回复核' }) status: 'pending' | 'draft' | 'submitted' | 'returned';
  @ApiProperty({ example: '待评查' }) statusLabel: string;
  @ApiProperty({ type: AssignedCaseFileDto }) caseFile: AssignedCaseFileDto;
  @ApiProperty({ type: ReviewStateDto, nullable: true }) review: ReviewStateDto | null;
}

export class CriterionDto {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ description: '最高扣分' }) maxDeduction?: number;
}

export class ScoringSectionDto {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: '本部分分值' }) points: number;
  @ApiProperty({ type: [CriterionDto] }) criteria: CriterionDto[];
}

export class GradeBandDto {
  @ApiProperty({ enum: ['excellent', 'good', 'pass', 'fail'] }) grade: string;
  @ApiProperty({ description: '该等次的最低分' }) min: number;
}

/** 评查标准 (one version): sections and criteria with their maximum deductions, veto criteria, grade bands. */
export class ScoringStandardDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'default' }) code: string;
  @ApiProperty() version: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: [ScoringSectionDto] }) sections: ScoringSectionDto[];
  @ApiProperty({ type: [CriterionDto], description: '基础标准（一票否决）' }) basicCriteria: CriterionDto[];
  @ApiProperty({ type: [GradeBandDto] }) bands: GradeBandDto[];
  @ApiProperty() vetoMeansFail: boolean;
}

export class AssignmentDetailDto extends AssignmentDto {
  @ApiProperty({ type: ScoringStandardDto, description: '该卷适用的评查标准版本（首次保存时固定）' }) standard: ScoringStandardDto;
}

export class SectionScoreDto {
  @ApiProperty() code: string;
  @ApiProperty() points: number;
  @ApiProperty() deducted: number;
  @ApiProperty() score: number;
}

export class SheetScoreDto {
  @ApiProperty({ format: 'uuid' }) reviewId: string;
  @ApiProperty({ example: 86 }) score: number;
  @ApiProperty({ enum: ['excellent', 'good', 'pass', 'fail'] }) grade: string;
  @ApiProperty({ description: '有一票否决项' }) vetoed: boolean;
  @ApiProperty({ type: [SectionScoreDto] }) sections: SectionScoreDto[];
}

export class SubmittedSheetDto extends SheetScoreDto {
  @ApiProperty() version: number;
  @ApiProperty({ example: '良好' }) gradeLabel: string;
}

export class ReturnedReviewDto {
  @ApiProperty({ format: 'uuid' }) reviewId: string;
  @ApiProperty({ enum: ['returned'] }) status: 'returned';
}

export class ConflictResultDto {
  @ApiProperty({ format: 'uuid' }) conflictId: string;
  @ApiProperty({ description: '因回避释放的评查任务数' }) released: number;
  @ApiProperty({ description: '已改派他人的任务数' }) reassigned: number;
}

export class StandardVersionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() version: number;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ format: 'date-time' }) createdAt?: string;
}

export class StandardVersionDetailDto extends StandardVersionDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: '标准正文：sections、basicCriteria、bands、vetoMeansFail' }) body: Record<string, unknown>;
}
