import type { FieldError } from './errors';

/**
 * The stages of the yearly cycle (shared/DOMAIN.md, "The cycle, stage by stage").
 * A campaign moves through them in this order, on the dates of its calendar.
 */
export const Phase = {
  Priorities: 'priorities', // 年度工作要点 → 任务
  SelfCheck: 'self_check', // 自查与核查
  Review: 'review', // 案卷评查
  Opinions: 'opinions', // 监督意见书
  Rectification: 'rectification', // 整改
  Assessment: 'assessment', // 考核与年度报告
  Closed: 'closed',
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

export const PHASE_LABELS: Record<Phase, string> = {
  priorities: '工作要点落实',
  self_check: '自查核查',
  review: '案卷评查',
  opinions: '监督意见',
  rectification: '整改落实',
  assessment: '考核总结',
  closed: '已结束',
};

/** When each phase after the first begins (ISO 8601 with offset). Only `closesAt` is required. */
export interface CampaignCalendar {
  selfCheckOpensAt?: string;
  /** End of the self-check window (not a phase change): unsubmitted self-checks become 逾期未报. */
  selfCheckClosesAt?: string;
  reviewOpensAt?: string;
  /** End of the review window: unfinished reviews are escalated to the office. */
  reviewClosesAt?: string;
  opinionsOpensAt?: string;
  rectificationOpensAt?: string;
  assessmentOpensAt?: string;
  closesAt: string;
}

/** Calendar fields in the order the phases follow one another. */
export const PHASE_STARTS: ReadonlyArray<readonly [keyof CampaignCalendar, Phase]> = [
  ['selfCheckOpensAt', Phase.SelfCheck],
  ['reviewOpensAt', Phase.Review],
  ['opinionsOpensAt', Phase.Opinions],
  ['rectificationOpensAt', Phase.Rectification],
  ['assessmentOpensAt', Phase.Assessment],
  ['closesAt', Phase.Closed],
];

/** The phase a campaign is in at `nowMs`, by its calendar alone. */
export function phaseAt(calendar: CampaignCalendar, nowMs: number): Phase {
  let phase: Phase = Phase.Priorities;
  for (const [field, next] of PHASE_STARTS) {
    const at = calendar[field];
    if (at !== undefined && Date.parse(at) <= nowMs) phase = next;
  }
  return phase;
}

/** The next moment after `nowMs` at which the phase changes, or undefined once closed. */
export function nextPhaseChangeAt(calendar: CampaignCalendar, nowMs: number): number | undefined {
  const upcoming = PHASE_STARTS.map(([field]) => calendar[field])
    .filter((at): at is string => at !== undefined)
    .map((at) => Date.parse(at))
    .filter((at) => at > nowMs);
  return upcoming.length > 0 ? Math.min(...upcoming) : undefined;
}

/** Windows inside a phase: each closes after it opens, and no later than the campaign closes. */
const WINDOWS: ReadonlyArray<readonly [keyof CampaignCalendar, keyof CampaignCalendar]> = [
  ['selfCheckOpensAt', 'selfCheckClosesAt'],
  ['reviewOpensAt', 'reviewClosesAt'],
];

/** The calendar's dates must be valid and follow the order of the phases. */
export function validateCalendar(calendar: CampaignCalendar, field = 'calendar'): FieldError[] {
  const errors: FieldError[] = [];
  for (const [opens, closes] of WINDOWS) {
    const end = calendar[closes];
    if (end === undefined) continue;
    const endAt = Date.parse(end);
    const startAt = calendar[opens] === undefined ? NaN : Date.parse(calendar[opens] as string);
    if (Number.isNaN(endAt)) {
      errors.push({ field: `${field}.${closes}`, code: 'DATE_INVALID', message: `${field}.${closes} 不是有效的日期时间` });
    } else if (Number.isNaN(startAt) || endAt <= startAt) {
      errors.push({ field: `${field}.${closes}`, code: 'CALENDAR_ORDER', message: `${field}.${closes} 须晚于 ${field}.${opens}` });
    } else if (endAt > Date.parse(calendar.closesAt)) {
      errors.push({ field: `${field}.${closes}`, code: 'CALENDAR_ORDER', message: `${field}.${closes} 不能晚于 ${field}.closesAt` });
    }
  }
  let previous: { name: string; at: number } | undefined;
  for (const [name] of PHASE_STARTS) {
    const value = calendar[name];
    if (value === undefined) continue;
    const at = Date.parse(value);
    if (Number.isNaN(at)) {
      errors.push({ field: `${field}.${name}`, code: 'DATE_INVALID', message: `${field}.${name} 不是有效的日期时间` });
      continue;
    }
    if (previous && at <= previous.at) {
      errors.push({
        field: `${field}.${name}`,
        code: 'CALENDAR_ORDER',
        message: `${field}.${name} 必须晚于 ${field}.${previous.name}（各阶段须按顺序排列）`,
      });
    }
    previous = { name, at };
  }
  return errors;
}

/** 年度报告 is due before 1 March of the year after the campaign's: by default 28 February, 23:59:59 Asia/Shanghai. */
export function defaultAnnualReportDueAt(year: number): Date {
  return new Date(`${year + 1}-02-28T23:59:59+08:00`);
}

/** A report due date the office sets must fall in January or February of the next year. */
export function validateAnnualReportDueAt(year: number, at: string, field = 'annualReportDueAt'): FieldError[] {
  const t = Date.parse(at);
  if (Number.isNaN(t) || t < Date.parse(`${year + 1}-01-01T00:00:00+08:00`) || t >= Date.parse(`${year + 1}-03-01T00:00:00+08:00`)) {
    return [{ field, code: 'REPORT_DUE_OUT_OF_RANGE', message: `${field} 年度报告报送期限须在 ${year + 1} 年 1 月 1 日至 2 月底之间（3 月 1 日前）` }];
  }
  return [];
}
