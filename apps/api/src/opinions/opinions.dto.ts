import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsObject, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { RectificationStatus, type RectificationRules } from '@rol/domain';
import { EvidenceDto } from '../common/evidence.dto';
import { IsCalendarDate, Optional } from '../common/validators';

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

export class RulesDto {
  @ApiProperty({ description: '发文机关、文号格式（含 {year} 与 {n}）、默认整改期限、签收期限、复查申请期限、催办阶梯' })
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

export class CampaignRectificationsQueryDto extends MyRectificationsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只看该部门' }) @Optional() @IsUUID() departmentId?: string;
}
