import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { caseFileImportWorkflowId } from '@rol/contracts';
import { DomainError, ErrorCode, Role, isOffice, type FieldError } from '@rol/domain';
import { DepartmentEntity, enqueueWorkflowStart, type CaseFileImportStatus } from '@rol/db';
import { storageKey } from '@rol/files';
import { AttachmentsService, cleanFileName } from '../attachments/attachments.service';
import type { AuthUser } from '../common/auth-user';
import type { Page } from '../common/paging';
import type { CaseFileImportDto } from './case-files.dto';

export type CaseFileImportFormat = 'csv' | 'xlsx';

/** A CSV may be large (a province's catalogue is ~150 MB per million rows): the worker streams it. */
export const MAX_CSV_BYTES = 1024 * 1024 * 1024;
/** An XLSX is unzipped within XLSX_CAPS (libs/files): a 1,000,000-row catalogue is about 55 MB. */
export const MAX_XLSX_BYTES = 128 * 1024 * 1024;

export const IMPORT_STATUS_LABELS: Record<CaseFileImportStatus, string> = {
  queued: '排队中',
  reading: '读取校验中',
  merging: '写入案卷目录中',
  succeeded: '已导入',
  rejected: '被拒绝',
  failed: '未完成',
};

interface ImportRow {
  id: string;
  file_name: string;
  format: 'csv' | 'xlsx';
  size_bytes: string;
  department_id: string | null;
  department_name: string | null;
  submitted_by_name: string;
  submitted_at: Date;
  status: CaseFileImportStatus;
  bytes_read: string;
  rows_read: number;
  rows_written: number;
  created: number | null;
  updated: number | null;
  unchanged: number | null;
  error_count: number | null;
  bad_rows: number | null;
  errors: FieldError[] | null;
  message: string | null;
  started_at: Date | null;
  finished_at: Date | null;
}

const SELECT = `
  SELECT j.id, j.file_name, j.format, j.size_bytes, j.department_id, d.name AS department_name, u.display_name AS submitted_by_name,
         j.submitted_at, j.status, j.bytes_read, j.rows_read, j.rows_written, j.created, j.updated, j.unchanged,
         j.error_count, j.bad_rows, j.errors, j.message, j.started_at, j.finished_at
    FROM case_file_imports j JOIN users u ON u.id = j.submitted_by LEFT JOIN departments d ON d.id = j.department_id`;

/**
 * 案卷目录导入 as a job: the API stores the uploaded file and records the job with its outbox row in
 * one transaction (the worker starts the import workflow from it, so a crash cannot lose the job);
 * the worker reads and writes; the console polls the job for its progress and result.
 */
@Injectable()
export class CaseFileImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly attachments: AttachmentsService,
  ) {}

  /** Stores the file and records the job; answers at once (202) with the job, queued. */
  async submit(actor: AuthUser, format: CaseFileImportFormat, req: IncomingMessage, query: { departmentId?: string; fileName?: string }): Promise<CaseFileImportDto> {
    const departmentId = await this.scope(actor, query.departmentId).catch((err: unknown) => {
      req.resume();
      throw err;
    });
    const id = randomUUID();
    const key = `case-file-imports/${storageKey(id)}`;
    const limit = format === 'xlsx' ? MAX_XLSX_BYTES : MAX_CSV_BYTES;
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes <= limit) return done(null, chunk);
        done(
          new DomainError(
            ErrorCode.PayloadTooLarge,
            format === 'xlsx' ? `XLSX 文件不能超过 ${limit / 1024 / 1024} MB：请拆分，或改用 CSV 导入` : `导入文件不能超过 ${limit / 1024 / 1024} MB：请拆分后分批导入`,
          ),
        );
      },
    });
    req.on('error', (err) => counter.destroy(err));
    req.on('aborted', () => counter.destroy(new Error('request aborted before the whole file arrived')));
    try {
      await this.attachments.storage.put(key, req.pipe(counter), 'application/octet-stream');
      if (req.complete === false) throw new Error('request aborted before the whole file arrived');
    } catch (err) {
      req.unpipe();
      req.resume(); // let the rest of the upload drain so that the answer reaches the client
      await this.attachments.storage.delete(key).catch(() => undefined);
      throw err;
    }
    if (bytes === 0) {
      await this.attachments.storage.delete(key).catch(() => undefined);
      throw new DomainError(ErrorCode.ImportRejected, '导入文件为空：请选择填好的案卷目录文件（可先下载导入模板）', [{ field: 'file', code: 'IMPORT_EMPTY', message: '文件没有内容' }]);
    }
    const fileName = cleanFileName(query.fileName ?? '') || `案卷目录.${format}`;
    try {
      await this.dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO case_file_imports (id, format, file_name, size_bytes, storage_key, department_id, submitted_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [id, format, fileName, bytes, key, departmentId, actor.id],
        );
        await enqueueWorkflowStart(m, 'case_file_import', id, caseFileImportWorkflowId(id));
      });
    } catch (err) {
      await this.attachments.storage.delete(key).catch(() => undefined);
      throw err;
    }
    return this.get(actor, id);
  }

  /** The imports the caller may see, newest first: the office every one, a department its own department's. */
  async list(actor: AuthUser, page: { limit?: number; offset?: number }): Promise<Page<CaseFileImportDto>> {
    const own = this.visibleDepartment(actor);
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`${SELECT} WHERE ($1::uuid IS NULL OR j.department_id = $1) ORDER BY j.submitted_at DESC, j.id LIMIT $2 OFFSET $3`, [own, page.limit ?? 20, page.offset ?? 0]) as Promise<ImportRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM case_file_imports WHERE ($1::uuid IS NULL OR department_id = $1)`, [own]) as Promise<{ total: number }[]>,
    ]);
    return { items: rows.map(toDto), total };
  }

  async get(actor: AuthUser, id: string): Promise<CaseFileImportDto> {
    const [row]: ImportRow[] = await this.dataSource.query(`${SELECT} WHERE j.id = $1`, [id]);
    if (!row) throw new DomainError(ErrorCode.NotFound, '导入记录不存在');
    const own = this.visibleDepartment(actor);
    if (own && row.department_id !== own) throw new DomainError(ErrorCode.ForbiddenDepartment, '这是其他部门的导入记录，无权查看');
    return toDto(row);
  }

  /** null: every import (the office); else the one department whose imports the caller sees. */
  private visibleDepartment(actor: AuthUser): string | null {
    if (isOffice(actor.role)) return null;
    if (actor.role === Role.DepartmentUser && actor.departmentId) return actor.departmentId;
    throw new DomainError(ErrorCode.Forbidden, '无权查看案卷目录导入');
  }

  /** The department every row goes to (null: each row names its own), checked before a byte is stored. */
  private async scope(actor: AuthUser, departmentId: string | undefined): Promise<string | null> {
    if (actor.role === Role.DepartmentUser) {
      if (!actor.departmentId) throw new DomainError(ErrorCode.ForbiddenDepartment, '当前用户未绑定部门，不能登记案卷');
      if (departmentId && departmentId !== actor.departmentId) throw new DomainError(ErrorCode.ForbiddenDepartment, '不能为其他部门导入案卷');
      return actor.departmentId;
    }
    if (!departmentId) return null;
    const one = await this.dataSource.getRepository(DepartmentEntity).findOneBy({ id: departmentId });
    if (!one) throw new DomainError(ErrorCode.ValidationFailed, '部门不存在', [{ field: 'departmentId', code: 'DEPARTMENT_UNKNOWN', message: `部门 ${departmentId} 不存在` }]);
    return one.id;
  }
}

function toDto(r: ImportRow): CaseFileImportDto {
  return {
    id: r.id,
    fileName: r.file_name,
    format: r.format,
    sizeBytes: Number(r.size_bytes),
    departmentId: r.department_id,
    departmentName: r.department_name,
    submittedByName: r.submitted_by_name,
    submittedAt: r.submitted_at,
    status: r.status,
    statusLabel: IMPORT_STATUS_LABELS[r.status],
    bytesRead: Number(r.bytes_read),
    rowsRead: r.rows_read,
    rowsWritten: r.rows_written,
    result: r.status === 'succeeded' ? { total: r.rows_read, created: r.created ?? 0, updated: r.updated ?? 0, unchanged: r.unchanged ?? 0 } : null,
    errorCount: r.error_count,
    badRows: r.bad_rows,
    errors: r.errors ?? [],
    message: r.message,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}
