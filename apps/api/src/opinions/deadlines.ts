import { CalendarYearMissingError, DomainError, ErrorCode, computeDeadline, endOfShanghaiDay, validationFailed, type OfficialCalendars, type Period } from '@rol/domain';

export interface ItemDeadline {
  amount?: number;
  unit?: 'calendar_days' | 'working_days';
  date?: string;
}

/** Checks an item deadline's shape: a date, or an amount with its unit, not both. */
export function checkItemDeadline(d: ItemDeadline, field: string): void {
  const hasPeriod = d.amount !== undefined || d.unit !== undefined;
  if ((d.date === undefined) === !hasPeriod || (hasPeriod && (d.amount === undefined || d.unit === undefined))) {
    throw validationFailed([{ field, code: 'DEADLINE_INVALID', message: `${field} 须为 {date} 或 {amount, unit}（二选一）` }]);
  }
}

/** The absolute deadline (epoch ms): every deadline goes through the one calendar module. */
export function resolveDeadline(startMs: number, d: ItemDeadline | null | undefined, fallback: Period, calendars: OfficialCalendars): number {
  try {
    if (d?.date) return endOfShanghaiDay(d.date);
    const period: Period = d?.amount !== undefined && d.unit ? { amount: d.amount, unit: d.unit } : fallback;
    return computeDeadline(startMs, period, calendars);
  } catch (err) {
    if (err instanceof CalendarYearMissingError) throw new DomainError(ErrorCode.CalendarYearMissing, (err as Error).message);
    throw err;
  }
}

/** The ladder's moments, with a missing calendar year answered as a clear error. */
export function schedule<T>(compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (err instanceof CalendarYearMissingError) throw new DomainError(ErrorCode.CalendarYearMissing, (err as Error).message);
    throw err;
  }
}
