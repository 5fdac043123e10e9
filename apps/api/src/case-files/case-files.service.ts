import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CASE_FILE_STATUS_LABELS, CASE_TYPE_LABELS, DomainError, ErrorCode, Role, parseCaseFileRow, validationFailed, type CaseFileStatus, type CaseType } from '@rol/domain';
import { DepartmentEntity, recordAudit } from '@rol/db';
import type { AuthUser } from '../common/auth-user';
import type { Page } from '../common/paging';
import type { CaseFileDto, CaseFileQueryDto, CreateCaseFileDto } from './case-files.dto';

/** The import's column names, as the JSON fields of a single registration. */
const JSON_FIELD: Record<string, string> = {
  department_code: 'departmentCode',
  case_number: 'caseNumber',
  case_type: 'caseType',
  decision_date: 'decisionDate',
  handling_officer: 'handlingOfficer',
};
const ROW_PREFIX = /^第 \d+ 行：/;

const COLUMNS = `id, department_id, (SELECT name FROM departments d WHERE d.id = department_id) AS department_name, case_number, case_type, title, decision_date::text AS decision_date, handling_officer, status, created_at, updated_at`;

interface CaseFileRecord {
  id: string;
  department_id: string;
  department_name: string;
  case_number: string;
  case_type: CaseType;
  title: string;
  decision_date: string;
  handling_officer: string;
  status: CaseFileStatus;
  created_at: Date;
  updated_at: Date;
}

@Injectable()
export class CaseFilesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** 登记一份案卷. 409 CASE_NUMBER_TAKEN when the department already has the case number. */
  async create(actor: AuthUser, dto: CreateCaseFileDto): Promise<CaseFileDto> {
    const departmentId = targetDepartment(actor, dto.departmentId);
    const parsed = parseCaseFileRow({ ...dto }, 1);
    if (!parsed.ok) {
      throw validationFailed(parsed.errors.map((e) => ({ field: JSON_FIELD[e.field] ?? e.field, code: e.code, message: e.message.replace(ROW_PREFIX, '') })));
    }
    const v = parsed.value;
    return this.dataSource.transaction(async (m) => {
      if (!(await m.existsBy(DepartmentEntity, { id: departmentId }))) {
        throw validationFailed([{ field: 'departmentId', code: 'DEPARTMENT_UNKNOWN', message: `部门 ${departmentId} 不存在` }]);
      }
      const rows = (await m.query(
        `INSERT INTO case_files (department_id, case_number, case_type, title, decision_date, handling_officer, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (department_id, case_number) DO NOTHING
         RETURNING ${COLUMNS}`,
        [departmentId, v.caseNumber, v.caseType, v.title, v.decisionDate, v.handlingOfficer, v.status],
      )) as CaseFileRecord[];
      if (rows.length === 0) throw new DomainError(ErrorCode.CaseNumberTaken, `本部门已登记案卷号 ${v.caseNumber}`);
      await recordAudit(m, { actorId: actor.id, action: 'case_file.create', targetType: 'case_file', targetId: rows[0].id, detail: { departmentId, ...v } });
      return toDto(rows[0]);
    });
  }

  /**
   * 案卷目录. A department user sees only its own department (asking for another is 403);
   * the office sees every department. Ordered by department, then latest decision first.
   */
  async list(actor: AuthUser, query: CaseFileQueryDto): Promise<Page<CaseFileDto>> {
    let departmentId = query.departmentId ?? null;
    if (actor.role === Role.DepartmentUser) {
      if (departmentId && departmentId !== actor.departmentId) throw new DomainError(ErrorCode.ForbiddenDepartment, '不能查看其他部门的案卷');
      departmentId = ownDepartment(actor);
    }
    const like = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const where = `($1::uuid IS NULL OR department_id = $1) AND ($2::text IS NULL OR case_type = $2)
          AND ($3::text IS NULL OR status = $3) AND ($4::text IS NULL OR case_number = $4)
          AND ($5::date IS NULL OR decision_date >= $5) AND ($6::date IS NULL OR decision_date <= $6)
          AND ($7::text IS NULL OR case_number ILIKE $7 OR title ILIKE $7)`;
    const params = [departmentId, query.caseType ?? null, query.status ?? null, query.caseNumber ?? null, query.from ?? null, query.to ?? null, like];
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`SELECT ${COLUMNS} FROM case_files WHERE ${where} ORDER BY department_id, decision_date DESC, case_number, id LIMIT $8 OFFSET $9`, [...params, query.limit ?? 100, query.offset ?? 0]) as Promise<CaseFileRecord[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM case_files WHERE ${where}`, params) as Promise<{ total: number }[]>,
    ]);
    return { items: rows.map(toDto), total };
  }

  async get(actor: AuthUser, id: string): Promise<CaseFileDto> {
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM case_files WHERE id = $1`, [id])) as CaseFileRecord[];
    if (!row) throw new DomainError(ErrorCode.NotFound, '案卷不存在');
    if (actor.role === Role.DepartmentUser && row.department_id !== actor.departmentId) {
      throw new DomainError(ErrorCode.ForbiddenDepartment, '不能查看其他部门的案卷');
    }
    return toDto(row);
  }

  /** Streaming bulk import, all or nothing: see case-file-import.ts. */
}

function ownDepartment(actor: AuthUser): string {
  if (!actor.departmentId) throw new DomainError(ErrorCode.ForbiddenDepartment, '当前用户未绑定部门');
  return actor.departmentId;
}

/** A department user registers for its own department; the office names the department. */
function targetDepartment(actor: AuthUser, departmentId: string | undefined): string {
  if (actor.role === Role.DepartmentUser) {
    const own = ownDepartment(actor);
    if (departmentId && departmentId !== own) throw new DomainError(ErrorCode.ForbiddenDepartment, '不能为其他部门登记案卷');
    return own;
  }
  if (!departmentId) throw validationFailed([{ field: 'departmentId', code: 'DEPARTMENT_REQUIRED', message: 'departmentId 为必填项（监督科登记案卷须指定部门）' }]);
  return departmentId;
}

function toDto(r: CaseFileRecord): CaseFileDto {
  return {
    id: r.id,
    departmentId: r.department_id,
    departmentName: r.department_name,
    caseNumber: r.case_number,
    caseType: r.case_type,
    caseTypeLabel: CASE_TYPE_LABELS[r.case_type],
    title: r.title,
    decisionDate: r.decision_date,
    handlingOfficer: r.handling_officer,
    status: r.status,
    statusLabel: CASE_FILE_STATUS_LABELS[r.status],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
