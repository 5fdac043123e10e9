/**
 * The official calendar of the State Council (国务院办公厅关于部分节假日安排的通知), one entry per
 * year, as data:
 *  - `holidays`: every day off of each holiday period, weekends inside the period included
 *    (the whole span "X月X日至X月X日放假调休" as the notice states it);
 *  - `makeUpWorkdays`: the Saturdays and Sundays announced as working days (调休上班 / 补班);
 *  - `source`: the notice the dates were copied from.
 *
 * A year missing here makes every working-day computation that touches it fail with
 * CalendarYearMissingError — never a guess. Add the next year when the State Council publishes its
 * notice (usually in November), with each date copied from the notice itself. A notice may
 * announce a day in the neighbouring year (e.g. a 元旦 period starting on 30 December): list it
 * under the notice's year; working-days.ts reads the neighbouring years' entries too.
 *
 * Treat this data as read-only: working-days.ts memoizes a table per year object.
 */
export interface OfficialCalendarYear {
  holidays: string[];
  makeUpWorkdays: string[];
  source: string;
}

export const OFFICIAL_CALENDARS: Record<number, OfficialCalendarYear> = {
  // 国办发明电〔2024〕12号, 2024-11-12 (新华社北京11月12日电). From 2025 the statutory holidays are 13 days
  // (《全国年节及纪念日放假办法》 as revised in November 2024: 春节 and 劳动节 one more day each).
  2025: {
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）',
    holidays: [
      // 一、元旦：1月1日（周三）放假1天，不调休。
      '2025-01-01',
      // 二、春节：1月28日（除夕、周二）至2月4日（正月初七、周二）放假调休，共8天。
      '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04',
      // 三、清明节：4月4日（周五）至6日（周日）放假，共3天。
      '2025-04-04', '2025-04-05', '2025-04-06',
      // 四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。
      '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05',
      // 五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
      '2025-05-31', '2025-06-01', '2025-06-02',
      // 六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。
      '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08',
    ],
    makeUpWorkdays: [
      '2025-01-26', // 春节：1月26日（周日）上班
      '2025-02-08', // 春节：2月8日（周六）上班
      '2025-04-27', // 劳动节：4月27日（周日）上班
      '2025-09-28', // 国庆节、中秋节：9月28日（周日）上班
      '2025-10-11', // 国庆节、中秋节：10月11日（周六）上班
    ],
  },
  // Notice dated 2025-11-04 (新华社北京11月4日电).
  2026: {
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
    holidays: [
      // 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。
      '2026-01-01', '2026-01-02', '2026-01-03',
      // 二、春节：2月15日（腊月二十八、周日）至23日（正月初七、周一）放假调休，共9天。
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
      // 三、清明节：4月4日（周六）至6日（周一）放假，共3天。
      '2026-04-04', '2026-04-05', '2026-04-06',
      // 四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。
      '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
      // 五、端午节：6月19日（周五）至21日（周日）放假，共3天。
      '2026-06-19', '2026-06-20', '2026-06-21',
      // 六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
      '2026-09-25', '2026-09-26', '2026-09-27',
      // 七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。
      '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
    ],
    makeUpWorkdays: [
      '2026-01-04', // 元旦：1月4日（周日）上班
      '2026-02-14', // 春节：2月14日（周六）上班
      '2026-02-28', // 春节：2月28日（周六）上班
      '2026-05-09', // 劳动节：5月9日（周六）上班
      '2026-09-20', // 国庆节：9月20日（周日）上班
      '2026-10-10', // 国庆节：10月10日（周六）上班
    ],
  },
  // 2027: not shipped — the notice (国务院办公厅关于2027年部分节假日安排的通知) could not be confirmed from a source.
};

/** Checks a year of the official calendar entered by the office (dates of that year; make-up days on weekends). */
export function validateCalendarYear(year: number, data: { holidays: unknown; makeUpWorkdays: unknown; source: unknown }): { field: string; code: string; message: string }[] {
  const errors: { field: string; code: string; message: string }[] = [];
  const dateOf = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
  for (const field of ['holidays', 'makeUpWorkdays'] as const) {
    const list = data[field];
    if (!Array.isArray(list)) {
      errors.push({ field, code: 'DATES_REQUIRED', message: `${field} 须为日期数组` });
      continue;
    }
    list.forEach((d, i) => {
      if (!dateOf(d) || Math.abs(Number(String(d).slice(0, 4)) - year) > 1) errors.push({ field: `${field}[${i}]`, code: 'DATE_INVALID', message: `${field}[${i}] 须为 ${year} 年前后的有效日期（YYYY-MM-DD）` });
      else if (field === 'makeUpWorkdays' && ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) errors.push({ field: `${field}[${i}]`, code: 'MAKE_UP_NOT_WEEKEND', message: `调休上班日 ${d} 不是周末` });
    });
  }
  if (typeof data.source !== 'string' || !data.source.trim()) errors.push({ field: 'source', code: 'SOURCE_REQUIRED', message: '请注明依据的通知（如 国务院办公厅关于2027年部分节假日安排的通知）' });
  return errors;
}
