import type { FieldError } from './errors';
import { textProblem } from './text';

/** 执法部门的类别. */
export const DepartmentKind = {
  Bureau: 'bureau', // 政府工作部门
  Township: 'township', // 乡镇人民政府 / 街道办事处
  Authorized: 'authorized', // 法律法规授权组织
  Entrusted: 'entrusted', // 受委托组织
  Other: 'other',
} as const;
export type DepartmentKind = (typeof DepartmentKind)[keyof typeof DepartmentKind];
export const DEPARTMENT_KINDS: readonly DepartmentKind[] = Object.values(DepartmentKind);

export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = {
  bureau: '行政机关',
  township: '乡镇（街道）',
  authorized: '法律法规授权组织',
  entrusted: '受委托组织',
  other: '其他',
};

const KIND_BY_WORD = new Map<string, DepartmentKind>([
  ...DEPARTMENT_KINDS.map((k) => [k, k] as const),
  ...DEPARTMENT_KINDS.map((k) => [DEPARTMENT_KIND_LABELS[k], k] as const),
  ['乡镇(街道)', DepartmentKind.Township],
  ['乡镇', DepartmentKind.Township],
  ['街道', DepartmentKind.Township],
  ['政府工作部门', DepartmentKind.Bureau],
]);

/** Reads a department category given as its code (bureau…) or its Chinese label (行政机关…). */
export function parseDepartmentKind(value: unknown): DepartmentKind | undefined {
  return typeof value === 'string' ? KIND_BY_WORD.get(value.trim().toLowerCase()) ?? KIND_BY_WORD.get(value.trim()) : undefined;
}

/** The columns of a department import file, in the template's order: Chinese headers, English ones accepted. */
export const DEPARTMENT_IMPORT_COLUMNS = [
  { key: 'code', header: '部门编码' },
  { key: 'name', header: '部门名称' },
  { key: 'kind', header: '类别' },
  { key: 'active', header: '是否启用' },
] as const;

export const DEPARTMENT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
export const DEPARTMENT_NAME_MAX = 100;

export interface DepartmentRow {
  code: string;
  name: string;
  kind: DepartmentKind;
  active: boolean;
}

const TRUE_WORDS = ['true', '1', 'yes', 'y', '是', '启用'];
const FALSE_WORDS = ['false', '0', 'no', 'n', '否', '停用'];

/** Reads a boolean from JSON (true/false) or from CSV text (true/false, 1/0, 是/否). */
export function parseActive(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === undefined || value === null || value === '') return true; // omitted: active
  const word = String(value).trim().toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  return undefined;
}

/**
 * Checks one row of a department import. `row` is the row's number as the user sees it (in a
 * CSV or XLSX file, as Excel numbers it: the header is row 1). Returns the parsed row or every reason it is refused.
 */
export function parseDepartmentRow(
  input: Record<string, unknown>,
  row: number,
): { ok: true; value: DepartmentRow } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const code = typeof input.code === 'string' ? input.code.trim() : '';
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  const kind = parseDepartmentKind(input.kind);
  const active = parseActive(input.active);

  if (!DEPARTMENT_CODE_PATTERN.test(code)) {
    errors.push({
      row,
      field: 'code',
      code: 'DEPARTMENT_CODE_INVALID',
      message: `第 ${row} 行：部门编码必填，须为 1–32 位字母、数字、下划线或连字符`,
    });
  }
  if (name.length === 0 || name.length > DEPARTMENT_NAME_MAX || textProblem(name, true)) {
    errors.push({
      row,
      field: 'name',
      code: 'DEPARTMENT_NAME_INVALID',
      message: `第 ${row} 行：部门名称必填，不超过 ${DEPARTMENT_NAME_MAX} 个字符，且不能含换行等不可见字符`,
    });
  }
  if (!kind) {
    errors.push({
      row,
      field: 'kind',
      code: 'DEPARTMENT_KIND_INVALID',
      message: `第 ${row} 行：类别须为 ${DEPARTMENT_KINDS.map((k) => DEPARTMENT_KIND_LABELS[k]).join('、')} 之一（或其英文代码 ${DEPARTMENT_KINDS.join(' / ')}）`,
    });
  }
  if (active === undefined) {
    errors.push({
      row,
      field: 'active',
      code: 'DEPARTMENT_ACTIVE_INVALID',
      message: `第 ${row} 行：是否启用须为 true/false（或 是/否、1/0）`,
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { code, name, kind: kind as DepartmentKind, active: active as boolean } };
}

/**
 * Checks a whole import: every row, plus codes repeated inside the file.
 * All or nothing: the caller writes the rows only when `errors` is empty.
 */
export function parseDepartmentImport(rows: Record<string, unknown>[], firstRow = 2): {
  rows: DepartmentRow[];
  errors: FieldError[];
} {
  const parsed: DepartmentRow[] = [];
  const errors: FieldError[] = [];
  const firstRowOfCode = new Map<string, number>();
  rows.forEach((input, index) => {
    const row = index + firstRow;
    if (Object.values(input).every((v) => v === undefined || v === null || String(v).trim() === '')) return; // a blank line
    const result = parseDepartmentRow(input, row);
    if (!result.ok) {
      errors.push(...result.errors);
      return;
    }
    const earlier = firstRowOfCode.get(result.value.code);
    if (earlier !== undefined) {
      errors.push({
        row,
        field: 'code',
        code: 'DEPARTMENT_CODE_DUPLICATED',
        message: `第 ${row} 行：部门编码 ${result.value.code} 与第 ${earlier} 行重复`,
      });
      return;
    }
    firstRowOfCode.set(result.value.code, row);
    parsed.push(result.value);
  });
  if (parsed.length === 0 && errors.length === 0) {
    errors.push({ field: 'rows', code: 'IMPORT_EMPTY', message: '导入文件没有数据行' });
  }
  return { rows: parsed, errors };
}
