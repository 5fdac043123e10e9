import type { CampaignCalendar } from './campaign';

/**
 * 年度交替: next year's campaign is prepared as a draft copied from this year's, every date moved
 * one year on (in Beijing time: 30 June 17:00 stays 30 June 17:00; 29 February becomes 28 February).
 */

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** The same wall-clock moment in Beijing time, `years` later (29 Feb → 28 Feb in a common year). */
export function shiftYears(iso: string, years = 1): string {
  const local = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
  const year = local.getUTCFullYear() + years;
  const month = local.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  const shifted = Date.UTC(year, month, day, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds()) - SHANGHAI_OFFSET_MS;
  return toShanghaiIso(shifted);
}

/** ISO 8601 with the +08:00 offset, as the office reads and writes dates. */
export function toShanghaiIso(ms: number): string {
  const local = new Date(ms + SHANGHAI_OFFSET_MS).toISOString(); // …Z, but the fields are Beijing time
  return `${local.slice(0, 19)}+08:00`;
}

/** The campaign's title for another year: every 4-digit year in it moved on (二〇二六 is left as written). */
export function shiftTitleYear(title: string, fromYear: number, toYear: number): string {
  const replaced = title.split(String(fromYear)).join(String(toYear));
  return replaced === title ? `${toYear}年度${title}` : replaced;
}

export interface LaunchRequest {
  year: number;
  title: string;
  priorities: { code: string; title: string; description?: string; departmentIds: 'all' | string[]; dueAt: string; evidenceRequired: boolean }[];
  calendar: CampaignCalendar;
  reminderDaysBefore?: number;
}

/** Next year's launch request from this year's campaign: same priorities and calendar, a year on. */
export function nextYearLaunch(source: {
  year: number;
  title: string;
  calendar: CampaignCalendar;
  reminderDaysBefore: number;
  priorities: { code: string; title: string; description: string; departmentIds: string[] | null; dueAt: string; evidenceRequired: boolean }[];
}): LaunchRequest {
  const calendar = Object.fromEntries(Object.entries(source.calendar).filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, shiftYears(v as string)])) as unknown as CampaignCalendar;
  return {
    year: source.year + 1,
    title: shiftTitleYear(source.title, source.year, source.year + 1),
    priorities: source.priorities.map((p) => ({
      code: p.code,
      title: p.title,
      description: p.description,
      departmentIds: p.departmentIds ?? 'all',
      dueAt: shiftYears(p.dueAt),
      evidenceRequired: p.evidenceRequired,
    })),
    calendar,
    reminderDaysBefore: source.reminderDaysBefore,
  };
}

/** A calendar date 'YYYY-MM-DD' a year on (29 February → 28 February). */
export function shiftDate(ymd: string, years = 1): string {
  const [y, m, d] = ymd.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${y + years}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** What a confirmed draft copies into the new campaign besides the launch request. */
export interface DraftStartingPoints {
  /** 自查表: the source campaign's template (null: the default one). */
  selfCheckTemplate: unknown;
  /** 整改规则 (null: the defaults). */
  rectificationRules: unknown;
  /** 抽查规则 without the seed (a new seed is committed each year), the period moved a year on. */
  drawRules: ({ period?: { from: string; to: string } } & Record<string, unknown>) | null;
  /** 评查标准 the draw rules name, as it stood when the draft was prepared. */
  scoringStandard: { code: string; version: number; name: string } | null;
  /** 指标体系 the new campaign pins (the source campaign's version). */
  indicatorTree: { id: string; code: string; version: number; name: string };
}

export interface CampaignDraftBody {
  launch: LaunchRequest;
  copy: DraftStartingPoints;
}
