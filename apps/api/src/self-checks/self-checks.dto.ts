import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsObject, IsString, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { Optional, SingleLine } from '../common/validators';
import type { SelfCheckAnswers, SelfCheckStatus, SelfCheckTemplate } from '@rol/domain';

export class TemplateDto {
  @ApiProperty({ description: '自查表：sections[{code,title,items[{code,title,answerType,evidenceRequired,points}]}]' })
  @IsDefined()
  @IsObject()
  template: SelfCheckTemplate;
}

export class DraftDto {
  @ApiProperty({ description: '项目编码 → {value, note?, evidence?[]}', example: { 'pub-1': { value: 'yes', evidence: [{ name: '截图', uri: 'https://…' }] } } })
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
  @ApiProperty() answers: SelfCheckAnswers;
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
  @ApiProperty() status: SelfCheckStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ description: '当前草稿（或最后报送的内容）' }) answers: SelfCheckAnswers;
  @ApiProperty() version: number;
  @ApiProperty({ type: [SelfCheckVersionDto] }) versions: SelfCheckVersionDto[];
}
