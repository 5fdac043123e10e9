import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiProduces, ApiTags, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Role } from '@rol/domain';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { UuidParam } from '../common/validators';
import { AttachmentDto, AttachmentLimitsDto, UPLOAD_BODY } from './attachments.dto';
import { AttachmentsService } from './attachments.service';

const UPLOADERS = [Role.DepartmentUser, Role.OfficeAdmin, Role.OfficeStaff];
const READERS = [Role.DepartmentUser, Role.OfficeAdmin, Role.OfficeStaff, Role.Operator, Role.Reviewer];

@ApiTags('附件 attachments')
@ApiBearerAuth()
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @ApiOperation({ summary: '上传附件（佐证材料等）', description: '一个文件，字段名 file。类型：PDF、OFD、图片、Word、Excel、ZIP（按扩展名并核验文件头）；大小上限由 ATTACHMENT_MAX_MB 决定（默认 50 MB）。边接收边写入存储并计算 SHA-256。部门上传的附件只有本部门和监督科可以下载。' })
  @Post()
  @Roles(...UPLOADERS)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiBadRequestResponse({ description: 'ATTACHMENT_MISSING（没有文件或空文件）、MALFORMED_BODY' })
  @ApiPayloadTooLargeResponse({ description: 'ATTACHMENT_TOO_LARGE' })
  @ApiUnsupportedMediaTypeResponse({ description: 'ATTACHMENT_TYPE_NOT_ALLOWED（类型不允许或内容与扩展名不符）、UNSUPPORTED_MEDIA_TYPE（不是 multipart）' })
  upload(@CurrentUser() actor: AuthUser, @Req() req: Request): Promise<AttachmentDto> {
    return this.attachments.upload(actor, req);
  }

  @ApiOperation({ summary: '附件限制：大小上限与允许的类型（上传前提示用户）' })
  @Get('limits')
  @Roles(...UPLOADERS)
  @ApiOkResponse({ type: AttachmentLimitsDto })
  limits(): AttachmentLimitsDto {
    return this.attachments.limits();
  }

  @ApiOperation({ summary: '查看附件信息' })
  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: AttachmentDto })
  @ApiForbiddenResponse({ description: 'FORBIDDEN_DEPARTMENT：其他部门的附件（评查人员只能读取分配给自己的案卷的电子卷宗）' })
  @ApiNotFoundResponse({ description: 'ATTACHMENT_NOT_FOUND' })
  describe(@CurrentUser() actor: AuthUser, @UuidParam() id: string): Promise<AttachmentDto> {
    return this.attachments.describe(actor, id);
  }

  @ApiOperation({ summary: '下载附件', description: 'PDF 和图片在浏览器中直接打开（inline），其他类型下载。' })
  @Get(':id/content')
  @Roles(...READERS)
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: '文件内容，Content-Type 为附件的媒体类型', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiForbiddenResponse({ description: 'FORBIDDEN_DEPARTMENT：其他部门的附件（评查人员只能读取分配给自己的案卷的电子卷宗）' })
  @ApiNotFoundResponse({ description: 'ATTACHMENT_NOT_FOUND' })
  async content(@CurrentUser() actor: AuthUser, @UuidParam() id: string, @Res() res: Response): Promise<void> {
    const { row, body } = await this.attachments.open(actor, id);
    const inline = row.mediaType === 'application/pdf' || row.mediaType.startsWith('image/');
    res.setHeader('Content-Type', row.mediaType);
    res.setHeader('Content-Length', row.sizeBytes);
    res.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="attachment"; filename*=UTF-8''${encodeURIComponent(row.fileName)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Digest', `sha-256=${Buffer.from(row.sha256, 'hex').toString('base64')}`);
    body.on('error', () => res.destroy());
    body.pipe(res);
  }
}
