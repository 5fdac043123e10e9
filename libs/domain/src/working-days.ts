import { validationFailed, type FieldError } from './errors';
import { OFFICIAL_CALENDARS, type OfficialCalendarYear } from './holidays';

/**
 * 期限: the one module through which every deadline in the product is computed.
 *
 * Times are Asia/Shanghai: UTC+8, no daylight saving since 1991, so plain fixed-offset arithmetic is
 * exact and deterministic (safe inside Temporal workflows). Dates are 'YYYY-MM-DD' strings; inside,
 * a date is a day number (days since 1970-01-01).
 *
 * Working days (工作日) follow the State Council's calendar kept as data in holidays.ts: Monday to
 * Friday unless a holiday, Saturday and Sunday only when announced as a make-up working day (调休上班).
 */
export type DeadlineUnit = 'calendar_days' | 'working_days';
export interface DeadlineSpec {
  /** Whole days, ≥ 0. */
  amount: number;
  unit: DeadlineUnit;
}

/** The official calendars, by year (OFFICIAL_CALENDARS unless a test passes its own). */
export type OfficialCalendars = Readonly<Record<number, OfficialCalendarYear>>;

export const SHANGHAI_OFFSET_MS = 8 * 3600_000;
/** The largest deadline amount accepted (about ten years of calendar days). */
export const MAX_DEADLINE_AMOUNT = 3650;
const DAY = 86_400_000;

/** No holiday data for a year that a computation needs: a clear error, never a guess. */
export class CalendarYearMissingError extends Error {
  readonly code = 'CALENDAR_YEAR_MISSING';
  constructor(readonly year: number) {
    super(`缺少 ${year} 年的节假日安排数据，无法计算工作日期限：待国务院公布后由监督科录入 ${year} 年节假日安排，或改用自然日期限`);
    this.name = 'CalendarYearMissingError';
  }
}

// ---- dates as day numbers ------------------------------------------------------------------

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a 'YYYY-MM-DD' date, or NaN if it is not a real date. */
function tryDayNumber(date: unknown): number {
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t / DAY : NaN;
}

function dayNumber(date: string): number {
  const n = tryDayNumber(date);
  if (Number.isNaN(n)) {
    throw validationFailed([{ field: 'date', code: 'DATE_INVALID', message: `日期 ${String(date)} 无效，须为 YYYY-MM-DD 格式的有效日期` }]);
  }
  return n;
}

function formatDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function endOfDay(day: number): number {
  return (day + 1) * DAY - SHANGHAI_OFFSET_MS - 1;
}

function shanghaiDay(ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError(`不是有效的时间：${ms}`);
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY);
}

/** The Asia/Shanghai date ('YYYY-MM-DD') of an instant. */
export function shanghaiDate(ms: number): string {
  return formatDay(shanghaiDay(ms));
}

/** The end (23:59:59.999 +08:00) of a date in Asia/Shanghai, as epoch ms. */
export function endOfShanghaiDay(date: string): number {
  return endOfDay(dayNumber(date));
}

// ---- per-year tables (memoized) ------------------------------------------------------------

interface YearTable {
  /** Day number of 1 January. */
  start: number;
  /** 1 = working day, 0 = day off; index = day of the year (0-based). */
  working: Uint8Array;
  /** The data the table was built from (the year and its neighbours), to notice replaced entries. */
  from: readonly (OfficialCalendarYear | undefined)[];
}

const tables = new WeakMap<OfficialCalendars, Map<number, YearTable>>();

function yearTable(year: number, calendars: OfficialCalendars): YearTable {
  const own = calendars[year];
  if (!own) throw new CalendarYearMissingError(year);
  // A notice may announce days of the neighbouring year (元旦 spanning 31 December), so the
  // neighbours' entries are read too; a date is covered only when its own year has data.
  const from = [calendars[year - 1], own, calendars[year + 1]];
  let byYear = tables.get(calendars);
  if (!byYear) tables.set(calendars, (byYear = new Map()));
  const cached = byYear.get(year);
  if (cached && cached.from.every((data, i) => data === from[i])) return cached;

  const start = Date.UTC(year, 0, 1) / DAY;
  const working = new Uint8Array(Date.UTC(year + 1, 0, 1) / DAY - start);
  for (let i = 0; i < working.length; i++) {
    const weekday = (((start + i + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday, 6 = Saturday
    working[i] = weekday === 0 || weekday === 6 ? 0 : 1;
  }
  const mark = (dates: readonly string[], value: 0 | 1) => {
    for (const date of dates) {
      const day = tryDayNumber(date);
      if (Number.isNaN(day)) throw new Error(`节假日安排数据中的日期无效：${String(date)}`);
      if (day >= start && day < start + working.length) working[day - start] = value;
    }
  };
  for (const data of from) if (data) mark(data.holidays, 0);
  for (const data of from) if (data) mark(data.makeUpWorkdays, 1);

  const table = { start, working, from };
  byYear.set(year, table);
  return table;
}

function tableFor(day: number, calendars: OfficialCalendars): YearTable {
  return yearTable(new Date(day * DAY).getUTCFullYear(), calendars);
}

/** Walks forward from `day` (exclusive) to the n-th working day (n ≥ 1), or for n = 0 to `day` itself if working, else the next working day. */
function nthWorkingDay(day: number, n: number, calendars: OfficialCalendars): number {
  let t = tableFor(day, calendars);
  let left = n;
  if (n === 0) {
    if (t.working[day - t.start]) return day;
    left = 1;
  }
  for (;;) {
    day++;
    if (day >= t.start + t.working.length) t = tableFor(day, calendars);
    if (t.working[day - t.start] && --left === 0) return day;
  }
}

// ---- the API -------------------------------------------------------------------------------

/** Monday–Friday unless a public holiday; Saturday/Sunday only when a make-up working day (调休上班). Throws CalendarYearMissingError for a year without data. */
export function isWorkingDay(date: string, calendars: OfficialCalendars = OFFICIAL_CALENDARS): boolean {
  const day = dayNumber(date);
  const t = tableFor(day, calendars);
  return t.working[day - t.start] === 1;
}

/** The n-th working day after `date` (n ≥ 1); n = 0 gives `date` itself if it is a working day, else the next working day. */
export function addWorkingDays(date: string, n: number, calendars: OfficialCalendars = OFFICIAL_CALENDARS): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`工作日数须为不小于 0 的整数：${n}`);
  return formatDay(nthWorkingDay(dayNumber(date), n, calendars));
}

/**
 * The deadline `spec` after the instant `startMs`, as epoch ms of 23:59:59.999 Asia/Shanghai of its
 * last day. The start day itself is not counted (期间开始之日不计算在内).
 *  - calendar_days: the last day is start date + amount; if that day is a public holiday or a weekend
 *    that is not a make-up working day, the period ends on the next working day
 *    (期间届满的最后一日是节假日的，以节假日后的第一日为期间届满的日期).
 *  - working_days: the last day is the amount-th working day after the start date
 *    (amount 0: the start date if it is a working day, else the next one).
 * Throws a VALIDATION_FAILED DomainError for an invalid spec, CalendarYearMissingError when a year
 * it needs has no data.
 */
export function computeDeadline(startMs: number, spec: DeadlineSpec, calendars: OfficialCalendars = OFFICIAL_CALENDARS): number {
  const errors = validateDeadlineSpec(spec, 'deadline');
  if (errors.length > 0) throw validationFailed(errors, '期限设置无效');
  const start = shanghaiDay(startMs);
  const last = spec.unit === 'working_days' ? nthWorkingDay(start, spec.amount, calendars) : nthWorkingDay(start + spec.amount, 0, calendars);
  return endOfDay(last);
}

/** The number of working days in (fromDate, toDate] — 0 when toDate is not after fromDate. For reports. */
export function workingDaysBetween(fromDate: string, toDate: string, calendars: OfficialCalendars = OFFICIAL_CALENDARS): number {
  const from = dayNumber(fromDate);
  const to = dayNumber(toDate);
  let count = 0;
  for (let day = from + 1; day <= to; ) {
    const t = tableFor(day, calendars);
    const end = Math.min(to + 1, t.start + t.working.length);
    for (; day < end; day++) count += t.working[day - t.start];
  }
  return count;
}

/** Checks a deadline spec from a request or a rule set: { amount: integer 0–3650, unit: calendar_days | working_days }. */
export function validateDeadlineSpec(spec: unknown, field: string): FieldError[] {
  const s = typeof spec === 'object' && spec !== null && !Array.isArray(spec) ? (spec as Record<string, unknown>) : {};
  const errors: FieldError[] = [];
  const amount = s.amount;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0 || amount > MAX_DEADLINE_AMOUNT) {
    errors.push({ field: `${field}.amount`, code: 'DEADLINE_AMOUNT_INVALID', message: `${field}.amount 期限天数须为 0 至 ${MAX_DEADLINE_AMOUNT} 之间的整数` });
  }
  if (s.unit !== 'calendar_days' && s.unit !== 'working_days') {
    errors.push({ field: `${field}.unit`, code: 'DEADLINE_UNIT_INVALID', message: `${field}.unit 期限单位须为 calendar_days（自然日）或 working_days（工作日）` });
  }
  return errors;
}
