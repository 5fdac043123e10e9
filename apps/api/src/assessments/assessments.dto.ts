import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { GRADES, MEASURES_LIST, type Grade } from '@rol/domain';
import { IsDateTime, Optional, PageQueryDto, SingleLine } from '../common/validators';

export class IndicatorDto {
  @ApiProperty({ example: '4.2.1' }) code: string;
  @ApiProperty({ example: '抽查案卷合格率' }) name: string;
  @ApiProperty({ example: 6, description: '分值' }) points: number;
  @ApiPropertyOptional({ enum: MEASURES_LIST, description: '计算方式；不填为监督科评分' }) measure?: string;
  @ApiPropertyOptional({ description: '一票否决案卷每卷扣分' }) pointsPerFile?: number;
  @ApiPropertyOptional({ description: '评分标准' }) guidance?: string;
  @ApiPropertyOptional({ type: () => [IndicatorDto] }) children?: IndicatorDto[];
}

export class BandDto {
  @ApiProperty({ enum: GRADES }) grade: Grade;
  @ApiProperty() min: number;
}

export class UnitBarDto {
  @ApiProperty({ enum: GRADES }) grade: Grade;
  @ApiProperty({ description: '案卷优秀率下限（0–1）' }) minExcellentRate: number;
  @ApiProperty({ description: '案卷合格率下限（0–1）' }) minPassRate: number;
}

export class IndicatorTreeBodyDto {
  @ApiProperty({ example: 'rule-of-law-2021' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [IndicatorDto] }) indicators: IndicatorDto[];
  @ApiProperty({ type: [BandDto] }) bands: BandDto[];
  @ApiProperty({ type: [UnitBarDto] }) unitBars: UnitBarDto[];
  @ApiProperty({ example: { remind: 0, urge: 1, interview: 2, notice: 3 }, description: '每次提醒、催办、约谈、通报扣分' }) escalationPoints: Record<string, number>;
  @ApiProperty({ example: { amount: 5, unit: 'working_days' }, description: '异议期限' }) objectionWindow: { amount: number; unit: string };
}

export class IndicatorTreeSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() version: number;
  @ApiProperty() name: string;
  @ApiProperty() createdAt: string;
}

export class IndicatorTreeDto extends IndicatorTreeSummaryDto {
  @ApiProperty({ type: IndicatorTreeBodyDto }) body: IndicatorTreeBodyDto;
}

/** A new version of a tree: the body is checked by validateIndicatorTree (points add up to 100, at most three levels…). */
export class NewIndicatorTreeDto {
  @ApiProperty({ type: IndicatorTreeBodyDto })
  @IsObject()
  tree: IndicatorTreeBodyDto;
}

export class PinTreeDto {
  @ApiProperty({ example: 'rule-of-law-2021' })
  @IsString() @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  code: string;

  @ApiProperty({ example: 1 })
  @IsInt() @Min(1) @Max(100000)
  version: number;
}

export class AsOfQueryDto {
  @ApiPropertyOptional({ example: '2026-12-31T23:59:59+08:00', description: '考核截止时间：之后的事件不计入；不填为当前时间' })
  @Optional() @IsDateTime()
  asOf?: string;

  @ApiPropertyOptional({ description: '读取已发布的第几版（不填为按截止时间实时计算；部门用户只能读已发布版本，不填为最新版）' })
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(100000)
  version?: number;
}

export class AssessmentDepartmentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-12-31T23:59:59+08:00' })
  @Optional() @IsDateTime()
  asOf?: string;

  @ApiPropertyOptional()
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(100000)
  version?: number;

  @ApiPropertyOptional({ description: '按部门代码或名称搜索' })
  @Optional() @IsString() @MaxLength(100) @SingleLine()
  q?: string;
}

export class EvidenceItemDto {
  @ApiProperty({ enum: ['task', 'self_check', 'case_file', 'opinion_letter', 'rectification_item', 'escalation', 'office_score'] }) type: string;
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) at: string | null;
  @ApiProperty({ example: '任务「报送执法数据」逾期 3 个工作日完成' }) text: string;
  @ApiPropertyOptional({ description: '因此扣减的分值' }) lost?: number;
}

export class IndicatorResultDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: '1 一级 / 2 二级 / 3 三级' }) level: number;
  @ApiProperty() points: number;
  @ApiProperty() score: number;
  @ApiProperty({ description: '计分说明' }) explanation: string;
  @ApiProperty({ type: [EvidenceItemDto] }) evidence: EvidenceItemDto[];
  @ApiPropertyOptional({ enum: MEASURES_LIST }) measure?: string;
  @ApiPropertyOptional({ description: '监督科评分项：是否已评分（未评分按满分计）' }) scored?: boolean;
  @ApiPropertyOptional({ type: () => [IndicatorResultDto] }) children?: IndicatorResultDto[];
}

export class FilesFigureDto {
  @ApiProperty() reviewed: number;
  @ApiProperty() excellentRate: number;
  @ApiProperty() passRate: number;
}

export class DepartmentScoreDto {
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() rank: number;
  @ApiProperty() score: number;
  @ApiProperty({ enum: GRADES }) grade: Grade;
  @ApiProperty({ example: '优秀' }) gradeLabel: string;
  @ApiProperty({ type: [String], description: '等次低于分数段的原因（单位条件）' }) gradeNotes: string[];
  @ApiProperty({ type: FilesFigureDto }) files: FilesFigureDto;
  @ApiProperty({ type: [Number], description: '各一级指标得分，顺序同指标体系' }) areaScores: number[];
}

export class DepartmentAssessmentDto extends DepartmentScoreDto {
  @ApiProperty({ type: [IndicatorResultDto] }) indicators: IndicatorResultDto[];
  @ApiProperty({ description: '考核截止时间' }) asOf: string;
  @ApiProperty({ nullable: true, type: Number, description: '已发布版本号；实时计算为 null' }) version: number | null;
}

export class AssessmentVersionDto {
  @ApiProperty() version: number;
  @ApiProperty() asOf: string;
  @ApiProperty({ description: '输入数据的 SHA-256（指标体系、截止时间和全部事件）' }) inputsHash: string;
  @ApiProperty() publishedAt: string;
  @ApiProperty() publishedBy: string;
  @ApiProperty({ description: '异议截止时间' }) objectionDueAt: string;
  @ApiProperty({ description: '发布原因（重新计算时）' }) reason: string;
  @ApiProperty({ type: IndicatorTreeSummaryDto }) tree: IndicatorTreeSummaryDto;
}

export class GradeCountsDto {
  @ApiProperty() excellent: number;
  @ApiProperty() good: number;
  @ApiProperty() pass: number;
  @ApiProperty() fail: number;
}

export class AreaDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() points: number;
}

export class AssessmentSummaryDto {
  @ApiProperty() asOf: string;
  @ApiProperty({ nullable: true, type: Number, description: '读取的已发布版本；实时计算为 null' }) version: number | null;
  @ApiProperty({ type: IndicatorTreeSummaryDto }) tree: IndicatorTreeSummaryDto;
  @ApiProperty({ type: [AreaDto], description: '一级指标' }) areas: AreaDto[];
  @ApiProperty() departments: number;
  @ApiProperty() averageScore: number;
  @ApiProperty({ type: GradeCountsDto }) grades: GradeCountsDto;
  @ApiProperty({ description: '由监督科评分、尚未评分（按满分计）的指标数（全部部门合计）' }) officeUnscored: number;
  @ApiProperty({ description: '输入数据的 SHA-256' }) inputsHash: string;
  @ApiProperty({ type: [AssessmentVersionDto], description: '已发布的版本，最新在前' }) versions: AssessmentVersionDto[];
  @ApiProperty({ description: '待处理的异议数' }) pendingObjections: number;
}

export class OfficeScoreDto {
  @ApiProperty({ example: 3.5, description: '得分，0 至该指标分值' })
  @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100)
  score: number;

  @ApiProperty({ example: '应急预案未按期修订，扣 0.5 分', description: '评分说明（扣分时必填）' })
  @IsString() @MaxLength(2000)
  note: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: '佐证材料（已上传附件的 id）' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class OfficeScoreResultDto {
  @ApiProperty() indicatorCode: string;
  @ApiProperty() score: number;
  @ApiProperty() note: string;
  @ApiProperty() scoredAt: string;
}

export class PublishDto {
  @ApiProperty({ example: '2026-12-31T23:59:59+08:00', description: '考核截止时间：之后的事件不计入' })
  @IsDateTime()
  asOf: string;

  @ApiPropertyOptional({ description: '重新发布的原因（已有版本时必填）' })
  @IsOptional() @IsString() @MaxLength(500) @SingleLine()
  reason?: string;
}

export class NewObjectionDto {
  @ApiPropertyOptional({ example: '4.2.1', description: '对哪项指标有异议（可不填）' })
  @IsOptional() @IsString() @MaxLength(20) @SingleLine()
  indicatorCode?: string;

  @ApiProperty({ example: '案卷 2026-001 已于 10 月补正，评查结果应为合格', description: '异议理由' })
  @IsString() @MinLength(1) @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: '佐证材料（本部门上传的附件 id）' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class ObjectionDecisionBodyDto {
  @ApiProperty({ enum: ['upheld', 'rejected'], description: 'upheld 异议成立（重新计算为新版本）/ rejected 不予采纳' })
  @IsIn(['upheld', 'rejected'])
  decision: 'upheld' | 'rejected';

  @ApiProperty({ example: '经复核，案卷评查结果已更正', description: '处理意见' })
  @IsString() @MinLength(1) @MaxLength(2000)
  note: string;
}

export class AssessmentObjectionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() departmentCode: string;
  @ApiProperty() departmentName: string;
  @ApiProperty({ nullable: true, type: String }) indicatorCode: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ type: [Object], description: '佐证材料 { id, fileName }' }) attachments: { id: string; fileName: string }[];
  @ApiProperty() filedAt: string;
  @ApiProperty({ nullable: true, enum: ['upheld', 'rejected'] }) decision: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: Number, description: '异议成立后重新计算的版本' }) resultVersion: number | null;
}

export class MyAssessmentDto {
  @ApiProperty({ description: '是否已发布考核结果' }) published: boolean;
  @ApiPropertyOptional({ type: DepartmentAssessmentDto }) result?: DepartmentAssessmentDto;
  @ApiPropertyOptional({ type: AssessmentVersionDto }) publication?: AssessmentVersionDto;
  @ApiProperty({ type: [AssessmentObjectionDto] }) objections: AssessmentObjectionDto[];
  @ApiProperty({ description: '现在能否对最新版本提出异议' }) canObject: boolean;
  @ApiPropertyOptional({ description: '不能提出异议的原因' }) objectionBlocked?: string;
}

export class MyAssessmentListItemDto {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty() year: number;
  @ApiProperty() title: string;
  @ApiProperty() published: boolean;
  @ApiProperty({ nullable: true, type: Number }) version: number | null;
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) objectionDueAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) score: number | null;
  @ApiProperty({ nullable: true, enum: GRADES }) grade: Grade | null;
  @ApiProperty({ nullable: true, type: String }) gradeLabel: string | null;
  @ApiProperty({ nullable: true, type: Number }) rank: number | null;
}
