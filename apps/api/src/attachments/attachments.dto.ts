import { ApiProperty, type ApiBodyOptions } from '@nestjs/swagger';

/** 附件: what was uploaded. `url` downloads it (with the access token; authorized by the owning department). */
export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '公示平台截图.png' }) fileName: string;
  @ApiProperty({ example: 'image/png', description: '按扩展名确定的媒体类型（文件头已核验）' }) mediaType: string;
  @ApiProperty({ example: 183204 }) sizeBytes: number;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', description: '文件内容的 SHA-256（十六进制）' }) sha256: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: '所属部门；监督科上传的为空' }) departmentId: string | null;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
  @ApiProperty({ example: '/api/v1/attachments/…/content' }) url: string;
}

/** The multipart body of an upload, for the OpenAPI document. */
export const UPLOAD_BODY: ApiBodyOptions = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: { file: { type: 'string', format: 'binary', description: '一个文件：PDF、OFD、图片、Word、Excel 或 ZIP' } },
  },
};

/** What an upload may be, as configured: the console states it beside every upload. */
export class AttachmentLimitsDto {
  @ApiProperty({ example: 50, description: '单个文件大小上限（MB，ATTACHMENT_MAX_MB）' }) maxMb: number;
  @ApiProperty({ example: 'PDF、OFD、图片（JPG/PNG）、Word、Excel、ZIP' }) types: string;
}
