/**
 * Reading and writing one catalogue file (案卷目录) from CSV or XLSX, for the import job's activity.
 *
 * The stored file is read as a stream (never held whole): each row is checked with
 * `parseCaseFileRow` as it arrives, its department resolved, and the good rows are written with
 * `COPY … FROM STDIN`, all inside one transaction, in one of two ways:
 *   - first, optimistically, straight into `case_files` (a new catalogue, or new case numbers: the
 *     usual case, and as fast as a raw COPY, the rows checked while PostgreSQL writes them);
 *   - if a row's (department, case number) is already there or repeated in the file (a unique
 *     violation), that attempt is rolled back and the file read again into a temporary staging
 *     table, then merged with one `INSERT … SELECT … ON CONFLICT (department_id, case_number) DO
 *     UPDATE`, counting the files created, updated and left unchanged.
 * At the end: any error (a bad row, an unknown or foreign department, a case number repeated in
 * the file) → ROLLBACK and IMPORT_REJECTED listing every bad row (the first 1,000; the message
 * gives the total): ALL OR NOTHING, nothing is written. Else `finish` (the job's result and the
 * audit row), COMMIT. The staging table is `ON COMMIT DROP`: no half-written import.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { parse as csvParser } from 'csv-parse';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { DomainError, ErrorCode, MAX_LISTED_ERRORS, Role, parseCaseFileRow, type FieldError } from '@rol/domain';
import { DepartmentEntity } from '@rol/db';
import { XlsxArchiveError, cellText, openXlsx } from '@rol/files';

export type CaseFileImportFormat = 'csv' | 'xlsx';

export interface CaseFileImportResult {
  /** Data rows in the file (blank rows not counted). */
  total: number;
  /** New case files. */
  created: number;
  /** Existing case files (same department and case number) whose fields changed. */
  updated: number;
  /** Existing case files already identical to their row: left as they were. */
  unchanged: number;
}

const COLUMNS = ['department_code', 'case_number', 'case_type', 'title', 'decision_date', 'handling_officer', 'status'] as const;
const REQUIRED = COLUMNS.filter((c) => c !== 'department_code');
/** Chinese headers a spreadsheet may carry, read as the English column names. */
const HEADER_ALIASES: Record<string, string> = {
  部门编码: 'department_code',
  案卷号: 'case_number',
  案号: 'case_number',
  案卷类别: 'case_type',
  案件类别: 'case_type',
  案卷名称: 'title',
  标题: 'title',
  决定日期: 'decision_date',
  承办人: 'handling_officer',
  状态: 'status',
  案卷状态: 'status',
};
const BACKSLASH = /\\/g;

/** Who may write which department's rows, decided once before the file is read. */
interface DepartmentScope {
  /** The file must name each row's department (office import without ?departmentId). */
  codeColumnRequired: boolean;
  /** The department id for a row's department_code (maybe empty), or the reason it is refused. */
  resolve(code: string, row: number): string | FieldError;
}

/** What the job's activity watches while the file is read (the reader only increments it). */
export interface ImportProgress {
  bytesRead: number;
  /** Data rows read and checked. */
  rowsRead: number;
  /** Good rows written to the staging table (the catalogue itself is written at the end, in one statement). */
  rowsWritten: number;
}

/** Whose import it is: a department's own (its department), the office's for one department, or the office's for any. */
export interface ImportScope {
  role: Role;
  /** The department every row goes to; null: each row names its department (office only). */
  departmentId: string | null;
}

/** A refused file: not a row written. The details are the first errors in row order; the counts are of all of them. */
export class CatalogueRejected extends DomainError {
  constructor(
    message: string,
    details: FieldError[],
    readonly errorCount: number,
    readonly badRows: number | null,
  ) {
    super(ErrorCode.ImportRejected, message, details);
  }
}

export interface CatalogueImport {
  format: CaseFileImportFormat;
  /** Opens the file (twice when the first, direct attempt meets rows already in the catalogue). */
  open(): Promise<Readable>;
  scope: ImportScope;
  progress: ImportProgress;
  /** Every row is read and checked, none refused: the staged rows are being merged into the catalogue. */
  onMerging?: () => Promise<void>;
  /** Inside the import's transaction, after the write: record the result (the job, the audit row). Throwing rolls it all back. */
  finish(m: EntityManager, result: CaseFileImportResult, departments: number): Promise<void>;
}

/** How the rows reach `case_files`: COPY straight in (new case numbers only), or staged and merged. */
type Path = 'direct' | 'merge';

/** PostgreSQL's unique_violation: a (department, case number) the direct COPY met a second time. */
const UNIQUE_VIOLATION = '23505';

/**
 * Imports one file, all or nothing; resolves with the counts once committed, rejects with a
 * DomainError (CatalogueRejected for bad rows) when the file is refused, or with the fault.
 */
export async function importCatalogue(dataSource: DataSource, input: CatalogueImport): Promise<CaseFileImportResult & { path: Path; readMs: number; writeMs: number }> {
  const scope = await departmentScope(dataSource, input.scope);
  const spooled = input.format === 'xlsx' ? await spool(await input.open()) : undefined;
  try {
    const direct = await attempt(dataSource, input, scope, spooled?.path, 'direct').catch((err: unknown) => {
      if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
      return undefined; // a case number already in the catalogue (or twice in the file): read it again, staged
    });
    if (direct) return direct;
    Object.assign(input.progress, { bytesRead: 0, rowsRead: 0, rowsWritten: 0 });
    return await attempt(dataSource, input, scope, spooled?.path, 'merge');
  } finally {
    await spooled?.remove();
  }
}

async function attempt(
  dataSource: DataSource,
  input: CatalogueImport,
  scope: DepartmentScope,
  xlsxPath: string | undefined,
  path: Path,
): Promise<CaseFileImportResult & { path: Path; readMs: number; writeMs: number }> {
  const started = Date.now();
  const runner = dataSource.createQueryRunner();
  let staging: StagingWriter | undefined;
  try {
    const client = (await runner.connect()) as PoolClient;
    await runner.startTransaction();
    await runner.query(`SET LOCAL work_mem = '256MB'`);
    if (path === 'merge') {
      await runner.query(
        `CREATE TEMP TABLE case_file_import (
           row_no int NOT NULL, department_id uuid NOT NULL, case_number text NOT NULL, case_type text NOT NULL,
           title text NOT NULL, decision_date date NOT NULL, handling_officer text NOT NULL, status text NOT NULL
         ) ON COMMIT DROP`,
      );
    }
    staging = new StagingWriter(
      client.query(copyFrom(path === 'merge' ? 'COPY case_file_import FROM STDIN' : 'COPY case_files (department_id, case_number, case_type, title, decision_date, handling_officer, status) FROM STDIN')),
    );
    const checker = new RowChecker(scope, staging, input.progress, path === 'merge');
    if (xlsxPath) await readXlsx(xlsxPath, checker);
    else await readCsv(await input.open(), checker, input.progress);
    checker.finish();
    await staging.end();
    const readAt = Date.now();

    let counts: { created: number; updated: number } | undefined;
    if (path === 'direct') {
      if (checker.errorCount === 0) counts = { created: checker.total, updated: 0 };
    } else if (checker.errorCount === 0) {
      await input.onMerging?.();
      await runner.query('SAVEPOINT upsert');
      try {
        counts = await upsert(runner);
      } catch (err) {
        // 21000: "ON CONFLICT DO UPDATE command cannot affect row a second time", i.e. a case
        // number repeated in the file. Rare, so the happy path pays no duplicate check of its own.
        if ((err as { driverError?: { code?: string } }).driverError?.code !== '21000') throw err;
        await runner.query('ROLLBACK TO SAVEPOINT upsert');
      }
    }
    if (!counts) {
      const duplicates = path === 'merge' ? await duplicateRows(runner) : { errors: [], total: 0 };
      throw rejection(checker, duplicates);
    }
    const result: CaseFileImportResult = { total: checker.total, created: counts.created, updated: counts.updated, unchanged: checker.total - counts.created - counts.updated };
    await input.finish(runner.manager, result, checker.departments.size);
    await runner.commitTransaction();
    return { ...result, path, readMs: readAt - started, writeMs: Date.now() - readAt };
  } catch (err) {
    const refused = staging?.failure; // PostgreSQL's own refusal of the COPY (a unique violation), before our abort adds its own
    if (staging) await staging.abort(err);
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw refused ?? err;
  } finally {
    await runner.release();
  }
}

/** Who may write which department's rows (the API checked the job's scope when it accepted the file). */
async function departmentScope(dataSource: DataSource, { role, departmentId }: ImportScope): Promise<DepartmentScope> {
  const departments = dataSource.getRepository(DepartmentEntity);
  if (role === Role.DepartmentUser) {
    if (!departmentId) throw new Error('a department import without its department');
    const own = await departments.findOneByOrFail({ id: departmentId });
    return {
      codeColumnRequired: false,
      resolve: (code, row) =>
        code === '' || code === own.code
          ? own.id
          : { row, field: 'department_code', code: 'DEPARTMENT_FORBIDDEN', message: `第 ${row} 行：部门编码 ${code} 不是本部门（${own.code}），不能导入其他部门的案卷` },
    };
  }
  if (departmentId) {
    const one = await departments.findOneByOrFail({ id: departmentId });
    return {
      codeColumnRequired: false,
      resolve: (code, row) =>
        code === '' || code === one.code
          ? one.id
          : { row, field: 'department_code', code: 'DEPARTMENT_CODE_MISMATCH', message: `第 ${row} 行：部门编码 ${code} 与所选部门（${one.code}）不一致` },
    };
  }
  const byCode = new Map<string, string>();
  for (const d of await departments.find({ select: { id: true, code: true } })) byCode.set(d.code, d.id);
  return {
    codeColumnRequired: true,
    resolve: (code, row) => {
      if (code === '') return { row, field: 'department_code', code: 'DEPARTMENT_CODE_REQUIRED', message: `第 ${row} 行：部门编码必填（或以 ?departmentId= 指定导入的部门）` };
      return byCode.get(code) ?? { row, field: 'department_code', code: 'DEPARTMENT_UNKNOWN', message: `第 ${row} 行：部门编码 ${code} 不存在` };
    },
  };
}

/** Checks each row as it streams by; good rows go to the staging COPY, errors are counted and the first ones kept. */
class RowChecker {
  total = 0;
  errorCount = 0;
  badRows = 0;
  readonly errors: FieldError[] = [];
  readonly departments = new Set<string>();
  private columns: string[] | undefined;

  constructor(
    private readonly scope: DepartmentScope,
    private readonly staging: StagingWriter,
    private readonly progress: ImportProgress,
    /** Lines for the staging table (with the row number) rather than for `case_files`. */
    private readonly staged: boolean,
  ) {}

  get blocked(): boolean {
    return this.staging.blocked;
  }

  drain(): Promise<void> {
    return this.staging.drain();
  }

  /** Normalises the header (trim, lower case, Chinese aliases) and checks the needed columns are there. */
  header(raw: unknown[]): string[] {
    const columns = Array.from(raw, (h) => {
      const name = (typeof h === 'string' ? h : h == null ? '' : String(h)).replace(/^\uFEFF/, '').trim();
      return HEADER_ALIASES[name] ?? name.toLowerCase();
    });
    const missing = (this.scope.codeColumnRequired ? COLUMNS : REQUIRED).filter((c) => !columns.includes(c));
    if (missing.length > 0) {
      throw new DomainError(ErrorCode.ImportRejected, `导入文件表头缺少列：${missing.join(', ')}（应为 ${COLUMNS.join(',')}）`, [
        { field: 'header', code: 'COLUMNS_MISSING', message: `缺少列 ${missing.join(', ')}` },
      ]);
    }
    this.columns = columns;
    return columns;
  }

  row(row: number, record: Record<string, unknown>): void {
    if (isBlank(record)) return;
    this.total++;
    this.progress.rowsRead++;
    const parsed = parseCaseFileRow(record, row);
    const code = typeof record.department_code === 'string' ? record.department_code.trim() : '';
    const department = this.scope.resolve(code, row);
    if (!parsed.ok || typeof department !== 'string') {
      this.badRows++;
      if (!parsed.ok) this.fail(parsed.errors);
      if (typeof department !== 'string') this.fail([department]);
      return;
    }
    this.departments.add(department);
    this.progress.rowsWritten++;
    const v = parsed.value;
    const line = `${department}\t${copyText(v.caseNumber)}\t${v.caseType}\t${copyText(v.title)}\t${v.decisionDate}\t${copyText(v.handlingOfficer)}\t${v.status}\n`;
    this.staging.push(this.staged ? `${row}\t${line}` : line);
  }

  finish(): void {
    if (!this.columns) {
      throw new DomainError(ErrorCode.ImportRejected, '导入文件为空：没有表头', [{ field: 'header', code: 'COLUMNS_MISSING', message: `缺少表头 ${COLUMNS.join(',')}` }]);
    }
    if (this.total === 0 && this.errorCount === 0) {
      this.fail([{ field: 'rows', code: 'IMPORT_EMPTY', message: '导入文件没有数据行' }]);
    }
  }

  private fail(errors: FieldError[]): void {
    this.errorCount += errors.length;
    for (const e of errors) if (this.errors.length < MAX_LISTED_ERRORS) this.errors.push(e);
  }
}

function isBlank(record: Record<string, unknown>): boolean {
  if (record.case_number !== '' && record.case_number !== undefined && record.case_number !== null) return false;
  for (const key in record) {
    const v = record[key];
    if (v !== undefined && v !== null && (typeof v !== 'string' || v.trim() !== '')) return false;
  }
  return true;
}

/** COPY text format: the row checks refuse control characters, so only the backslash needs escaping. */
function copyText(value: string): string {
  return value.includes('\\') ? value.replace(BACKSLASH, '\\\\') : value;
}

/** Batches COPY lines into large chunks and honours the COPY stream's back-pressure. */
class StagingWriter {
  blocked = false;
  /** The COPY's error (e.g. a unique violation), once PostgreSQL has refused it. */
  failure: unknown;
  private buffer = '';

  constructor(private readonly copy: Writable) {
    copy.on('error', (err) => (this.failure ??= err));
  }

  push(line: string): void {
    if (this.failure) throw this.failure; // stop reading: the COPY is refused
    this.buffer += line;
    if (this.buffer.length >= 64 * 1024) this.flush();
  }

  async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.blocked) {
      await once(this.copy, 'drain');
      this.blocked = false;
    }
  }

  async end(): Promise<void> {
    this.flush();
    this.copy.end();
    await finished(this.copy);
  }

  /** Sends CopyFail (if the COPY is still open) so the connection can roll back. */
  async abort(reason: unknown): Promise<void> {
    if (this.copy.writableFinished || this.copy.destroyed) return;
    this.copy.destroy(reason instanceof Error ? reason : new Error(String(reason)));
    await finished(this.copy).catch(() => undefined);
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    if (!this.copy.write(this.buffer)) this.blocked = true;
    this.buffer = '';
  }
}

async function upsert(runner: QueryRunner): Promise<{ created: number; updated: number }> {
  const [row] = (await runner.query(
    `WITH up AS (
       INSERT INTO case_files (department_id, case_number, case_type, title, decision_date, handling_officer, status)
       SELECT department_id, case_number, case_type, title, decision_date, handling_officer, status FROM case_file_import
       ON CONFLICT (department_id, case_number) DO UPDATE SET
         case_type = excluded.case_type, title = excluded.title, decision_date = excluded.decision_date,
         handling_officer = excluded.handling_officer, status = excluded.status, updated_at = now()
       WHERE (case_files.case_type, case_files.title, case_files.decision_date, case_files.handling_officer, case_files.status)
             IS DISTINCT FROM (excluded.case_type, excluded.title, excluded.decision_date, excluded.handling_officer, excluded.status)
       RETURNING (xmax = 0) AS inserted
     )
     SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`,
  )) as { created: number; updated: number }[];
  return row;
}

/** Rows whose (department, case number) appeared on an earlier row of the file, the first ones and the total. */
async function duplicateRows(runner: QueryRunner): Promise<{ errors: FieldError[]; total: number }> {
  const rows = (await runner.query(
    `WITH d AS (
       SELECT department_id, case_number, min(row_no) AS first_row FROM case_file_import
        GROUP BY department_id, case_number HAVING count(*) > 1
     )
     SELECT s.row_no, s.case_number, d.first_row, count(*) OVER ()::int AS total
       FROM case_file_import s JOIN d USING (department_id, case_number)
      WHERE s.row_no <> d.first_row
      ORDER BY s.row_no LIMIT $1`,
    [MAX_LISTED_ERRORS],
  )) as { row_no: number; case_number: string; first_row: number; total: number }[];
  return {
    total: rows[0]?.total ?? 0,
    errors: rows.map((r) => ({
      row: r.row_no,
      field: 'case_number',
      code: 'CASE_NUMBER_DUPLICATED',
      message: `第 ${r.row_no} 行：案卷号 ${r.case_number} 与第 ${r.first_row} 行重复（同一部门案卷号不能重复）`,
    })),
  };
}

/** 400 IMPORT_REJECTED: the first errors in row order; the message says how many there are in all. */
function rejection(checker: RowChecker, duplicates: { errors: FieldError[]; total: number }): DomainError {
  const merged: FieldError[] = [];
  let i = 0;
  let j = 0;
  const a = checker.errors;
  const b = duplicates.errors;
  while (merged.length < MAX_LISTED_ERRORS && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && (a[i].row ?? 0) <= (b[j].row ?? 0))) merged.push(a[i++]);
    else merged.push(b[j++]);
  }
  const totalErrors = checker.errorCount + duplicates.total;
  const badRows = checker.badRows + duplicates.total;
  const listed = totalErrors > merged.length ? `；下列仅为前 ${merged.length} 处` : '';
  return new CatalogueRejected(`导入被拒绝：共 ${totalErrors} 处错误，涉及 ${badRows} 行，未写入任何数据${listed}`, merged, totalErrors, badRows);
}

/**
 * CSV: header row first; `row` is the row number as a spreadsheet shows the file (the header is
 * row 1, the first record row 2). Blank lines keep their number but are skipped.
 */
async function readCsv(source: Readable, checker: RowChecker, progress: ImportProgress): Promise<void> {
  const parser = csvParser({ bom: true, columns: (header: string[]) => checker.header(header), relax_column_count: true, relax_quotes: false });
  source.on('data', (chunk: Buffer) => (progress.bytesRead += chunk.length));
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  let row = 1; // the header
  try {
    for await (const record of parser as AsyncIterable<Record<string, unknown>>) {
      checker.row(++row, record);
      if (checker.blocked) await checker.drain();
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    const csv = err as { code?: string; lines?: number; message?: string };
    if (typeof csv.code === 'string' && csv.code.startsWith('CSV_')) {
      throw new DomainError(ErrorCode.ImportRejected, `CSV 文件无法解析${csv.lines ? `（第 ${csv.lines} 行附近）` : ''}：请检查引号和分隔符`, [
        { field: 'file', code: 'CSV_MALFORMED', message: csv.message ?? 'CSV 格式错误' },
      ]);
    }
    throw err;
  } finally {
    source.destroy();
  }
}

/** An XLSX is copied to a temporary file first (a zip is read from its end); `remove()` deletes it. */
async function spool(source: Readable): Promise<{ path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'case-file-import-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, 'upload.xlsx');
  try {
    await pipeline(source, createWriteStream(path));
    return { path, remove };
  } catch (err) {
    await remove();
    throw err;
  }
}

/** XLSX: the first worksheet; its first non-empty row is the header; `row` = sheet row − header row. */
async function readXlsx(path: string, checker: RowChecker): Promise<void> {
  let reader: Awaited<ReturnType<typeof openXlsx>>;
  try {
    reader = await openXlsx(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  } catch (err) {
    if (err instanceof XlsxArchiveError) throw new DomainError(ErrorCode.ImportRejected, err.message, [{ field: 'file', code: err.code, message: err.message }]);
    throw err;
  }
  let sheets = 0;
  let ours = false;
  try {
    for await (const sheet of reader) {
      if (sheets++ > 0) continue; // later sheets are skipped
      let columns: string[] | undefined;
      for await (const r of sheet) {
        const values = r.values as unknown[];
        if (!columns) {
          if (values.every((v) => cellText(v, '') === '')) continue;
          columns = checker.header(Array.from(values, (v) => cellText(v, '')));
          continue;
        }
        const record: Record<string, unknown> = {};
        for (let c = 1; c < columns.length; c++) if (columns[c]) record[columns[c]] = cellText(values[c], columns[c]);
        ours = true; // a failure from here on is the check's or the COPY's, not the file's
        checker.row(r.number, record); // the sheet's own row number, as Excel shows it
        if (checker.blocked) await checker.drain();
        ours = false;
      }
      if (!columns) checker.header([]);
    }
  } catch (err) {
    if (err instanceof DomainError || ours) throw err;
    throw new DomainError(ErrorCode.ImportRejected, 'XLSX 文件无法读取：请确认是有效的 Excel（.xlsx）文件', [
      { field: 'file', code: 'XLSX_MALFORMED', message: (err as Error).message ?? String(err) },
    ]);
  }
  if (sheets === 0) checker.header([]);
}
