import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DEPARTMENT_CODE_PATTERN, DEPARTMENT_KINDS, DEPARTMENT_NAME_MAX, type DepartmentKind } from '@rol/domain';
import { Type } from 'class-transformer';
import { Optional, PageQueryDto, SingleLine } from '../common/validators';

export class CreateDepartmentDto {
  @ApiProperty({ example: 'SCJGJ', description: '部门编码，1–32 位字母、数字、下划线或连字符，唯一' })
  @IsString()
  @Matches(DEPARTMENT_CODE_PATTERN)
  code: string;

  @ApiProperty({ example: '市场监督管理局' })
  @IsString()
  @MinLength(1)
  @MaxLength(DEPARTMENT_NAME_MAX)
  @SingleLine()
  name: string;

  @ApiProperty({ enum: DEPARTMENT_KINDS })
  @IsIn(DEPARTMENT_KINDS as DepartmentKind[])
  kind: DepartmentKind;

  @ApiPropertyOptional({ default: true })
  @Optional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateDepartmentDto {
  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(DEPARTMENT_NAME_MAX)
  @SingleLine()
  name?: string;

  @ApiPropertyOptional({ enum: DEPARTMENT_KINDS })
  @Optional()
  @IsIn(DEPARTMENT_KINDS as DepartmentKind[])
  kind?: DepartmentKind;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  active?: boolean;
}

export class DepartmentDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: DEPARTMENT_KINDS }) kind: DepartmentKind;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class ImportResultDto {
  @ApiProperty({ description: '数据行数' }) total: number;
  @ApiProperty({ description: '新增部门数' }) created: number;
  @ApiProperty({ description: '按编码更新的已有部门数' }) updated: number;
}

export class DepartmentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '按编码或名称搜索（包含即可）', maxLength: 100 })
  @Optional() @IsString() @MaxLength(100) @SingleLine()
  q?: string;

  @ApiPropertyOptional({ enum: DEPARTMENT_KINDS })
  @Optional() @IsIn(DEPARTMENT_KINDS as DepartmentKind[])
  kind?: DepartmentKind;

  @ApiPropertyOptional({ description: '只看启用（true）或停用（false）的部门' })
  @Optional() @Type(() => String) @IsIn(['true', 'false'])
  active?: 'true' | 'false';
}

export class ImportTemplateQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'xlsx' })
  @Optional() @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}
