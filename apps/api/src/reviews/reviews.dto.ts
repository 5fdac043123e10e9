import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsNumber, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Optional, SingleLine } from '../common/validators';

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
