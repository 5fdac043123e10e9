import type { FieldError } from './errors';
import { hasControlChar } from './text';

/** 案卷类别. */
export const CaseType = {
  Penalty: 'penalty', // 行政处罚
  License: 'license', // 行政许可
  Coercion: 'coercion', // 行政强制
  Inspection: 'inspection', // 行政检查
  Other: 'other', // 其他
} as const;
export type CaseType = (typeof CaseType)[keyof typeof CaseType];
export const CASE_TYPES: readonly CaseType[] = Object.values(CaseType);
export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  penalty: '行政处罚',
  license: '行政许可',
  coercion: '行政强制',
  inspection: '行政检查',
  other: '其他',
};

/** 案卷状态. */
export const CaseFileStatus = {
  Concluded: 'concluded', // 已办结
  InProgress: 'in_progress', // 在办
} as const;
export type CaseFileStatus = (typeof CaseFileStatus)[keyof typeof CaseFileStatus];
export const CASE_FILE_STATUSES: readonly CaseFileStatus[] = Object.values(CaseFileStatus);

export const CASE_NUMBER_MAX = 64;
export const CASE_TITLE_MAX = 300;
export const HANDLING_OFFICER_MAX = 100;
export const CASE_FILE_STATUS_LABELS: Record<CaseFileStatus, string> = {
  concluded: '已办结',
  in_progress: '在办',
};

/** One row of the case-file catalogue (案卷目录), checked and normalised. */
export interface CaseFileRow {
  /** The department's code, when the row names one (the import's department_code column). */
  departmentCode?: string;
  caseNumber: string;
  caseType: CaseType;
  title: string;
  /** A real calendar date, YYYY-MM-DD. */
  decisionDate: string;
  handlingOfficer: string;
  status: CaseFileStatus;
}

// Built once: each row is a map lookup, never a regex compiled per row.
const CASE_TYPE_WORDS: ReadonlyMap<string, CaseType> = new Map<string, CaseType>([
  ...CASE_TYPES.map((t) => [t, t] as const),
  ...CASE_TYPES.map((t) => [CASE_TYPE_LABELS[t], t] as const),
  ['处罚', CaseType.Penalty],
  ['许可', CaseType.License],
  ['强制', CaseType.Coercion],
  ['检查', CaseType.Inspection],
]);
const STATUS_WORDS: ReadonlyMap<string, CaseFileStatus> = new Map<string, CaseFileStatus>([
  ...CASE_FILE_STATUSES.map((s) => [s, s] as const),
  ...CASE_FILE_STATUSES.map((s) => [CASE_FILE_STATUS_LABELS[s], s] as const),
  ['办结', CaseFileStatus.Concluded],
  ['已结案', CaseFileStatus.Concluded],
  ['in-progress', CaseFileStatus.InProgress],
  ['办理中', CaseFileStatus.InProgress],
]);
const CASE_TYPE_CHOICES = CASE_TYPES.map((t) => `${CASE_TYPE_LABELS[t]}（${t}）`).join('、');

/** Reads a case type given as its code (penalty…) or its Chinese label (行政处罚…). */
export function parseCaseType(value: unknown): CaseType | undefined {
  const word = text(value);
  return CASE_TYPE_WORDS.get(word) ?? CASE_TYPE_WORDS.get(word.toLowerCase());
}

/** Reads a status given as its code (concluded, in_progress) or its Chinese label (已办结, 在办). */
export function parseCaseFileStatus(value: unknown): CaseFileStatus | undefined {
  const word = text(value);
  return STATUS_WORDS.get(word) ?? STATUS_WORDS.get(word.toLowerCase());
}

/**
 * Reads a calendar date written YYYY-MM-DD (also YYYY/MM/DD, and one-digit month or day) and
 * returns it as YYYY-MM-DD, or undefined when it is not a real date between 1900 and 2100.
 * Character arithmetic only: no Date object, no regex, no time zone.
 */
export function parseCalendarDate(value: unknown): string | undefined {
  const s = text(value);
  const n = s.length;
  if (n < 8 || n > 10) return undefined;
  const sep = s.charCodeAt(4);
  if (sep !== 45 /* - */ && sep !== 47 /* / */) return undefined;
  const year = digits(s, 0, 4);
  let i = 5;
  let month = 0;
  const monthStart = i;
  while (i < n && s.charCodeAt(i) !== sep) month = month * 10 + digit(s.charCodeAt(i++));
  const monthLength = i - monthStart;
  if (i >= n || monthLength < 1 || monthLength > 2) return undefined;
  i++;
  const dayLength = n - i;
  if (dayLength < 1 || dayLength > 2) return undefined;
  const day = digits(s, i, n);
  if (!(year >= 1900 && year <= 2100) || !(month >= 1 && month <= 12) || !(day >= 1 && day <= daysInMonth(year, month))) return undefined;
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/**
 * Checks one row of the case-file catalogue: from the import (columns department_code,
 * case_number, case_type, title, decision_date, handling_officer, status; camelCase keys are
 * read too). `row` is the row number as the spreadsheet shows it (the header is row 1). Returns the
 * normalised row or every reason it is refused; `field` names the import column.
 * Whether the department exists or may be written by the caller is for the caller to check.
 */
export function parseCaseFileRow(
  input: Record<string, unknown>,
  row: number,
): { ok: true; value: CaseFileRow } | { ok: false; errors: FieldError[] } {
  let errors: FieldError[] | undefined;
  const fail = (field: string, code: string, reason: string) => {
    (errors ??= []).push({ row, field, code, message: `第 ${row} 行：${reason}` });
  };

  const departmentCode = text(input.department_code ?? input.departmentCode);
  const caseNumber = text(input.case_number ?? input.caseNumber);
  const title = text(input.title);
  const handlingOfficer = text(input.handling_officer ?? input.handlingOfficer);
  const caseType = parseCaseType(input.case_type ?? input.caseType);
  const decisionDate = parseCalendarDate(input.decision_date ?? input.decisionDate);
  const status = parseCaseFileStatus(input.status);

  if (departmentCode.length > 0 && hasControlChar(departmentCode)) {
    fail('department_code', 'DEPARTMENT_CODE_INVALID', '部门编码含有不可见字符');
  }
  if (caseNumber.length === 0 || caseNumber.length > CASE_NUMBER_MAX || hasControlChar(caseNumber)) {
    fail('case_number', 'CASE_NUMBER_INVALID', `案卷号必填，不超过 ${CASE_NUMBER_MAX} 个字符，且不能含换行等不可见字符`);
  }
  if (caseType === undefined) {
    fail('case_type', 'CASE_TYPE_INVALID', `案卷类别须为 ${CASE_TYPE_CHOICES} 之一`);
  }
  if (title.length === 0 || title.length > CASE_TITLE_MAX || hasControlChar(title)) {
    fail('title', 'CASE_TITLE_INVALID', `案卷名称必填，不超过 ${CASE_TITLE_MAX} 个字符，且不能含换行等不可见字符`);
  }
  if (decisionDate === undefined) {
    fail('decision_date', 'DECISION_DATE_INVALID', '决定日期须为真实存在的日期，格式 YYYY-MM-DD（如 2025-03-31）');
  }
  if (handlingOfficer.length === 0 || handlingOfficer.length > HANDLING_OFFICER_MAX || hasControlChar(handlingOfficer)) {
    fail('handling_officer', 'HANDLING_OFFICER_INVALID', `承办人必填，不超过 ${HANDLING_OFFICER_MAX} 个字符`);
  }
  if (status === undefined) {
    fail('status', 'CASE_STATUS_INVALID', '案卷状态须为 已办结（concluded）或 在办（in_progress）');
  }
  if (errors) return { ok: false, errors };
  const value: CaseFileRow = {
    caseNumber,
    caseType: caseType as CaseType,
    title,
    decisionDate: decisionDate as string,
    handlingOfficer,
    status: status as CaseFileStatus,
  };
  if (departmentCode.length > 0) value.departmentCode = departmentCode;
  return { ok: true, value };
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}


function digit(code: number): number {
  const d = code - 48;
  return d >= 0 && d <= 9 ? d : NaN;
}

function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + digit(s.charCodeAt(i));
  return v;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
