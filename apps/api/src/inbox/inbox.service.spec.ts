import { OFFICIAL_CALENDARS } from '@rol/domain';
import { workingDaysLeft } from './inbox.service';

const at = (iso: string) => Date.parse(iso);

describe('workingDaysLeft (我的待办)', () => {
  it('counts working days to the deadline, skipping weekends and the official holidays', () => {
    // From Friday 2026-09-25 (中秋) to Friday 2026-10-09: 9-26/27 are off (中秋), 10-01…07 (国庆);
    // working: 9-28, 9-29, 9-30, 10-08, 10-09.
    expect(workingDaysLeft(at('2026-09-25T10:00:00+08:00'), at('2026-10-09T23:59:59+08:00'), OFFICIAL_CALENDARS)).toBe(5);
    expect(workingDaysLeft(at('2026-11-23T09:00:00+08:00'), at('2026-11-23T23:59:59+08:00'), OFFICIAL_CALENDARS)).toBe(0);
  });

  it('is negative when overdue, and unknown when the deadline lies in a year without a calendar', () => {
    expect(workingDaysLeft(at('2026-11-23T09:00:00+08:00'), at('2026-11-19T23:59:59+08:00'), OFFICIAL_CALENDARS)).toBe(-2);
    expect(workingDaysLeft(at('2026-11-23T09:00:00+08:00'), at('2031-06-30T23:59:59+08:00'), OFFICIAL_CALENDARS)).toBeNull();
  });
});
