import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsNumber, IsObject, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CASE_FILE_STATUSES, type CaseFileStatus } from '@rol/domain';
import { IsCalendarDate, Optional, PageQueryDto, SingleLine } from '../common/validators';

/** 抽查范围: the dates the drawn files were decided between. */
export class DecisionPeriodDto {
  @ApiProperty({ example: '2025-07-01', description: '作出决定日期起（含）' })
  @IsCalendarDate() from: string;
  @ApiProperty({ example: '2026-06-30', description: '作出决定日期止（含）' })
  @IsCalendarDate() to: string;
}

export class DrawRulesDto {
  @ApiProperty({ example: 0.05, description: '每个部门抽取比例（0.0001–1，最多 4 位小数）；每部门件数 = 候选数 × 比例，四舍五入（0.5 进位）' })
  @IsNumber() @Min(0.0001) @Max(1) rate: number;
  @ApiProperty({ example: 3, description: '每个部门至少抽取件数（不足则全抽）' })
  @IsInt() @Min(0) @Max(10000) min: number;
  @ApiProperty({ example: 10, description: '每个部门至多抽取件数' })
  @IsInt() @Min(1) @Max(10000) max: number;
  @ApiPropertyOptional({ default: false, description: '每种案卷类别至少抽取一件（件数允许时）' })
  @Optional() @IsBoolean() caseTypeCoverage?: boolean;
  @ApiProperty({ type: DecisionPeriodDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => DecisionPeriodDto) period: DecisionPeriodDto;
  @ApiPropertyOptional({ oneOf: [{ type: 'string', enum: ['all'] }, { type: 'array', items: { type: 'string', format: 'uuid' } }], description: '"all"（本周期全部部门）或部门 ID 列表', default: 'all' })
  @Optional() departmentIds?: 'all' | string[];
  @ApiPropertyOptional({ enum: [1, 2], default: 1, description: '每卷评查人数' })
  @Optional() @IsIn([1, 2]) reviewersPerFile?: 1 | 2;
  @ApiPropertyOptional({ default: 'default', description: '评查标准编码' })
  @Optional() @IsString() @MaxLength(64) @SingleLine() standardCode?: string;
  @ApiPropertyOptional({ type: [String], enum: CASE_FILE_STATUSES, default: ['concluded'], description: '候选案卷的状态：concluded 已办结、in_progress 在办（默认只抽已办结）' })
  @Optional() @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(CASE_FILE_STATUSES, { each: true }) statuses?: CaseFileStatus[];
}

export class DrawConfigDto {
  @ApiProperty({ type: DrawRulesDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => DrawRulesDto) rules: DrawRulesDto;
}

/** 抽取公示: before the draw the rules and the seed's hash; after it, the seed, the hashes and the counts. */
/** A draw under way: departments done (in batches, each its own transaction), candidates frozen and files drawn so far. */
export class DrawProgressDto {
  @ApiProperty({ description: '已完成的部门数' }) departmentsDone: number;
  @ApiProperty({ description: '参与抽取的部门数' }) departmentsTotal: number;
  @ApiProperty({ description: '已冻结的候选案卷数' }) candidateCount: number;
  @ApiProperty({ description: '已抽中的案卷数' }) sampleCount: number;
  @ApiProperty({ enum: ['starting', 'selecting', 'assigning'], description: '准备中 / 逐批抽取案卷 / 计算候选清单哈希并分配评查人员' }) stage: 'starting' | 'selecting' | 'assigning';
}

export class DrawDto {
  @ApiProperty({ enum: ['not_configured', 'configured', 'committed', 'drawing', 'drawn'], description: '未设置规则 / 已设置规则 / 已公布种子哈希 / 抽取中（见 progress） / 已抽取' })
  status: 'not_configured' | 'configured' | 'committed' | 'drawing' | 'drawn';
  @ApiPropertyOptional({ type: DrawProgressDto, description: '抽取中：进度' }) progress?: DrawProgressDto;
  @ApiProperty({ type: DrawRulesDto, nullable: true }) rules: DrawRulesDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256(规则的规范 JSON)' }) rulesHash: string | null;
  @ApiProperty({ nullable: true, type: String, description: '抽取前公布的 SHA-256(seed)' }) seedHash: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: '公布种子哈希的时间' }) committedAt: string | null;
  @ApiPropertyOptional({ description: '种子（抽取后公布）' }) seed?: string;
  @ApiPropertyOptional({ description: '冻结的候选案卷数' }) candidateCount?: number;
  @ApiPropertyOptional({ description: 'SHA-256(候选清单)' }) candidateHash?: string;
  @ApiPropertyOptional({ description: '抽中的案卷数' }) sampleCount?: number;
  @ApiPropertyOptional({ format: 'date-time' }) drawnAt?: string;
  @ApiProperty({ description: '复算方法（任何人可按此核验）' }) procedure: string;
}

export class DrawFilesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只看该部门' }) @Optional() @IsUUID() departmentId?: string;
}

export class DrawReviewerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '王评查' }) name: string;
}

/** One drawn file: which department, which case, who reviews it and how far that is. */
export class DrawFileDto {
  @ApiProperty({ format: 'uuid' }) caseFileId: string;
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ example: 'SJ' }) departmentCode: string;
  @ApiProperty({ example: '市监局' }) departmentName: string;
  @ApiProperty({ example: '市监罚〔2026〕12号' }) caseNumber: string;
  @ApiProperty({ example: 'penalty' }) caseType: string;
  @ApiProperty({ example: '行政处罚' }) caseTypeLabel: string;
  @ApiProperty({ example: '某公司未按规定公示年度报告案' }) title: string;
  @ApiProperty({ example: '2026-03-15', description: '作出决定日期' }) decisionDate: string;
  @ApiProperty({ description: '排序键 SHA-256(seed ‖ 部门编码 ‖ 案号)' }) rankKey: string;
  @ApiProperty({ type: [DrawReviewerDto], description: '当前分配的评查人员（按席位）' }) reviewers: DrawReviewerDto[];
  @ApiProperty({ example: 1, description: '已提交的评查表份数' }) submitted: number;
}

/** A pool member as published: a pseudonym, and what they may not review. */
export class PublicReviewerDto {
  @ApiProperty({ description: '化名 SHA-256(seed ‖ "\\nreviewer-id\\n" ‖ 评查人员 ID)（十六进制）' }) id: string;
  @ApiProperty({ type: [String], description: '回避的部门编码（本部门及申明回避的部门；仅列本次抽中的部门）' }) excludedDepartments: string[];
  @ApiProperty({ type: [String], description: '回避的案卷（部门编码\\t案号；仅列本次抽中的案卷）' }) excludedFiles: string[];
}

export class PublicAssignmentDto {
  @ApiProperty({ example: 'SJ' }) departmentCode: string;
  @ApiProperty({ example: '市监罚〔2026〕12号' }) caseNumber: string;
  @ApiProperty({ example: 1 }) slot: number;
  @ApiProperty({ description: '评查人员化名' }) reviewer: string;
}

/** 评查人员分配的公示，抽取时冻结。 */
export class DrawReviewerProofDto {
  @ApiProperty({ example: 1 }) reviewersPerFile: number;
  @ApiProperty({ type: [PublicReviewerDto] }) reviewers: PublicReviewerDto[];
  @ApiProperty({ type: [PublicAssignmentDto], description: '按 rankKey 升序、席位升序' }) assignments: PublicAssignmentDto[];
}
