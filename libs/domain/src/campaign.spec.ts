import { Phase, nextPhaseChangeAt, phaseAt, validateCalendar, type CampaignCalendar } from './campaign';
import { isLate, reminderAt, DAY_MS } from './task';

const calendar: CampaignCalendar = {
  selfCheckOpensAt: '2026-05-01T00:00:00+08:00',
  reviewOpensAt: '2026-07-01T00:00:00+08:00',
  closesAt: '2027-02-28T23:59:59+08:00',
};
const t = (iso: string) => Date.parse(iso);

describe('campaign phases', () => {
  it('follows the calendar, skipping phases it does not date', () => {
    expect(phaseAt(calendar, t('2026-03-01T00:00:00+08:00'))).toBe(Phase.Priorities);
    expect(phaseAt(calendar, t('2026-05-01T00:00:00+08:00'))).toBe(Phase.SelfCheck);
    expect(phaseAt(calendar, t('2026-12-01T00:00:00+08:00'))).toBe(Phase.Review);
    expect(phaseAt(calendar, t('2027-03-01T00:00:00+08:00'))).toBe(Phase.Closed);
  });

  it('gives the next change, and none once closed', () => {
    expect(nextPhaseChangeAt(calendar, t('2026-03-01T00:00:00+08:00'))).toBe(t(calendar.selfCheckOpensAt!));
    expect(nextPhaseChangeAt(calendar, t('2026-08-01T00:00:00+08:00'))).toBe(t(calendar.closesAt));
    expect(nextPhaseChangeAt(calendar, t('2027-03-01T00:00:00+08:00'))).toBeUndefined();
  });

  it('refuses dates out of order or unreadable, naming the field', () => {
    expect(validateCalendar(calendar)).toEqual([]);
    const errors = validateCalendar({ selfCheckOpensAt: '2026-08-01T00:00:00Z', reviewOpensAt: '2026-07-01T00:00:00Z', closesAt: 'soon' });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['calendar.reviewOpensAt', 'CALENDAR_ORDER'],
      ['calendar.closesAt', 'DATE_INVALID'],
    ]);
  });
});

describe('task deadlines', () => {
  const due = t('2026-06-30T17:00:00+08:00');
  it('reminds the given number of days before the deadline, unless that moment has passed at creation', () => {
    expect(reminderAt(due, 3, t('2026-01-01T00:00:00Z'))).toBe(due - 3 * DAY_MS);
    expect(reminderAt(due, 3, due - DAY_MS)).toBeUndefined();
  });
  it('records a completion after the deadline as late, at the deadline as on time', () => {
    expect(isLate(due + 1, due)).toBe(true);
    expect(isLate(due, due)).toBe(false);
  });
});
