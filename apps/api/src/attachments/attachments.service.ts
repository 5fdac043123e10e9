import { randomUUID, createHash } from 'node:crypto';
import { Transform, type TransformCallback, type Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import busboy from 'busboy';
import { DataSource, In } from 'typeorm';
import {
  ATTACHMENT_TYPES_TEXT, DomainError, ErrorCode, hasSignatureOf, isOffice, Role, SIGNATURE_BYTES, attachmentTypeOf, validationFailed, type FieldError,
} from '@rol/domain';
import type { EvidenceItem } from '@rol/contracts';
import { AttachmentEntity, recordAudit } from '@rol/db';
import { ApiConfig } from '../common/api-config';
import type { AuthUser } from '../common/auth-user';
import type { AttachmentDto, AttachmentLimitsDto } from './attachments.dto';
import { createStorage, storageKey, type AttachmentStorage } from '@rol/files';

type AttachmentType = NonNullable<ReturnType<typeof attachmentTypeOf>>;

/** Hashes and counts the bytes as they stream to storage, and refuses a file whose first bytes are not its format's. */
class Inspector extends Transform {
  readonly hash = createHash('sha256');
  /** Not `size`: lib-storage takes a body's `size` for its total length. */
  bytes = 0;
  private head: Buffer | null = Buffer.alloc(0);

  constructor(private readonly type: AttachmentType, private readonly fileName: string) {
    super();
  }

  override _transform(chunk: Buffer, _: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    if (this.head) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < SIGNATURE_BYTES) return done(); // hold the first bytes until the signature can be checked
      const held = this.head;
      this.head = null;
      if (!hasSignatureOf(this.type, held)) return done(this.notThisFormat());
      return done(null, held);
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.head && this.head.length > 0 && !hasSignatureOf(this.type, this.head)) return done(this.notThisFormat());
    done(null, this.head && this.head.length > 0 ? this.head : undefined);
  }

  private notThisFormat(): DomainError {
    return new DomainError(ErrorCode.AttachmentTypeNotAllowed, `「${this.fileName}」的内容与其扩展名不符（不是有效的 ${this.type.label} 文件），请确认文件未损坏、扩展名正确后重新上传`, [
      { field: 'file', code: 'ATTACHMENT_CONTENT_MISMATCH', message: `文件内容不是 ${this.type.label} 格式` },
    ]);
  }
}

/** The name a user sees: no path, no control characters, at most 200 characters. */
export function cleanFileName(raw: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return (raw.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(-200);
}

@Injectable()
export class AttachmentsService {
  private readonly log = new Logger('attachments');
  readonly storage: AttachmentStorage;
  private readonly maxBytes: number;

  constructor(config: ApiConfig, @InjectDataSource() private readonly dataSource: DataSource) {
    this.storage = createStorage(config.value.attachments.storage);
    this.maxBytes = config.value.attachments.maxBytes;
  }

  limits(): AttachmentLimitsDto {
    return { maxMb: Math.round(this.maxBytes / 1024 / 1024), types: ATTACHMENT_TYPES_TEXT };
  }

  /** Streams the request's one `file` part to storage while hashing it, then records it (and the audit row) in one transaction. */
  async upload(actor: AuthUser, req: IncomingMessage): Promise<AttachmentDto> {
    if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
      throw new DomainError(ErrorCode.UnsupportedMediaType, '请以 multipart/form-data 上传文件（字段名 file）', [{ field: 'file', code: 'MULTIPART_REQUIRED', message: '请求须为 multipart/form-data' }]);
    }
    const id = randomUUID();
    const key = storageKey(id);
    const maxMb = Math.round(this.maxBytes / 1024 / 1024);
    let stored: { fileName: string; type: AttachmentType; inspector: Inspector } | null = null;
    try {
      await new Promise<void>((resolve, reject) => {
        let bb: busboy.Busboy;
        try {
          bb = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fileSize: this.maxBytes, fields: 10, fieldSize: 1024, parts: 11 } });
        } catch {
          return reject(new DomainError(ErrorCode.UnsupportedMediaType, '上传请求格式不正确：请以 multipart/form-data 上传文件（字段名 file）', [{ field: 'file', code: 'MULTIPART_REQUIRED', message: '缺少 multipart boundary' }]));
        }
        let writing: Promise<void> | null = null;
        const fail = (err: unknown) => {
          req.unpipe(bb);
          req.resume(); // drain what the client still sends, so that it reads the answer
          reject(err);
        };
        bb.on('file', (field, file, info) => {
          if (field !== 'file' || stored) return file.resume();
          const fileName = cleanFileName(info.filename ?? '');
          const type = attachmentTypeOf(fileName);
          if (!fileName || !type) {
            file.resume();
            return fail(new DomainError(ErrorCode.AttachmentTypeNotAllowed, `不支持「${fileName || '（无文件名）'}」的文件类型：只能上传 ${ATTACHMENT_TYPES_TEXT}`, [{ field: 'file', code: 'ATTACHMENT_TYPE_NOT_ALLOWED', message: `只能上传 ${ATTACHMENT_TYPES_TEXT}` }]));
          }
          const inspector = new Inspector(type, fileName);
          inspector.on('error', () => undefined); // reported through `writing` (below), with the inspector's own reason
          stored = { fileName, type, inspector };
          file.on('limit', () => inspector.destroy(new DomainError(ErrorCode.AttachmentTooLarge, `「${fileName}」超过 ${maxMb} MB，不能上传：请压缩或拆分后再传`, [{ field: 'file', code: 'ATTACHMENT_TOO_LARGE', message: `单个文件不超过 ${maxMb} MB` }])));
          file.on('error', (err) => inspector.destroy(err));
          writing = this.storage.put(key, file.pipe(inspector), type.mediaType);
          writing.catch((err) => fail(inspector.errored ?? err));
        });
        bb.on('error', (err) => fail(new DomainError(ErrorCode.MalformedBody, '上传的内容不完整或格式不正确，请重新上传', [{ field: 'file', code: 'MULTIPART_MALFORMED', message: String((err as Error).message ?? err) }])));
        bb.on('close', () => {
          if (!writing) return fail(new DomainError(ErrorCode.AttachmentMissing, '没有收到文件：请选择要上传的文件（字段名 file）', [{ field: 'file', code: 'ATTACHMENT_MISSING', message: '请选择文件' }]));
          writing.then(resolve, () => undefined);
        });
        req.on('aborted', () => fail(new DomainError(ErrorCode.MalformedBody, '上传中断，请重新上传', [{ field: 'file', code: 'UPLOAD_ABORTED', message: '连接中断' }])));
        req.pipe(bb);
      });
      const s = stored as unknown as { fileName: string; type: AttachmentType; inspector: Inspector };
      if (s.inspector.bytes === 0) {
        throw new DomainError(ErrorCode.AttachmentMissing, `「${s.fileName}」是空文件，请选择有内容的文件`, [{ field: 'file', code: 'ATTACHMENT_EMPTY', message: '文件为空' }]);
      }
      const row: AttachmentEntity = {
        id,
        fileName: s.fileName,
        mediaType: s.type.mediaType,
        sizeBytes: String(s.inspector.bytes),
        sha256: s.inspector.hash.digest('hex'),
        storage: this.storage.kind,
        storageKey: key,
        departmentId: actor.role === Role.DepartmentUser ? actor.departmentId : null,
        uploadedBy: actor.id,
        uploadedAt: new Date(),
      };
      await this.dataSource.transaction(async (m) => {
        await m.insert(AttachmentEntity, row);
        await recordAudit(m, { actorId: actor.id, action: 'attachment.uploaded', targetType: 'attachment', targetId: id, detail: { fileName: row.fileName, sizeBytes: s.inspector.bytes, sha256: row.sha256 }, at: row.uploadedAt });
      });
      return toDto(row);
    } catch (err) {
      if (stored) await this.storage.delete(key).catch((e) => this.log.warn(`could not remove the partial upload ${key}: ${String(e)}`));
      throw err;
    }
  }

  /** The row, if `actor` may read it: the office (and operators) read every file, a department only its own, a reviewer the scans of their files. */
  async readable(actor: AuthUser, id: string): Promise<AttachmentEntity> {
    const row = await this.dataSource.getRepository(AttachmentEntity).findOneBy({ id });
    if (!row) throw new DomainError(ErrorCode.AttachmentNotFound, '附件不存在或已被删除');
    if (isOffice(actor.role) || actor.role === Role.Operator) return row;
    if (actor.role === Role.DepartmentUser && row.departmentId !== null && row.departmentId === actor.departmentId) return row;
    if (actor.role === Role.Reviewer) {
      // 电子卷宗: a reviewer reads the scans of the files assigned to them, nothing else.
      const [scan] = await this.dataSource.query(
        `SELECT 1 FROM case_file_scans s JOIN review_assignments a ON a.case_file_id = s.case_file_id AND a.active AND a.reviewer_id = $2 WHERE s.attachment_id = $1 LIMIT 1`,
        [id, actor.id],
      );
      if (scan) return row;
    }
    throw new DomainError(ErrorCode.ForbiddenDepartment, '该附件属于其他部门，无权查看');
  }

  async describe(actor: AuthUser, id: string): Promise<AttachmentDto> {
    return toDto(await this.readable(actor, id));
  }

  async open(actor: AuthUser, id: string): Promise<{ row: AttachmentEntity; body: Readable }> {
    const row = await this.readable(actor, id);
    return { row, body: await this.storage.get(row.storageKey) };
  }

  /**
   * Evidence as a client sends it — a link, or an uploaded attachment of the caller's own department —
   * as it is stored: an attachment's entry carries its id, type, size and hash, and its download URL.
   */
  async resolveEvidence(actor: AuthUser, evidence: { name: string; uri?: string; attachmentId?: string }[], field = 'evidence'): Promise<StoredEvidence[]> {
    const ids = evidence.flatMap((e) => (e.attachmentId ? [e.attachmentId] : []));
    const rows = ids.length ? await this.dataSource.getRepository(AttachmentEntity).findBy({ id: In(ids) }) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const errors: FieldError[] = [];
    const stored = evidence.map((e, i): StoredEvidence => {
      if (!e.attachmentId) return { name: e.name, uri: e.uri! };
      const row = byId.get(e.attachmentId);
      const own = row && (row.departmentId === actor.departmentId || (row.departmentId === null && isOffice(actor.role)));
      if (!row || !own) {
        errors.push({ field: `${field}[${i}].attachmentId`, code: 'ATTACHMENT_NOT_FOUND', message: `第 ${i + 1} 项材料的附件不存在或不属于本部门，请重新上传` });
        return { name: e.name, uri: '' };
      }
      return { name: e.name, uri: urlOf(row.id), attachmentId: row.id, mediaType: row.mediaType, sizeBytes: Number(row.sizeBytes), sha256: row.sha256 };
    });
    if (errors.length) throw validationFailed(errors);
    return stored;
  }
}

/** One 佐证材料 as stored with a task completion, a self-check answer or a rectification report. */
export type StoredEvidence = EvidenceItem;

const urlOf = (id: string) => `/api/v1/attachments/${id}/content`;

function toDto(row: AttachmentEntity): AttachmentDto {
  return {
    id: row.id,
    fileName: row.fileName,
    mediaType: row.mediaType,
    sizeBytes: Number(row.sizeBytes),
    sha256: row.sha256,
    departmentId: row.departmentId,
    uploadedAt: new Date(row.uploadedAt).toISOString(),
    url: urlOf(row.id),
  };
}
