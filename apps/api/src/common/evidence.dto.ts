import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsHttpUrl, SingleLine } from './validators';

/** 佐证材料: a named link (tasks, rectification reports). */
export class EvidenceDto {
  @ApiProperty({ example: '公示平台截图.pdf', maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200) @SingleLine()
  name: string;

  @ApiProperty({ example: 'https://files.example.gov.cn/evidence/123.pdf', maxLength: 2000, description: '佐证材料的地址（http:// 或 https://）' })
  @IsString() @IsHttpUrl()
  uri: string;
}
