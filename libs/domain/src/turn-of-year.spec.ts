import { nextYearLaunch, shiftDate, shiftTitleYear, shiftYears, toShanghaiIso } from './turn-of-year';

describe('turn of the year', () => {
  it('moves a date one year on in Beijing time', () => {
    expect(shiftYears('2026-06-30T17:00:00+08:00')).toBe('2027-06-30T17:00:00+08:00');
    expect(shiftYears('2026-12-31T16:30:00Z')).toBe('2028-01-01T00:30:00+08:00'); // 1 Jan 2027 00:30 in Beijing
    expect(shiftYears('2028-02-29T09:00:00+08:00')).toBe('2029-02-28T09:00:00+08:00');
    expect(toShanghaiIso(Date.parse('2027-02-28T15:59:59Z'))).toBe('2027-02-28T23:59:59+08:00');
  });

  it('puts the new year in the title', () => {
    expect(shiftTitleYear('2026年度法治政府建设督察', 2026, 2027)).toBe('2027年度法治政府建设督察');
    expect(shiftTitleYear('法治政府建设督察', 2026, 2027)).toBe('2027年度法治政府建设督察');
  });

  it('copies priorities and calendar a year on', () => {
    const launch = nextYearLaunch({
      year: 2026,
      title: '2026年度督察',
      reminderDaysBefore: 5,
      calendar: { selfCheckOpensAt: '2026-05-01T00:00:00+08:00', closesAt: '2027-02-28T23:59:59+08:00' },
      priorities: [
        { code: 'P01', title: '三项制度', description: '', departmentIds: null, dueAt: '2026-06-30T17:00:00+08:00', evidenceRequired: true },
        { code: 'P02', title: '公示', description: '说明', departmentIds: ['d1'], dueAt: '2026-09-30T17:00:00+08:00', evidenceRequired: false },
      ],
    });
    expect(launch).toEqual({
      year: 2027,
      title: '2027年度督察',
      reminderDaysBefore: 5,
      calendar: { selfCheckOpensAt: '2027-05-01T00:00:00+08:00', closesAt: '2028-02-28T23:59:59+08:00' },
      priorities: [
        { code: 'P01', title: '三项制度', description: '', departmentIds: 'all', dueAt: '2027-06-30T17:00:00+08:00', evidenceRequired: true },
        { code: 'P02', title: '公示', description: '说明', departmentIds: ['d1'], dueAt: '2027-09-30T17:00:00+08:00', evidenceRequired: false },
      ],
    });
  });
});

describe('shiftDate', () => {
  it('moves a calendar date a year on', () => {
    expect(shiftDate('2026-01-01')).toBe('2027-01-01');
    expect(shiftDate('2028-02-29')).toBe('2029-02-28');
  });
});
