import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsHttpUrl, SingleLine } from './validators';

/** 佐证材料: an uploaded attachment (`POST /attachments`) or a link; one of the two (tasks, rectification reports). */
export class EvidenceDto {
  @ApiProperty({ example: '公示平台截图.pdf', maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200) @SingleLine()
  name: string;

  @ApiPropertyOptional({ format: 'uuid', description: '已上传附件的 id（本部门上传的）；与 uri 二选一' })
  @IsOptional() @IsUUID()
  attachmentId?: string;

  @ApiPropertyOptional({ example: 'https://files.example.gov.cn/evidence/123.pdf', maxLength: 2000, description: '材料的地址（http:// 或 https://）；与 attachmentId 二选一' })
  @ValidateIf((e: EvidenceDto) => e.attachmentId === undefined) @IsString() @IsHttpUrl()
  uri?: string;
}

/** 佐证材料 as recorded: for an attachment, `uri` is its download URL and its type, size and hash are kept. */
export class StoredEvidenceDto {
  @ApiProperty() name: string;
  @ApiProperty({ description: '下载地址：附件为 /api/v1/attachments/{id}/content（需登录）' }) uri: string;
  @ApiPropertyOptional({ format: 'uuid' }) attachmentId?: string;
  @ApiPropertyOptional() mediaType?: string;
  @ApiPropertyOptional() sizeBytes?: number;
  @ApiPropertyOptional() sha256?: string;
}
