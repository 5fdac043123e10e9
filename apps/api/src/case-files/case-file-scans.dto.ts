import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsUUID } from 'class-validator';
import { Optional } from '../common/validators';

/** 电子卷宗: the scans of a drawn file, in order; the list replaces what was there. */
export class ScansDto {
  @ApiProperty({ type: [String], format: 'uuid', description: '已上传附件的 ID（POST /attachments，本部门上传的 PDF、OFD 或图片），按顺序；整体替换原有电子卷宗' })
  @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) attachmentIds: string[];
}

export class ScanDto {
  @ApiProperty({ format: 'uuid' }) attachmentId: string;
  @ApiProperty({ example: '案卷扫描件.pdf' }) fileName: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType: string;
  @ApiProperty({ example: 1832040 }) sizeBytes: number;
  @ApiProperty({ description: '文件内容的 SHA-256' }) sha256: string;
  @ApiProperty({ enum: ['pdf', 'image', 'download'], description: '浏览器中如何查看：pdf 内嵌查看、image 直接显示、download 下载后用专用阅读器打开（OFD）' }) viewer: 'pdf' | 'image' | 'download';
  @ApiProperty({ example: '/api/v1/attachments/…/content' }) url: string;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}

/** A drawn file of the caller's department, with the scans uploaded so far. */
export class DrawnFileDto {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ example: '2026年度法治督察' }) campaignTitle: string;
  @ApiProperty({ format: 'uuid' }) caseFileId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty({ example: 'penalty' }) caseType: string;
  @ApiProperty({ example: '行政处罚' }) caseTypeLabel: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2026-03-15' }) decisionDate: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: '评查截止时间' }) reviewClosesAt: string | null;
  @ApiProperty({ type: [ScanDto] }) scans: ScanDto[];
}

export class DrawnFilesQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只看该周期' }) @Optional() @IsUUID() campaignId?: string;
}
