import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { StoredEvidenceDto } from '../common/evidence.dto';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsObject, IsString, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { Optional, PageQueryDto, SingleLine } from '../common/validators';
import { ANSWER_TYPES, SELF_CHECK_STATUS_LABELS, type AnswerType, type SelfCheckAnswers, type SelfCheckStatus, type SelfCheckTemplate } from '@rol/domain';

const STATUSES = Object.keys(SELF_CHECK_STATUS_LABELS) as SelfCheckStatus[];

export class SelfCheckItemDto {
  @ApiProperty({ example: 'pub-1' }) code: string;
  @ApiProperty({ example: '是否在政府网站公示执法主体、人员、职责等信息' }) title: string;
  @ApiProperty({ enum: ANSWER_TYPES, description: 'yes_no_partial 是/否/部分；number 数量；text 文字' }) answerType: AnswerType;
  @ApiProperty() evidenceRequired: boolean;
  @ApiProperty({ description: '分值（0–100）' }) points: number;
}

export class SelfCheckSectionDto {
  @ApiProperty({ example: 'publicity' }) code: string;
  @ApiProperty({ example: '行政执法公示制度' }) title: string;
  @ApiProperty({ type: [SelfCheckItemDto] }) items: SelfCheckItemDto[];
}

/** 自查表. */
export class TemplateBodyDto {
  @ApiProperty({ type: [SelfCheckSectionDto] }) sections: SelfCheckSectionDto[];
}

export class TemplateDto {
  @ApiProperty({ type: TemplateBodyDto, description: '自查表：sections[{code,title,items[{code,title,answerType,evidenceRequired,points}]}]' })
  @IsDefined()
  @IsObject()
  template: SelfCheckTemplate;
}

/** One answer: 是/否/部分 (yes/no/partial), a number or text, with an optional note and evidence. */
export class SelfCheckAnswerDto {
  @ApiProperty({ oneOf: [{ type: 'string', enum: ['yes', 'no', 'partial'] }, { type: 'number' }, { type: 'string' }], description: 'yes_no_partial 项为 yes/no/partial；number 项为数字；text 项为文字' })
  value: string | number;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional({ type: [StoredEvidenceDto] }) evidence?: StoredEvidenceDto[];
}

const ANSWERS = { type: 'object', additionalProperties: { $ref: getSchemaPath(SelfCheckAnswerDto) }, description: '项目编码 → 答案' } as const;

@ApiExtraModels(SelfCheckAnswerDto)
export class DraftDto {
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(SelfCheckAnswerDto) }, description: '项目编码 → {value, note?, evidence?[]}；evidence 每项为 {name, attachmentId}（已上传的附件）或 {name, uri}', example: { 'pub-1': { value: 'yes', evidence: [{ name: '截图', attachmentId: '…' }] } } })
  @IsDefined()
  @IsObject()
  answers: SelfCheckAnswers;
}

export class DecisionDto {
  @ApiProperty({ enum: ['accept', 'return'], description: 'accept 通过；return 退回修改（须写明意见）' })
  @IsIn(['accept', 'return'])
  decision: 'accept' | 'return';

  @ApiPropertyOptional({ description: '审核意见；退回时必填' })
  @ValidateIf((o: DecisionDto) => o.decision === 'return' || o.comment !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  comment?: string;
}

export class ClaimDto {
  @ApiProperty({ example: 'pub-1', description: '核查的自查项目编码' })
  @IsString() @MinLength(1) @MaxLength(32) @SingleLine()
  itemCode: string;

  @ApiProperty({ example: '已在政府网站公示全部信息', description: '核查发现的实际情况' })
  @IsString() @MinLength(1) @MaxLength(5000)
  found: string;

  @ApiProperty({ description: '与自查报送内容不符' })
  @IsBoolean()
  discrepancy: boolean;

  @ApiPropertyOptional({ description: '违反的规定或标准，如《重大行政执法决定法制审核办法》第八条' })
  @Optional() @IsString() @MaxLength(500)
  rule?: string;
}

export class VerificationDto {
  @ApiProperty({ type: [ClaimDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ClaimDto)
  claims: ClaimDto[];

  @ApiPropertyOptional()
  @Optional() @IsString() @MaxLength(5000)
  note?: string;
}

export class SelfCheckVersionDto {
  @ApiProperty() version: number;
  @ApiProperty(ANSWERS) answers: SelfCheckAnswers;
  @ApiProperty() submittedAt: Date;
  @ApiProperty() submittedBy: string;
  @ApiProperty({ nullable: true, type: String }) decision: 'accepted' | 'returned' | null;
  @ApiProperty({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
}

export class SelfCheckDto {
  @ApiProperty({ nullable: true, type: String }) id: string | null;
  @ApiProperty() campaignId: string;
  @ApiProperty() departmentId: string;
  @ApiProperty({ example: '交通运输局' }) departmentName: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: '自查开始时间' }) opensAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: '自查报送截止时间' }) closesAt: string | null;
  @ApiProperty({ enum: STATUSES }) status: SelfCheckStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ ...ANSWERS, description: '当前草稿（或最后报送的内容）：项目编码 → 答案' }) answers: SelfCheckAnswers;
  @ApiProperty() version: number;
  @ApiProperty({ type: [SelfCheckVersionDto] }) versions: SelfCheckVersionDto[];
}

export class SelfCheckQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, description: '只看某一状态' })
  @Optional() @IsIn(STATUSES)
  status?: SelfCheckStatus;

  @ApiPropertyOptional({ description: '按部门编码或名称搜索', maxLength: 100 })
  @Optional() @IsString() @MaxLength(100) @SingleLine()
  q?: string;
}

export class SelfCheckSummaryDto {
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: '尚未保存过草稿的部门为空' }) selfCheckId: string | null;
  @ApiProperty({ enum: STATUSES }) status: SelfCheckStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ description: '已报送次数' }) version: number;
  @ApiProperty({ nullable: true, type: Date, description: '最近一次报送时间' }) submittedAt: Date | null;
}

export class VerificationResultDto {
  @ApiProperty({ format: 'uuid' }) verificationId: string;
  @ApiProperty({ description: '记为问题的不符之处数' }) findings: number;
}
