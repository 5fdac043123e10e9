import { parseCalendarDate, parseCaseFileRow, parseCaseFileStatus, parseCaseType } from './case-file';

const good = {
  department_code: ' SCJG ',
  case_number: ' 郑市监罚〔2025〕12号 ',
  case_type: '行政处罚',
  title: '某公司销售不合格产品案',
  decision_date: '2025-03-31',
  handling_officer: '张三、李四',
  status: '已办结',
};

describe('case-file rows (案卷目录)', () => {
  it('accepts a good row, trimming text and normalising labels to codes', () => {
    expect(parseCaseFileRow(good, 1)).toEqual({
      ok: true,
      value: {
        departmentCode: 'SCJG',
        caseNumber: '郑市监罚〔2025〕12号',
        caseType: 'penalty',
        title: '某公司销售不合格产品案',
        decisionDate: '2025-03-31',
        handlingOfficer: '张三、李四',
        status: 'concluded',
      },
    });
  });

  it('reads camelCase keys too, and leaves departmentCode out when absent', () => {
    const result = parseCaseFileRow({ caseNumber: 'A-1', caseType: 'license', title: 't', decisionDate: '2026-1-5', handlingOfficer: 'x', status: 'in_progress' }, 1);
    expect(result).toEqual({ ok: true, value: { caseNumber: 'A-1', caseType: 'license', title: 't', decisionDate: '2026-01-05', handlingOfficer: 'x', status: 'in_progress' } });
  });

  it('takes case types and statuses as code or Chinese label', () => {
    expect(['penalty', '行政许可', '行政强制', 'INSPECTION', '其他', '行政复议', '', undefined, 3].map(parseCaseType)).toEqual([
      'penalty', 'license', 'coercion', 'inspection', 'other', undefined, undefined, undefined, undefined,
    ]);
    expect(['concluded', '已办结', '在办', 'IN_PROGRESS', 'done', null].map(parseCaseFileStatus)).toEqual(['concluded', 'concluded', 'in_progress', 'in_progress', undefined, undefined]);
  });

  it('accepts only real calendar dates', () => {
    expect(parseCalendarDate('2024-02-29')).toBe('2024-02-29');
    expect(parseCalendarDate('2000-02-29')).toBe('2000-02-29');
    expect(parseCalendarDate('2025/3/5')).toBe('2025-03-05');
    expect(parseCalendarDate(' 2025-12-31 ')).toBe('2025-12-31');
    for (const bad of ['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-01-32', '25-01-01', '2025-01-01T00:00', '2025.01.01', '2025-01/01', '+025-01-01', '2025-1a-01', '1899-12-31', '2101-01-01', '', '2025--1', '2025-001-1', 20250101, null]) {
      expect([bad, parseCalendarDate(bad)]).toEqual([bad, undefined]);
    }
  });

  it('names every bad field of a row, with its number, in Chinese', () => {
    const result = parseCaseFileRow({ case_number: '', case_type: '行政复议', title: 'x'.repeat(301), decision_date: '2025-02-30', handling_officer: '', status: '办完了' }, 7);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [7, 'case_number', 'CASE_NUMBER_INVALID'],
      [7, 'case_type', 'CASE_TYPE_INVALID'],
      [7, 'title', 'CASE_TITLE_INVALID'],
      [7, 'decision_date', 'DECISION_DATE_INVALID'],
      [7, 'handling_officer', 'HANDLING_OFFICER_INVALID'],
      [7, 'status', 'CASE_STATUS_INVALID'],
    ]);
    for (const e of result.errors) expect(e.message.startsWith('第 7 行：')).toBe(true);
    expect(result.errors[1].message).toContain('行政处罚');
  });

  it('enforces lengths at their bounds and refuses control characters', () => {
    const at = (patch: Record<string, unknown>) => parseCaseFileRow({ ...good, ...patch }, 1).ok;
    expect(at({ case_number: 'n'.repeat(64), title: 't'.repeat(300), handling_officer: 'h'.repeat(100) })).toBe(true);
    expect(at({ case_number: 'n'.repeat(65) })).toBe(false);
    expect(at({ title: 't'.repeat(301) })).toBe(false);
    expect(at({ handling_officer: 'h'.repeat(101) })).toBe(false);
    expect(at({ case_number: 'a\nb' })).toBe(false);
    expect(at({ title: 'a\u0000b' })).toBe(false);
    expect(at({ case_number: 12345 })).toBe(true);
    expect(at({ title: { text: 'object' } })).toBe(false);
  });

  it('checks a million rows in well under a few seconds', () => {
    const types = ['penalty', '行政许可', 'coercion', '行政检查', 'other'];
    const row = { case_number: '', case_type: '', title: '某某案件的案卷名称', decision_date: '', handling_officer: '王五', status: 'concluded' };
    const started = Date.now();
    let ok = 0;
    for (let i = 0; i < 1_000_000; i++) {
      row.case_number = `C${i}`;
      row.case_type = types[i % 5];
      row.decision_date = `2025-${(i % 12) + 1}-${(i % 28) + 1}`;
      if (parseCaseFileRow(row, i + 1).ok) ok++;
    }
    expect(ok).toBe(1_000_000);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
