import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { SingleLine } from '../common/validators';

/** 本机关设置: the issuing office of every letter, its 文号 pattern and the contact line. */
export class OfficeSettingsDto {
  @ApiProperty({ example: '某某市司法局', description: '发文机关（意见书的发文机关标志与落款）' })
  @IsString() @MaxLength(100) @SingleLine()
  officeName: string;

  @ApiProperty({ example: '某司监〔{year}〕{n}号', description: '文号格式：{year} 为年份，{n} 为当年序号' })
  @IsString() @MaxLength(100) @SingleLine()
  documentNumberFormat: string;

  @ApiProperty({ example: '张三，0571-87654321', description: '联系人及电话（印在意见书结尾；可为空）' })
  @IsString() @MaxLength(200) @SingleLine()
  contact: string;
}

export class OfficeSettingsViewDto extends OfficeSettingsDto {
  @ApiProperty({ description: '仍含示例值（发文机关或文号格式）：此时不能印发意见书' }) placeholders: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
