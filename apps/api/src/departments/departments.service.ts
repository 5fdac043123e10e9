import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import { DataSource, type EntityManager } from 'typeorm';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DEPARTMENT_IMPORT_COLUMNS, DEPARTMENT_KIND_LABELS, DEPARTMENT_KINDS, DomainError, ErrorCode, Role, parseDepartmentImport, type DepartmentRow } from '@rol/domain';
import { DepartmentEntity, recordAudit } from '@rol/db';
import { XlsxArchiveError, cellText, openXlsx } from '@rol/files';
import type { AuthUser } from '../common/auth-user';
import type { Page } from '../common/paging';
import { requireChanges } from '../common/validators';
import type { CreateDepartmentDto, DepartmentDto, DepartmentQueryDto, ImportResultDto, UpdateDepartmentDto } from './departments.dto';

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

  /** The office sees every department; a department user sees only their own. Searched and paged in SQL. */
  async list(actor: AuthUser, query: DepartmentQueryDto): Promise<Page<DepartmentDto>> {
    const qb = this.dataSource.getRepository(DepartmentEntity).createQueryBuilder('d');
    if (actor.role === Role.DepartmentUser) qb.andWhere('d.id = :own', { own: actor.departmentId ?? '00000000-0000-0000-0000-000000000000' });
    if (query.q) qb.andWhere(`(d.code ILIKE :q ESCAPE '\\' OR d.name ILIKE :q ESCAPE '\\')`, { q: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (query.kind) qb.andWhere('d.kind = :kind', { kind: query.kind });
    if (query.active) qb.andWhere('d.active = :active', { active: query.active === 'true' });
    const [items, total] = await qb.orderBy('d.code', 'ASC').take(query.limit ?? 100).skip(query.offset ?? 0).getManyAndCount();
    return { items: items.map(toDepartmentDto), total };
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
   * Bulk import from a CSV or XLSX file (headers 部门编码,部门名称,类别,是否启用 or code,name,kind,active)
   * or JSON rows. All or nothing: one bad row rejects the file with every bad row's number (as Excel
   * shows it: the header is row 1) and reason, and nothing is written. Existing departments (same
   * code) are updated; new ones created.
   */
  async import(actor: AuthUser, input: { csv?: string; xlsx?: Buffer; rows?: unknown }): Promise<ImportResultDto> {
    const { records, firstRow } =
      input.csv !== undefined ? { records: readCsv(input.csv), firstRow: 2 }
      : input.xlsx !== undefined ? await readXlsx(input.xlsx)
      : { records: readJsonRows(input.rows), firstRow: 1 };
    const { rows, errors } = parseDepartmentImport(records, firstRow);
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
const COLUMN_BY_HEADER = new Map<string, string>(DEPARTMENT_IMPORT_COLUMNS.flatMap((c) => [[c.key, c.key], [c.header, c.key]]));
const TEMPLATE_HEADER = DEPARTMENT_IMPORT_COLUMNS.map((c) => c.header);
const TEMPLATE_EXAMPLE = ['SCJGJ', '市场监督管理局', '行政机关', '是'];

/** Maps a file's header (Chinese or English) to the row fields; refuses a header missing a required column. */
function columnsOf(header: string[]): string[] {
  const columns = header.map((h) => COLUMN_BY_HEADER.get(h.trim()) ?? COLUMN_BY_HEADER.get(h.trim().toLowerCase()) ?? '');
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    const names = missing.map((c) => DEPARTMENT_IMPORT_COLUMNS.find((x) => x.key === c)!.header);
    throw new DomainError(ErrorCode.ImportRejected, `表头缺少列：${names.join('、')}。请下载导入模板，按模板的表头（${TEMPLATE_HEADER.join('、')}）填写`, [
      { field: 'header', code: 'IMPORT_COLUMNS_MISSING', message: `缺少列 ${names.join('、')}` },
    ]);
  }
  return columns;
}

/** The import template: the header row and one example row, as CSV (UTF-8 with BOM, for Excel) or XLSX. */
export async function departmentImportTemplate(format: 'csv' | 'xlsx'): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(`\uFEFF${TEMPLATE_HEADER.join(',')}\r\n${TEMPLATE_EXAMPLE.join(',')}\r\n`, 'utf8');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('部门');
  sheet.addRow(TEMPLATE_HEADER).font = { bold: true };
  sheet.addRow(TEMPLATE_EXAMPLE);
  sheet.columns.forEach((c, i) => (c.width = [14, 28, 20, 10][i]));
  const kinds = DEPARTMENT_KINDS.map((k) => DEPARTMENT_KIND_LABELS[k]).join(',');
  for (let r = 2; r <= 1000; r++) {
    sheet.getCell(r, 3).dataValidation = { type: 'list', allowBlank: false, formulae: [`"${kinds}"`], showErrorMessage: true, error: `类别须为 ${kinds} 之一` };
    sheet.getCell(r, 4).dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** XLSX: the first worksheet; its first non-empty row is the header. Rows keep their sheet numbers. */
async function readXlsx(file: Buffer): Promise<{ records: Record<string, unknown>[]; firstRow: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'department-import-'));
  try {
    await writeFile(join(dir, 'upload.xlsx'), file);
    let reader: Awaited<ReturnType<typeof openXlsx>>;
    try {
      reader = await openXlsx(join(dir, 'upload.xlsx'), { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' });
    } catch (err) {
      if (err instanceof XlsxArchiveError) throw new DomainError(ErrorCode.ImportRejected, err.message, [{ field: 'file', code: err.code, message: err.message }]);
      throw err;
    }
    const records: Record<string, unknown>[] = [];
    let columns: string[] | undefined;
    let firstRow = 2;
    try {
      for await (const sheet of reader) {
        for await (const r of sheet) {
          const values = Array.from(r.values as unknown[], (v) => cellText(v, ''));
          if (!columns) {
            if (values.every((v) => v.trim() === '')) continue;
            columns = columnsOf(values);
            firstRow = r.number + 1;
            continue;
          }
          // Rows keep their sheet numbers: a blank row in the middle still counts.
          while (firstRow + records.length < r.number) records.push({});
          records.push(Object.fromEntries(columns.flatMap((c, i) => (c ? [[c, values[i] ?? '']] : []))));
        }
        break; // the first worksheet only
      }
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new DomainError(ErrorCode.ImportRejected, 'XLSX 文件无法读取：请确认是有效的 Excel（.xlsx）文件，或下载导入模板重新填写', [
        { field: 'file', code: 'XLSX_MALFORMED', message: (err as Error).message ?? String(err) },
      ]);
    }
    if (!columns) columnsOf([]);
    return { records, firstRow };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** CSV: the first line is the header; a record's number is its line (blank lines count, as in Excel). */
function readCsv(text: string): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  try {
    const [header = []] = parse(text, { bom: true, to_line: 1 }) as string[][];
    const columns = columnsOf(header);
    const parsed = parse(text, { bom: true, from_line: 2, info: true, relax_column_count: true, skip_empty_lines: false, trim: true }) as unknown as { record: string[]; info: { lines: number } }[];
    for (const { record, info } of parsed) {
      while (records.length + 2 < info.lines) records.push({});
      records.push(Object.fromEntries(columns.flatMap((c, i) => (c ? [[c, record[i] ?? '']] : []))));
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    const line = (err as { lines?: number }).lines;
    throw new DomainError(ErrorCode.ImportRejected, `CSV 文件无法解析${line ? `（第 ${line} 行附近）` : ''}：请检查引号和分隔符`, [
      { field: 'file', code: 'CSV_MALFORMED', message: (err as Error).message },
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
