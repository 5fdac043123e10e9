import type { EntityManager } from 'typeorm';
import { OFFICIAL_CALENDARS, type OfficialCalendars } from '@rol/domain';

/** The shipped official calendar plus the years the office has added since (calendar_years). */
export async function loadCalendars(m: EntityManager): Promise<OfficialCalendars> {
  const rows: { year: number; holidays: string[]; make_up_workdays: string[]; source: string }[] = await m.query(`SELECT year, holidays, make_up_workdays, source FROM calendar_years`);
  const added = Object.fromEntries(rows.map((r) => [r.year, { holidays: r.holidays, makeUpWorkdays: r.make_up_workdays, source: r.source }]));
  return { ...added, ...OFFICIAL_CALENDARS };
}
