import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsNumber, IsObject, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate, Optional, SingleLine } from '../common/validators';

/** 抽查范围: the dates the drawn files were decided between. */
export class DecisionPeriodDto {
  @ApiProperty({ example: '2025-07-01', description: '作出决定日期起（含）' })
  @IsCalendarDate() from: string;
  @ApiProperty({ example: '2026-06-30', description: '作出决定日期止（含）' })
  @IsCalendarDate() to: string;
}

export class DrawRulesDto {
  @ApiProperty({ example: 0.05, description: '每个部门抽取比例（0–1）' })
  @IsNumber() @Min(0.0001) @Max(1) rate: number;
  @ApiProperty({ example: 3, description: '每个部门至少抽取件数（不足则全抽）' })
  @IsInt() @Min(0) @Max(10000) min: number;
  @ApiProperty({ example: 10, description: '每个部门至多抽取件数' })
  @IsInt() @Min(1) @Max(10000) max: number;
  @ApiPropertyOptional({ default: false, description: '每种案卷类别至少抽取一件（件数允许时）' })
  @Optional() @IsBoolean() caseTypeCoverage?: boolean;
  @ApiProperty({ type: DecisionPeriodDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => DecisionPeriodDto) period: DecisionPeriodDto;
  @ApiPropertyOptional({ description: '"all"（本周期全部部门）或部门 ID 列表', default: 'all' })
  @Optional() departmentIds?: 'all' | string[];
  @ApiPropertyOptional({ enum: [1, 2], default: 1, description: '每卷评查人数' })
  @Optional() @IsIn([1, 2]) reviewersPerFile?: 1 | 2;
  @ApiPropertyOptional({ default: 'default', description: '评查标准编码' })
  @Optional() @IsString() @MaxLength(64) @SingleLine() standardCode?: string;
}

export class DrawConfigDto {
  @ApiProperty({ type: DrawRulesDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => DrawRulesDto) rules: DrawRulesDto;
}
