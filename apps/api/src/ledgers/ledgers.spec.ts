import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { DEFAULT_SCORING_STANDARD, DomainError } from '@rol/domain';
import { combineFile } from '../reviews/file-result';
import { RECTIFICATION_COLUMNS, SELF_CHECK_COLUMNS, TASK_COLUMNS, assessmentColumns, carryOverText, escalationText, extensionText, type RectificationRow, type TaskRow } from './ledger-columns';
import { ledgerFileName } from '@rol/domain';
import { contentDisposition, formatDate, formatDateTime, periodText } from './ledger-format';
import { writeLedger } from './ledger-writer';
import { parseLedgerKind, taskRow } from './ledgers.service';

describe('ledger formatting', () => {
  it('writes times in Asia/Shanghai', () => {
    expect(formatDateTime('2026-03-31T16:30:00Z')).toBe('2026-04-01 00:30');
    expect(formatDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(formatDate('2026-12-31T15:59:59Z')).toBe('2026-12-31');
    expect(formatDateTime(null)).toBe('');
    expect(formatDate('not a date')).toBe('');
  });

  it('names the file by year and kind, with an RFC 5987 filename*', () => {
    expect(ledgerFileName(2026, 'tasks')).toBe('2026年度任务台账.xlsx');
    expect(ledgerFileName(2026, 'rectification', '市场监督管理局')).toBe('2026年度整改台账（市场监督管理局）.xlsx');
    const header = contentDisposition('2026年度任务台账.xlsx');
    expect(header).toMatch(/^attachment; filename="2026\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(header)![1])).toBe('2026年度任务台账.xlsx');
    expect(contentDisposition('（台账）.xlsx')).toContain('%EF%BC%88'); // full-width brackets encoded, ASCII ( ) never bare
  });

  it('writes periods in words', () => {
    expect(periodText({ amount: 30, unit: 'working_days' })).toBe('30 个工作日');
    expect(periodText({ amount: 15, unit: 'calendar_days' })).toBe('15 日');
    expect(periodText({ date: '2026-06-30' })).toBe('2026-06-30');
    expect(periodText(null)).toBe('');
  });

  it('refuses an unknown kind with 400 naming the field', () => {
    expect(parseLedgerKind('letters')).toBe('letters');
    try {
      parseLedgerKind('payroll');
      throw new Error('not refused');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).details).toEqual([expect.objectContaining({ field: 'kind', code: 'NOT_ALLOWED_VALUE', message: expect.stringContaining('tasks（任务台账）') })]);
    }
  });
});

const task = (over: Partial<TaskRow & { completed_late: boolean | null }>): TaskRow & { completed_late: boolean | null } => ({
  department_code: 'SC', department_name: '市场监督管理局', priority_code: 'P01', priority_title: '报送年度报告', title: '报送年度报告',
  due_at: new Date('2026-03-31T09:00:00Z'), status: 'open', completed_at: null, completion_note: null, completed_late: null, overdue: false, overdue_working_days: null, reminded_at: null, ...over,
});

describe('task ledger rows', () => {
  it('counts working days late to completion or, while open, to now', () => {
    // 2026-03-31 (Tue) due; completed 2026-04-07 (Tue): 4-1,4-2,4-3 work, 4-4..4-6 清明 holidays, 4-7 work → 4 working days.
    const late = taskRow(task({ status: 'completed', completed_at: new Date('2026-04-07T02:00:00Z'), completed_late: true }), Date.now());
    expect(late).toMatchObject({ overdue: true, overdue_working_days: 4 });
    const onTime = taskRow(task({ status: 'completed', completed_at: new Date('2026-03-30T02:00:00Z'), completed_late: false }), Date.now());
    expect(onTime).toMatchObject({ overdue: false, overdue_working_days: null });
    const open = taskRow(task({}), Date.parse('2026-04-01T03:00:00Z'));
    expect(open).toMatchObject({ overdue: true, overdue_working_days: 1 });
    const cells = TASK_COLUMNS.map((c) => c.value(late));
    expect(cells.slice(0, 10)).toEqual(['SC', '市场监督管理局', 'P01', '报送年度报告', '报送年度报告', '2026-03-31 17:00', '已完成', '2026-04-07 10:00', '是', 4]);
    expect(TASK_COLUMNS.map((c) => c.header).slice(0, 10)).toEqual(['部门代码', '部门名称', '工作要点编号', '工作要点', '任务', '截止时间', '状态', '完成时间', '是否逾期', '逾期工作日数']);
  });

  it('leaves the count blank for a year the calendar does not have', () => {
    const far = taskRow(task({ due_at: new Date('2099-03-31T09:00:00Z') }), Date.parse('2099-05-01T00:00:00Z'));
    expect(far).toMatchObject({ overdue: true, overdue_working_days: null });
  });
});

describe('self-check and rectification cells', () => {
  it('writes statuses in Chinese, 逾期未报 as late', () => {
    const row = { department_code: 'SC', department_name: '市场监督管理局', status: 'not_submitted' as const, versions: 0, submitted_at: null, late: null, decision: null, decided_at: null, comment: null, findings: 0 };
    expect(SELF_CHECK_COLUMNS.map((c) => c.value(row)).slice(2, 7)).toEqual(['逾期未报', 0, '', '是（逾期未报）', '']);
    expect(SELF_CHECK_COLUMNS[2].value({ ...row, status: null })).toBe('未填报');
    expect(SELF_CHECK_COLUMNS[6].value({ ...row, status: 'accepted', decision: 'accepted' })).toBe('通过');
  });

  it('lists escalations by date, extensions with their outcome, and carry-overs both ways', () => {
    expect(escalationText([{ kind: 'urge', at: '2026-05-08T01:00:00Z' }, { kind: 'remind', at: '2026-05-01T01:00:00Z' }])).toBe('提醒 2026-05-01；催办 2026-05-08');
    expect(extensionText([{ decision: 'approved', requested_deadline_at: '2026-07-31T15:59:59Z', decided_at: '2026-06-01T00:00:00Z' }, { decision: null, requested_deadline_at: '2026-08-31T15:59:59Z', decided_at: null }])).toBe('申请延至 2026-07-31（同意）；申请延至 2026-08-31（待审批）');
    expect(carryOverText({ carried_from: 2025, carried_to: 2027 })).toBe('由2025年度结转；结转至2027年度');
    const row: RectificationRow = {
      department_code: 'SC', department_name: '市场监督管理局', document_number: '某司监〔2026〕1号', position: 1, problem: '未公示', action: '补充公示',
      original_deadline_at: new Date('2026-05-31T15:59:59Z'), deadline_at: new Date('2026-07-31T15:59:59Z'), status: 'closed', round: 2, objection: 'upheld',
      last_report_at: new Date('2026-07-01T02:00:00Z'), closed_at: new Date('2026-07-02T02:00:00Z'), closed_on_time: true, extensions: [], escalations: [], carried_from: null, carried_to: null,
    };
    const byHeader = Object.fromEntries(RECTIFICATION_COLUMNS.map((c) => [c.header, c.value(row)]));
    expect(byHeader).toMatchObject({ '整改期限（原）': '2026-05-31 23:59', '整改期限（现）': '2026-07-31 23:59', 状态: '已销号（回头看第 2 轮，复查维持）', 是否销号: '是', 销号日期: '2026-07-02', 是否按期: '是' });
    expect(RECTIFICATION_COLUMNS.find((c) => c.header === '销号日期')!.value({ ...row, status: 'open' })).toBe('');
  });

  it('gives the assessment one column per level-1 indicator, named with its 分值', () => {
    const cols = assessmentColumns([{ code: 'A', name: '依法全面履行政府职能', points: 15 }, { code: 'B', name: '行政执法', points: 85 }], 2, '2026-12-31T15:59:59Z');
    expect(cols.map((c) => c.header)).toEqual(['排名', '部门代码', '部门名称', '依法全面履行政府职能（15分）', '行政执法（85分）', '总分', '等次', '等次说明', '版本', '截止日期']);
    const row = { rank: 1, code: 'SC', name: '市场监督管理局', score: 92.5, grade: 'excellent' as const, indicators: [{ code: 'A', name: '', points: 15, score: 15 }, { code: 'B', name: '', points: 85, score: 77.5 }] };
    expect(cols.map((c) => c.value(row))).toEqual([1, 'SC', '市场监督管理局', 15, 77.5, 92.5, '优秀', '', 2, '2026-12-31']);
  });
});

describe('combineFile (the review results both the API and the ledger show)', () => {
  const standard = DEFAULT_SCORING_STANDARD;
  const veto = standard.basicCriteria[1];
  it('is pending while a reviewer has not submitted, and names the vetoed criteria once done', () => {
    const sheet = { deductions: [], vetoes: [], comment: '' };
    const pending = combineFile([{ review_id: 'r1', sheet, standard, submitted: true, submitted_at: '2026-05-01T00:00:00Z' }, { review_id: null, sheet: null, standard: null, submitted: false }]);
    expect(pending).toMatchObject({ reviewed: false, score: null, grade: null, reviewedAt: null });
    const done = combineFile([
      { review_id: 'r1', sheet, standard, submitted: true, submitted_at: '2026-05-01T00:00:00Z' },
      { review_id: 'r2', sheet: { ...sheet, vetoes: [{ criterionCode: veto.code, note: '证据不足' }] }, standard, submitted: true, submitted_at: '2026-05-03T00:00:00Z' },
    ]);
    expect(done).toMatchObject({ reviewed: true, reviewIds: ['r1', 'r2'], vetoes: [{ code: veto.code, title: veto.title }], reviewedAt: new Date('2026-05-03T00:00:00Z') });
    expect(done.grade).toBe(standard.vetoMeansFail ? 'fail' : 'good');
  });
});

describe('writeLedger', () => {
  it('streams an XLSX with a bold frozen header row and a filter over the table', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    async function* batches() {
      for (let b = 0; b < 3; b++) yield Array.from({ length: 400 }, (_, i) => ({ n: b * 400 + i, name: `部门${b * 400 + i}` }));
    }
    const columns = [{ header: '序号', width: 8, value: (r: { n: number }) => r.n }, { header: '部门名称', width: 20, value: (r: { name: string }) => r.name }];
    const count = await writeLedger(out, '测试台账', columns, batches());
    expect(count).toBe(1200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('测试台账')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:B1201');
    expect(ws.getRow(1).values).toEqual([undefined, '序号', '部门名称']);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.rowCount).toBe(1201);
    expect(ws.getRow(1201).values).toEqual([undefined, 1199, '部门1199']);
  });
});
