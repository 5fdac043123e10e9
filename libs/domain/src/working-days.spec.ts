import { DomainError } from './errors';
import { OFFICIAL_CALENDARS, type OfficialCalendarYear } from './holidays';
import {
  CalendarYearMissingError,
  MAX_DEADLINE_AMOUNT,
  addWorkingDays,
  computeDeadline,
  endOfShanghaiDay,
  isWorkingDay,
  shanghaiDate,
  validateDeadlineSpec,
  workingDaysBetween,
} from './working-days';

const at = (iso: string) => Date.parse(iso);
const lastDay = (startIso: string, amount: number, unit: 'calendar_days' | 'working_days') => shanghaiDate(computeDeadline(at(startIso), { amount, unit }));
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
/** Every date from `from` to `to` inclusive. */
const span = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = at(`${from}T00:00:00Z`); t <= at(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};
const workingMap = (from: string, to: string) => Object.fromEntries(span(from, to).map((d) => [d, isWorkingDay(d)]));

describe('official calendar data', () => {
  it.each(Object.entries(OFFICIAL_CALENDARS))('%s: well-formed dates of its own year, make-up days on weekends only', (year, data) => {
    for (const date of [...data.holidays, ...data.makeUpWorkdays]) {
      expect(date).toMatch(new RegExp(`^${year}-\\d{2}-\\d{2}$`));
      expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
    }
    expect(new Set(data.holidays).size).toBe(data.holidays.length);
    expect([...data.holidays].sort()).toEqual(data.holidays);
    expect(data.makeUpWorkdays.filter((d) => data.holidays.includes(d))).toEqual([]);
    expect(data.makeUpWorkdays.map(weekday).every((w) => w === 0 || w === 6)).toBe(true);
    expect(data.source).toContain(`国务院办公厅关于${year}年部分节假日安排的通知`);
  });

  it('ships exactly the years whose notice was confirmed', () => {
    expect(Object.keys(OFFICIAL_CALENDARS)).toEqual(['2025', '2026']);
  });

  it.each([
    [2025, 28, 5],
    [2026, 33, 6],
  ])('%i: %i days off in holiday periods, %i make-up days; weekdays off minus make-up days = the 13 statutory holidays', (year, daysOff, makeUps) => {
    const data = OFFICIAL_CALENDARS[year];
    expect(data.holidays).toHaveLength(daysOff);
    expect(data.makeUpWorkdays).toHaveLength(makeUps);
    const weekdaysOff = data.holidays.filter((d) => weekday(d) !== 0 && weekday(d) !== 6).length;
    expect(weekdaysOff - data.makeUpWorkdays.length).toBe(13);
  });

  it('has each make-up day the notices announce', () => {
    expect(OFFICIAL_CALENDARS[2025].makeUpWorkdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(OFFICIAL_CALENDARS[2026].makeUpWorkdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });
});

describe('isWorkingDay', () => {
  it('knows the Spring Festival 2026 week (2/15–2/23 off, Saturdays 2/14 and 2/28 worked)', () => {
    expect(workingMap('2026-02-13', '2026-03-01')).toEqual({
      '2026-02-13': true, // Fri
      '2026-02-14': true, // Sat, make-up
      '2026-02-15': false, // Sun, 腊月二十八
      '2026-02-16': false,
      '2026-02-17': false, // 春节
      '2026-02-18': false,
      '2026-02-19': false,
      '2026-02-20': false,
      '2026-02-21': false,
      '2026-02-22': false,
      '2026-02-23': false, // Mon, 正月初七
      '2026-02-24': true,
      '2026-02-25': true,
      '2026-02-26': true,
      '2026-02-27': true,
      '2026-02-28': true, // Sat, make-up
      '2026-03-01': false, // ordinary Sunday
    });
  });

  it('knows National Day and Mid-Autumn 2025 (10/1–10/8 off, Sunday 9/28 and Saturday 10/11 worked)', () => {
    expect(workingMap('2025-09-26', '2025-10-12')).toEqual({
      '2025-09-26': true,
      '2025-09-27': false, // ordinary Saturday
      '2025-09-28': true, // Sun, make-up
      '2025-09-29': true,
      '2025-09-30': true,
      '2025-10-01': false,
      '2025-10-02': false,
      '2025-10-03': false,
      '2025-10-04': false,
      '2025-10-05': false,
      '2025-10-06': false,
      '2025-10-07': false,
      '2025-10-08': false,
      '2025-10-09': true,
      '2025-10-10': true,
      '2025-10-11': true, // Sat, make-up
      '2025-10-12': false,
    });
  });

  it('counts every make-up Saturday/Sunday as a working day and every other weekend day as off', () => {
    for (const data of Object.values(OFFICIAL_CALENDARS)) for (const d of data.makeUpWorkdays) expect(isWorkingDay(d)).toBe(true);
    for (const data of Object.values(OFFICIAL_CALENDARS)) for (const d of data.holidays) expect(isWorkingDay(d)).toBe(false);
    expect(isWorkingDay('2026-03-07')).toBe(false); // ordinary Saturday
    expect(isWorkingDay('2026-03-09')).toBe(true); // ordinary Monday
    // 2026: 365 days, 104 weekend days, 19 weekday holidays, 6 make-up days → 248 working days.
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(365 - 104 - 19 + 6);
    expect(workingDaysBetween('2024-12-31', '2025-12-31')).toBe(365 - 104 - 18 + 5);
  });

  it('reads a neighbouring year’s notice for days it announces across the year boundary', () => {
    const calendars: Record<number, OfficialCalendarYear> = {
      2030: { holidays: [], makeUpWorkdays: [], source: 'test' },
      2031: { holidays: ['2030-12-31', '2031-01-01'], makeUpWorkdays: ['2030-12-29'], source: 'test' },
    };
    expect(isWorkingDay('2030-12-31', calendars)).toBe(false); // a Tuesday, off per the 2031 notice
    expect(isWorkingDay('2030-12-29', calendars)).toBe(true); // a Sunday, worked per the 2031 notice
    expect(isWorkingDay('2031-01-02', calendars)).toBe(true);
  });

  it('refuses a malformed date', () => {
    for (const bad of ['2026-02-30', '2026-2-3', '20260203', '', '0099-01-01']) {
      expect(() => isWorkingDay(bad)).toThrow(DomainError);
    }
  });
});

describe('addWorkingDays', () => {
  it('steps over the Spring Festival 2026 and lands on make-up Saturdays', () => {
    expect(addWorkingDays('2026-02-12', 1)).toBe('2026-02-13');
    expect(addWorkingDays('2026-02-12', 2)).toBe('2026-02-14'); // make-up Saturday
    expect(addWorkingDays('2026-02-12', 3)).toBe('2026-02-24');
    expect(addWorkingDays('2026-02-12', 7)).toBe('2026-02-28'); // make-up Saturday
    expect(addWorkingDays('2026-02-12', 8)).toBe('2026-03-02');
  });

  it('counts make-up Sundays of 2025', () => {
    expect(addWorkingDays('2025-01-24', 1)).toBe('2025-01-26'); // Fri → make-up Sunday
    expect(addWorkingDays('2025-01-26', 2)).toBe('2025-02-05'); // Mon 1/27, then the festival to 2/4
    expect(addWorkingDays('2025-04-25', 1)).toBe('2025-04-27');
    expect(addWorkingDays('2025-09-26', 5)).toBe('2025-10-10'); // 9/28, 9/29, 9/30, 10/9, 10/10
  });

  it('with n = 0 gives the date itself if working, else the next working day', () => {
    expect(addWorkingDays('2026-03-09', 0)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-07', 0)).toBe('2026-03-09');
    expect(addWorkingDays('2025-10-01', 0)).toBe('2025-10-09');
    expect(addWorkingDays('2026-02-28', 0)).toBe('2026-02-28');
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays('2026-03-09', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-09', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-09', NaN)).toThrow(RangeError);
  });

  it('agrees with workingDaysBetween for every start day of 2025 and up to 30 working days', () => {
    const mismatches: string[] = [];
    for (const date of span('2025-01-01', '2025-12-31')) {
      for (let n = 1; n <= 30; n++) {
        const due = addWorkingDays(date, n);
        if (workingDaysBetween(date, due) !== n || !isWorkingDay(due)) mismatches.push(`${date}+${n}=${due}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('computeDeadline', () => {
  it('does not count the start day, and ends at 23:59:59.999 Asia/Shanghai of the last day', () => {
    const due = computeDeadline(at('2026-03-02T09:00:00+08:00'), { amount: 3, unit: 'working_days' });
    expect(new Date(due).toISOString()).toBe('2026-03-05T15:59:59.999Z');
    expect(lastDay('2026-03-02T09:00:00+08:00', 3, 'calendar_days')).toBe('2026-03-05');
  });

  it('counts working days across the Spring Festival 2026 and National Day 2025', () => {
    expect(lastDay('2026-02-11T10:00:00+08:00', 5, 'working_days')).toBe('2026-02-25'); // 2/12, 2/13, 2/14 (make-up), 2/24, 2/25
    expect(lastDay('2026-02-13T17:30:00+08:00', 10, 'working_days')).toBe('2026-03-05'); // 2/14, 2/24–2/28, 3/2–3/5
    expect(lastDay('2025-09-26T10:00:00+08:00', 5, 'working_days')).toBe('2025-10-10');
    expect(lastDay('2025-09-30T10:00:00+08:00', 1, 'working_days')).toBe('2025-10-09');
  });

  it('crosses the year boundary from late December 2025 over 元旦 2026', () => {
    // Tue 12/30: Wed 12/31, (1/1–1/3 off), Sun 1/4 (make-up), Mon 1/5.
    expect(lastDay('2025-12-30T10:00:00+08:00', 3, 'working_days')).toBe('2026-01-05');
    expect(lastDay('2025-12-24T10:00:00+08:00', 10, 'working_days')).toBe('2026-01-08'); // 12/25, 26, 29, 30, 31, 1/4–1/8
    expect(workingDaysBetween('2025-12-25', '2026-01-10')).toBe(10);
    // 2 calendar days from 12/30 end on 1/1 (元旦) → moved past 1/2–1/3 to the make-up Sunday 1/4.
    expect(lastDay('2025-12-30T10:00:00+08:00', 2, 'calendar_days')).toBe('2026-01-04');
    expect(lastDay('2025-12-30T10:00:00+08:00', 1, 'calendar_days')).toBe('2025-12-31');
  });

  it('moves a calendar-day deadline whose last day is a holiday or an ordinary weekend to the next working day', () => {
    const due = computeDeadline(at('2026-09-21T09:00:00+08:00'), { amount: 10, unit: 'calendar_days' }); // 10/1 国庆节
    expect(due).toBe(endOfShanghaiDay('2026-10-08'));
    expect(lastDay('2026-02-05T09:00:00+08:00', 10, 'calendar_days')).toBe('2026-02-24'); // 2/15 春节 → 2/24
    expect(lastDay('2026-03-02T09:00:00+08:00', 5, 'calendar_days')).toBe('2026-03-09'); // Sat 3/7 → Mon 3/9
    expect(lastDay('2026-02-24T09:00:00+08:00', 4, 'calendar_days')).toBe('2026-02-28'); // make-up Saturday: no shift
    expect(lastDay('2026-03-02T09:00:00+08:00', 0, 'calendar_days')).toBe('2026-03-02');
    expect(lastDay('2026-03-07T09:00:00+08:00', 0, 'working_days')).toBe('2026-03-09');
  });

  it('takes the start date in Asia/Shanghai, not UTC', () => {
    // 2026-03-02 15:59:59Z is still Monday 3/2 in Shanghai; 16:00Z is already Tuesday 3/3.
    expect(lastDay('2026-03-02T15:59:59Z', 1, 'working_days')).toBe('2026-03-03');
    expect(lastDay('2026-03-02T16:00:00Z', 1, 'working_days')).toBe('2026-03-04');
  });

  it('refuses an invalid spec with a VALIDATION_FAILED DomainError', () => {
    expect(() => computeDeadline(at('2026-03-02T09:00:00+08:00'), { amount: -1, unit: 'working_days' })).toThrow(DomainError);
    try {
      computeDeadline(at('2026-03-02T09:00:00+08:00'), { amount: 2, unit: 'weeks' as never });
      throw new Error('expected a DomainError');
    } catch (err) {
      expect(err).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'deadline.unit', code: 'DEADLINE_UNIT_INVALID' }] });
    }
    expect(() => computeDeadline(NaN, { amount: 1, unit: 'working_days' })).toThrow(RangeError);
  });

  it('is fast: 20,000 deadlines of up to 60 working days in well under a second', () => {
    const t0 = Date.now();
    const base = at('2025-01-01T09:00:00+08:00');
    for (let i = 0; i < 20_000; i++) computeDeadline(base + (i % 600) * 86_400_000, { amount: i % 61, unit: i % 2 ? 'working_days' : 'calendar_days' });
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe('a year without data', () => {
  it('throws CalendarYearMissingError with code CALENDAR_YEAR_MISSING and a Chinese message', () => {
    let caught: unknown;
    try {
      isWorkingDay('2027-01-04');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CalendarYearMissingError);
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toMatchObject({ code: 'CALENDAR_YEAR_MISSING', year: 2027, message: '缺少 2027 年的节假日安排数据，无法计算工作日期限：待国务院公布后由监督科录入 2027 年节假日安排，或改用自然日期限' });
  });

  it('is refused whenever a computation reaches it, never guessed', () => {
    expect(() => isWorkingDay('2024-12-31')).toThrow(CalendarYearMissingError);
    expect(() => computeDeadline(at('2024-06-03T09:00:00+08:00'), { amount: 5, unit: 'working_days' })).toThrow(CalendarYearMissingError);
    // Counting from late December 2026 runs into 2027, which has no data yet.
    expect(lastDay('2026-12-24T09:00:00+08:00', 4, 'working_days')).toBe('2026-12-30');
    expect(() => computeDeadline(at('2026-12-24T09:00:00+08:00'), { amount: 10, unit: 'working_days' })).toThrow(CalendarYearMissingError);
    expect(() => computeDeadline(at('2026-12-24T09:00:00+08:00'), { amount: 10, unit: 'calendar_days' })).toThrow(CalendarYearMissingError);
    expect(() => workingDaysBetween('2026-12-01', '2027-01-10')).toThrow(CalendarYearMissingError);
  });
});

describe('shanghaiDate / endOfShanghaiDay', () => {
  it('switches date at 16:00Z', () => {
    expect(shanghaiDate(at('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(shanghaiDate(at('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02');
    expect(shanghaiDate(at('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
    expect(shanghaiDate(at('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
  });

  it('ends a day at 23:59:59.999 +08:00', () => {
    expect(new Date(endOfShanghaiDay('2026-03-02')).toISOString()).toBe('2026-03-02T15:59:59.999Z');
    expect(endOfShanghaiDay('2026-01-01')).toBe(at('2026-01-01T23:59:59.999+08:00'));
    expect(shanghaiDate(endOfShanghaiDay('2026-01-01'))).toBe('2026-01-01');
    expect(shanghaiDate(endOfShanghaiDay('2026-01-01') + 1)).toBe('2026-01-02');
    expect(() => endOfShanghaiDay('2026-13-01')).toThrow(DomainError);
  });
});

describe('workingDaysBetween', () => {
  it('counts (from, to] and is 0 for an empty or reversed range', () => {
    expect(workingDaysBetween('2026-02-12', '2026-02-28')).toBe(7); // 2/13, 2/14, 2/24–2/28
    expect(workingDaysBetween('2026-03-06', '2026-03-09')).toBe(1);
    expect(workingDaysBetween('2026-03-09', '2026-03-09')).toBe(0);
    expect(workingDaysBetween('2026-03-10', '2026-03-09')).toBe(0);
  });
});

describe('validateDeadlineSpec', () => {
  it('accepts whole days ≥ 0 in either unit', () => {
    expect(validateDeadlineSpec({ amount: 10, unit: 'working_days' }, 'deadline')).toEqual([]);
    expect(validateDeadlineSpec({ amount: 0, unit: 'calendar_days' }, 'deadline')).toEqual([]);
    expect(validateDeadlineSpec({ amount: MAX_DEADLINE_AMOUNT, unit: 'calendar_days' }, 'deadline')).toEqual([]);
  });

  it.each([[-1], [1.5], ['5'], [NaN], [Infinity], [MAX_DEADLINE_AMOUNT + 1], [undefined]])('refuses amount %p', (amount) => {
    expect(validateDeadlineSpec({ amount, unit: 'working_days' }, 'rules.deadline')).toEqual([
      { field: 'rules.deadline.amount', code: 'DEADLINE_AMOUNT_INVALID', message: expect.stringContaining('整数') },
    ]);
  });

  it('refuses an unknown unit, with a Chinese message', () => {
    expect(validateDeadlineSpec({ amount: 5, unit: 'weeks' }, 'deadline')).toEqual([
      { field: 'deadline.unit', code: 'DEADLINE_UNIT_INVALID', message: 'deadline.unit 期限单位须为 calendar_days（自然日）或 working_days（工作日）' },
    ]);
  });

  it.each([[null], [undefined], ['10 working days'], [[10, 'working_days']], [{}]])('refuses %p with both codes', (spec) => {
    expect(validateDeadlineSpec(spec, 'deadline').map((e) => e.code)).toEqual(['DEADLINE_AMOUNT_INVALID', 'DEADLINE_UNIT_INVALID']);
  });
});
