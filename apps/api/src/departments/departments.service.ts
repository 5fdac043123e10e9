import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, ErrorCode, Role, parseDepartmentImport, type DepartmentRow } from '@rol/domain';
import { DepartmentEntity, recordAudit } from '@rol/db';
import type { AuthUser } from '../common/auth-user';
import { requireChanges } from '../common/validators';
import type { CreateDepartmentDto, DepartmentDto, ImportResultDto, UpdateDepartmentDto } from './departments.dto';

const IMPORT_CHUNK = 1000;

@Injectable()
export class DepartmentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(actor: AuthUser, dto: CreateDepartmentDto): Promise<DepartmentDto> {
    return this.dataSource.transaction(async (m) => {
      if (await m.existsBy(DepartmentEntity, { code: dto.code })) {
        throw new DomainError(ErrorCode.DepartmentCodeTaken, `部门编码 ${dto.code} 已存在`);
      }
      const department = await m.save(DepartmentEntity, { ...dto, active: dto.active ?? true });
      await recordAudit(m, { actorId: actor.id, action: 'department.create', targetType: 'department', targetId: department.id, detail: { ...dto } });
      return department;
    });
  }

  /** The office sees every department; a department user sees only their own. */
  async list(actor: AuthUser): Promise<DepartmentDto[]> {
    const repo = this.dataSource.getRepository(DepartmentEntity);
    if (actor.role === Role.DepartmentUser) return actor.departmentId ? repo.findBy({ id: actor.departmentId }) : [];
    return repo.find({ order: { code: 'ASC' } });
  }

  async get(actor: AuthUser, id: string): Promise<DepartmentDto> {
    if (actor.role === Role.DepartmentUser && actor.departmentId !== id) {
      throw new DomainError(ErrorCode.ForbiddenDepartment, '不能查看其他部门的信息');
    }
    const department = await this.dataSource.getRepository(DepartmentEntity).findOneBy({ id });
    if (!department) throw new DomainError(ErrorCode.NotFound, '部门不存在');
    return department;
  }

  async update(actor: AuthUser, id: string, dto: UpdateDepartmentDto): Promise<DepartmentDto> {
    requireChanges(dto);
    return this.dataSource.transaction(async (m) => {
      const department = await m.findOneBy(DepartmentEntity, { id });
      if (!department) throw new DomainError(ErrorCode.NotFound, '部门不存在');
      await m.update(DepartmentEntity, { id }, dto);
      await recordAudit(m, { actorId: actor.id, action: 'department.update', targetType: 'department', targetId: id, detail: { ...dto } });
      return toDepartmentDto(await m.findOneByOrFail(DepartmentEntity, { id }));
    });
  }

  /**
   * Bulk import from CSV text (header: code,name,kind,active) or JSON rows. All or nothing:
   * one bad row rejects the file with every bad row's number and reason, and nothing is written.
   * Existing departments (same code) are updated; new ones created.
   */
  async import(actor: AuthUser, input: { csv?: string; rows?: unknown }): Promise<ImportResultDto> {
    const records = input.csv !== undefined ? readCsv(input.csv) : readJsonRows(input.rows);
    const { rows, errors } = parseDepartmentImport(records);
    if (errors.length > 0) {
      throw new DomainError(ErrorCode.ImportRejected, `导入被拒绝：共 ${errors.length} 处错误，未写入任何数据`, errors);
    }
    return this.dataSource.transaction(async (m) => {
      let created = 0;
      for (let i = 0; i < rows.length; i += IMPORT_CHUNK) created += await upsertChunk(m, rows.slice(i, i + IMPORT_CHUNK));
      const result = { total: rows.length, created, updated: rows.length - created };
      await recordAudit(m, { actorId: actor.id, action: 'department.import', targetType: 'department', targetId: '*', detail: { ...result, codes: rows.map((r) => r.code) } });
      return result;
    });
  }
}

async function upsertChunk(m: EntityManager, rows: DepartmentRow[]): Promise<number> {
  const result: { inserted: boolean }[] = await m.query(
    `INSERT INTO departments (code, name, kind, active)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[])
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, active = excluded.active, updated_at = now()
     RETURNING (xmax = 0) AS inserted`,
    [rows.map((r) => r.code), rows.map((r) => r.name), rows.map((r) => r.kind), rows.map((r) => r.active)],
  );
  return result.filter((r) => r.inserted).length;
}

const REQUIRED_COLUMNS = ['code', 'name', 'kind'];

function readCsv(text: string): Record<string, unknown>[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: (header: string[]) => header.map((h) => h.trim()), bom: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new DomainError(ErrorCode.ImportRejected, `CSV 文件无法解析${line ? `（第 ${line} 行附近）` : ''}：请检查引号和分隔符`, [
      { field: 'file', code: 'CSV_MALFORMED', message: (err as Error).message },
    ]);
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0].split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new DomainError(ErrorCode.ImportRejected, `CSV 表头缺少列：${missing.join(', ')}（应为 code,name,kind,active）`, [
      { field: 'header', code: 'CSV_COLUMNS_MISSING', message: `缺少列 ${missing.join(', ')}` },
    ]);
  }
  return records;
}

function readJsonRows(body: unknown): Record<string, unknown>[] {
  const rows = Array.isArray(body) ? body : (body as { rows?: unknown } | undefined)?.rows;
  if (!Array.isArray(rows)) {
    throw new DomainError(ErrorCode.ImportRejected, 'JSON 导入须为数组，或 {"rows": [...]}', [
      { field: 'rows', code: 'ROWS_NOT_ARRAY', message: 'rows 必须是数组' },
    ]);
  }
  return rows.map((r) => (typeof r === 'object' && r !== null ? (r as Record<string, unknown>) : {}));
}

function toDepartmentDto(d: DepartmentEntity): DepartmentDto {
  return { id: d.id, code: d.code, name: d.name, kind: d.kind, active: d.active, createdAt: d.createdAt, updatedAt: d.updatedAt };
}
