import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '@rol/domain';
import { Optional, SingleLine } from '../common/validators';

export class CreateUserDto {
  @ApiProperty({ example: 'scjgj01', description: '登录名：3–64 位字母、数字、点、下划线或连字符' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/)
  username: string;

  @ApiProperty({ minLength: 8, example: 'S3cure-pass' })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES as Role[])
  role: Role;

  @ApiProperty({ example: '市场监管局 张三' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @SingleLine()
  displayName: string;

  @ApiPropertyOptional({ description: '部门用户（department_user）必填；评查人员（reviewer）可填其所在单位，评查时回避该单位；其他角色不填' })
  @Optional()
  @IsUUID()
  departmentId?: string;
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) departmentId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: Date;
}

/** What the office admin may change of a user; at least one field. */
export class UpdateUserDto {
  @ApiPropertyOptional({ example: '市场监管局 李四' })
  @Optional() @IsString() @MinLength(1) @MaxLength(100) @SingleLine()
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @Optional() @IsIn(ROLES as Role[])
  role?: Role;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: '所属部门（部门用户必填；null 为不属于任何部门）' })
  @Optional() @ValidateIf((_o, v) => v !== null) @IsUUID()
  departmentId?: string | null;

  @ApiPropertyOptional({ description: 'false 停用（其已登录的会话在下一次请求即被拒绝）；true 重新启用' })
  @Optional() @IsBoolean()
  active?: boolean;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 8, example: 'N3w-secure-pass', description: '新密码：至少 8 位，不能是常见密码或用户名' })
  @IsString() @MinLength(8) @MaxLength(200)
  password: string;
}

export class ChangeOwnPasswordDto {
  @ApiProperty({ description: '当前密码' })
  @IsString() @MinLength(1) @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 8, description: '新密码：至少 8 位，不能是常见密码或用户名' })
  @IsString() @MinLength(8) @MaxLength(200)
  newPassword: string;
}
