import {
  applyUnitBars,
  assessDepartment,
  gradeDistribution,
  indicatorLeaves,
  MEASURES,
  rankAssessments,
  validateIndicatorTree,
  type AssessmentFacts,
  type Indicator,
  type IndicatorTree,
} from './assessment';
import { DEFAULT_INDICATOR_TREE } from './assessment-tree.default';
import { OFFICIAL_CALENDARS } from './holidays';

const leaf = (measure: Indicator['measure'], points = 10, extra: Partial<Indicator> = {}): Indicator => ({ code: 'x', name: 'x', points, measure, ...extra });
const none: AssessmentFacts = {
  departmentId: 'd1',
  tasks: [],
  selfCheck: { closesAt: '2026-06-30T23:59:59+08:00', submissions: [] },
  files: [],
  letters: [],
  items: [],
  escalations: [],
  officeScores: {},
};
const asOf = '2026-12-31T23:59:59+08:00';
const measure = (l: Indicator, facts: Partial<AssessmentFacts>, at = asOf, tree: IndicatorTree = DEFAULT_INDICATOR_TREE) =>
  MEASURES[l.measure!](l, { tree, facts: { ...none, ...facts }, asOf: Date.parse(at), calendars: OFFICIAL_CALENDARS } as never);

const file = (n: number, score: number, grade: 'excellent' | 'good' | 'pass' | 'fail', vetoes: string[] = [], reviewedAt = '2026-09-01T10:00:00+08:00') => ({ caseFileId: `f${n}`, caseNumber: `案${n}`, reviewedAt, score, grade, vetoes });

describe('the shipped indicator tree', () => {
  it('is valid: points sum to 100 at every level, at most three levels', () => {
    expect(validateIndicatorTree(DEFAULT_INDICATOR_TREE)).toEqual([]);
    expect(indicatorLeaves(DEFAULT_INDICATOR_TREE).every(({ level }) => level <= 3)).toBe(true);
  });
  it('maps every measure the engine can compute to a leaf', () => {
    const used = new Set(indicatorLeaves(DEFAULT_INDICATOR_TREE).map(({ node }) => node.measure).filter(Boolean));
    expect([...used].sort()).toEqual(Object.keys(MEASURES).sort());
  });
  it('refuses trees whose points do not add up, duplicate codes, unknown measures, bad bands', () => {
    const bad: IndicatorTree = {
      ...DEFAULT_INDICATOR_TREE,
      indicators: [
        { code: '1', name: 'a', points: 60, children: [{ code: '1.1', name: 'b', points: 50 }] },
        { code: '1', name: 'c', points: 30, measure: 'nope' as never },
      ],
      bands: [{ grade: 'good', min: 80 }] as never,
    };
    const codes = validateIndicatorTree(bad).map((e) => e.code);
    expect(codes).toEqual(expect.arrayContaining(['INDICATOR_POINTS_MISMATCH', 'INDICATOR_CODE_DUPLICATE', 'INDICATOR_MEASURE_UNKNOWN', 'TREE_POINTS_NOT_100', 'BANDS_INVALID']));
  });
  it('answers garbage with field errors, never a throw', () => {
    for (const junk of [null, 7, [], { indicators: [null, 3, { children: 'x' }], bands: [null], unitBars: {}, escalationPoints: [], objectionWindow: 'x' }]) {
      expect(validateIndicatorTree(junk as never).length).toBeGreaterThan(0);
    }
  });
  it('refuses a fourth level', () => {
    const deep: IndicatorTree = { ...DEFAULT_INDICATOR_TREE, indicators: [{ code: '1', name: 'a', points: 100, children: [{ code: '2', name: 'b', points: 100, children: [{ code: '3', name: 'c', points: 100, children: [{ code: '4', name: 'd', points: 100 }] }] }] }] };
    expect(validateIndicatorTree(deep).map((e) => e.code)).toContain('INDICATOR_TOO_DEEP');
  });
});

describe('tasks completed on time', () => {
  const tasks = [
    { id: 't1', title: '按时', dueAt: '2026-03-31T23:59:59+08:00', completedAt: '2026-03-30T10:00:00+08:00' },
    { id: 't2', title: '迟交', dueAt: '2026-03-31T23:59:59+08:00', completedAt: '2026-04-03T10:00:00+08:00' },
    { id: 't3', title: '未交', dueAt: '2026-05-31T23:59:59+08:00', completedAt: null },
    { id: 't4', title: '未到期', dueAt: '2027-01-31T23:59:59+08:00', completedAt: null },
  ];
  it('scores on-time / counted × points, names the late ones in working days, leaves tasks not yet due out', () => {
    const r = measure(leaf('tasks_on_time', 6), { tasks });
    expect(r.score).toBe(2);
    // 2026-04-01 (Wed), 04-02 (Thu), 04-03 (Fri): three working days after the 31 March deadline.
    expect(r.evidence.map((e) => e.text)).toEqual(['任务「迟交」逾期 3 个工作日完成', expect.stringMatching(/^任务「未交」截至考核截止日逾期未完成/)]);
    expect(r.explanation).toContain('1/3');
  });
  it('ignores a completion after the cut-off: as of 1 April the late task is still open', () => {
    const r = measure(leaf('tasks_on_time', 6), { tasks }, '2026-04-01T12:00:00+08:00');
    expect(r.score).toBe(3);
    expect(r.evidence[0].text).toMatch(/迟交」截至考核截止日逾期未完成/);
  });
  it('no task due yet: full points', () => {
    expect(measure(leaf('tasks_on_time', 6), { tasks: [tasks[3]] }).score).toBe(6);
  });
});

describe('self-check (逾期不报视为未开展)', () => {
  const onTime = { version: 1, submittedAt: '2026-06-20T10:00:00+08:00', decision: 'accepted' as const, decidedAt: '2026-06-25T10:00:00+08:00' };
  const late = { version: 1, submittedAt: '2026-07-03T10:00:00+08:00', decision: 'accepted' as const, decidedAt: '2026-07-05T10:00:00+08:00' };
  it('on time and accepted: both leaves full', () => {
    expect(measure(leaf('self_check_on_time', 3), { selfCheck: { ...none.selfCheck, submissions: [onTime] } }).score).toBe(3);
    expect(measure(leaf('self_check_accepted', 3), { selfCheck: { ...none.selfCheck, submissions: [onTime] } }).score).toBe(3);
  });
  it('late but accepted: the on-time leaf is lost, the acceptance counts', () => {
    const r = measure(leaf('self_check_on_time', 3), { selfCheck: { ...none.selfCheck, submissions: [late] } });
    expect(r.score).toBe(0);
    expect(r.evidence[0].text).toBe('自查逾期 3 个工作日报送');
    expect(measure(leaf('self_check_accepted', 3), { selfCheck: { ...none.selfCheck, submissions: [late] } }).score).toBe(3);
  });
  it('never submitted: both zero, as not carried out', () => {
    const a = measure(leaf('self_check_on_time', 3), {});
    const b = measure(leaf('self_check_accepted', 3), {});
    expect([a.score, b.score]).toEqual([0, 0]);
    expect(a.explanation).toContain('视为未开展');
  });
  it('before the window closes nothing is lost yet', () => {
    expect(measure(leaf('self_check_on_time', 3), {}, '2026-06-01T00:00:00+08:00').score).toBe(3);
  });
  it('returned and not accepted by the cut-off: acceptance lost', () => {
    const returned = { ...onTime, decision: 'returned' as const };
    expect(measure(leaf('self_check_accepted', 3), { selfCheck: { ...none.selfCheck, submissions: [returned] } }).score).toBe(0);
  });
});

describe('case files', () => {
  const files = [file(1, 95, 'excellent'), file(2, 85, 'good'), file(3, 0, 'fail', ['超越法定职权']), file(4, 92, 'excellent', [], '2027-01-10T10:00:00+08:00')];
  it('pass rate, excellent rate and average score over files reviewed by the cut-off', () => {
    expect(measure(leaf('file_pass_rate', 6), { files }).score).toBe(4); // 2 of 3
    expect(measure(leaf('file_excellent_rate', 3), { files }).score).toBe(1); // 1 of 3
    const avg = measure(leaf('file_average_score', 6), { files });
    expect(avg.score).toBe(3.6); // (95 + 85 + 0) / 3 = 60 → 60 % of 6
    expect(avg.explanation).toContain('3 本案卷平均 60 分');
  });
  it('a vetoed file costs its points and is named with the veto', () => {
    const r = measure(leaf('vetoed_files', 4, { pointsPerFile: 2 }), { files });
    expect(r.score).toBe(2);
    expect(r.evidence).toEqual([expect.objectContaining({ type: 'case_file', id: 'f3', text: '案卷 案3 被一票否决：超越法定职权', lost: 2 })]);
  });
  it('deductions stop at zero', () => {
    const many = [1, 2, 3].map((n) => file(n, 0, 'fail', ['无执法资格']));
    expect(measure(leaf('vetoed_files', 4, { pointsPerFile: 2 }), { files: many }).score).toBe(0);
  });
  it('a department with no drawn files loses nothing on the file indicators', () => {
    for (const m of ['file_pass_rate', 'file_excellent_rate', 'file_average_score', 'vetoed_files'] as const) {
      const r = measure(leaf(m, 5, { pointsPerFile: 1 }), {});
      expect(r.score).toBe(5);
    }
  });
});

describe('rectification', () => {
  const item = (id: string, extra: Partial<AssessmentFacts['items'][number]>) => ({ id, title: id, originalDeadlineAt: '2026-10-31T23:59:59+08:00', extensions: [], closedAt: null, ...extra });
  it('closure rate over items due (or closed) by the cut-off', () => {
    const items = [item('a', { closedAt: '2026-10-20T10:00:00+08:00' }), item('b', {}), item('c', { originalDeadlineAt: '2027-03-01T00:00:00+08:00' })];
    const r = measure(leaf('rectification_closure_rate', 2), { items });
    expect(r.score).toBe(1);
    expect(r.evidence[0].text).toMatch(/^整改事项「b」到期未销号/);
  });
  it('an approved extension moves the deadline: closing within it is on time, and it is said so', () => {
    const extended = item('ext', { extensions: [{ approvedAt: '2026-10-25T10:00:00+08:00', deadlineAt: '2026-11-30T23:59:59+08:00' }], closedAt: '2026-11-20T10:00:00+08:00' });
    const r = measure(leaf('rectification_on_time_rate', 2), { items: [extended] });
    expect(r.score).toBe(2);
    expect(r.evidence[0].text).toBe('整改事项「ext」经批准延期至 2026-11-30，在延期内销号，不扣分');
    // As of 5 November (after the original deadline, extension approved) the item is not yet due.
    expect(measure(leaf('rectification_closure_rate', 2), { items: [extended] }, '2026-11-05T00:00:00+08:00').explanation).toContain('无到期');
  });
  it('an extension approved after the cut-off does not move the deadline as of the cut-off', () => {
    const extended = item('ext', { extensions: [{ approvedAt: '2026-11-10T10:00:00+08:00', deadlineAt: '2026-11-30T23:59:59+08:00' }] });
    expect(measure(leaf('rectification_closure_rate', 2), { items: [extended] }, '2026-11-05T00:00:00+08:00').score).toBe(0);
  });
  it('closed after its deadline: late, in working days', () => {
    const r = measure(leaf('rectification_on_time_rate', 2), { items: [item('late', { closedAt: '2026-11-03T10:00:00+08:00' })] });
    expect(r.score).toBe(0);
    expect(r.evidence[0].text).toBe('整改事项「late」逾期 2 个工作日销号');
  });
  it('an item carried over from last year counts this year and is labelled so', () => {
    const carried = item('old', { originalDeadlineAt: '2025-12-15T23:59:59+08:00', carriedFromYear: 2025 });
    const r = measure(leaf('rectification_closure_rate', 2), { items: [carried] });
    expect(r.score).toBe(0);
    expect(r.evidence[0].text).toMatch(/^整改事项「old」（2025年度结转）到期未销号/);
  });
});

describe('letters and escalations', () => {
  it('letters acknowledged in time', () => {
    const letters = [
      { id: 'l1', documentNumber: 'X司监〔2026〕1号', issuedAt: '2026-08-01T10:00:00+08:00', acknowledgeDueAt: '2026-08-06T23:59:59+08:00', acknowledgedAt: '2026-08-03T10:00:00+08:00' },
      { id: 'l2', documentNumber: 'X司监〔2026〕2号', issuedAt: '2026-08-01T10:00:00+08:00', acknowledgeDueAt: '2026-08-06T23:59:59+08:00', acknowledgedAt: '2026-08-10T10:00:00+08:00' },
    ];
    const r = measure(leaf('letters_acknowledged_in_time', 2), { letters });
    expect(r.score).toBe(1);
    expect(r.evidence[0].text).toBe('监督意见书 X司监〔2026〕2号 逾期 2 个工作日签收');
  });
  it('each 催办 / 约谈 / 通报 costs its configured points, 提醒 nothing, after the cut-off nothing', () => {
    const escalations = [
      { id: 'e1', kind: 'remind' as const, at: '2026-10-28T09:00:00+08:00', subject: 'a' },
      { id: 'e2', kind: 'urge' as const, at: '2026-11-02T09:00:00+08:00', subject: 'a' },
      { id: 'e3', kind: 'interview' as const, at: '2026-11-16T09:00:00+08:00', subject: 'a' },
      { id: 'e4', kind: 'notice' as const, at: '2027-01-05T09:00:00+08:00', subject: 'a' },
    ];
    const r = measure(leaf('escalation_deductions', 6), { escalations });
    expect(r.score).toBe(3);
    expect(r.evidence.map((e) => e.text)).toEqual(['2026-11-02 催办：a', '2026-11-16 约谈：a']);
    const costly = { ...DEFAULT_INDICATOR_TREE, escalationPoints: { remind: 0, urge: 5, interview: 5, notice: 5 } };
    expect(measure(leaf('escalation_deductions', 6), { escalations }, asOf, costly).score).toBe(0);
  });
});

describe('a whole department: score, bands, unit bars, office scores, ranking', () => {
  const perfect: AssessmentFacts = {
    ...none,
    selfCheck: { closesAt: '2026-06-30T23:59:59+08:00', submissions: [{ version: 1, submittedAt: '2026-06-01T10:00:00+08:00', decision: 'accepted', decidedAt: '2026-06-02T10:00:00+08:00' }] },
  };
  it('nothing wrong: 100, 优秀; without files no unit bar applies', () => {
    const a = assessDepartment(DEFAULT_INDICATOR_TREE, perfect, asOf);
    expect([a.score, a.grade, a.gradeNotes]).toEqual([100, 'excellent', []]);
  });
  it('office scores count only from when they were entered and are clamped to the leaf', () => {
    const scored = { ...perfect, officeScores: { '5': { score: 1, note: '未修订应急预案', scoredAt: '2026-12-20T10:00:00+08:00' } } };
    expect(assessDepartment(DEFAULT_INDICATOR_TREE, scored, asOf).score).toBe(97);
    expect(assessDepartment(DEFAULT_INDICATOR_TREE, scored, '2026-12-01T00:00:00+08:00').score).toBe(100);
  });
  it('a high score with too few excellent files is held below 优秀 by the unit bar, and says why', () => {
    const files = [file(1, 95, 'excellent'), file(2, 89, 'good')];
    const a = assessDepartment(DEFAULT_INDICATOR_TREE, { ...perfect, files }, asOf);
    expect(a.score).toBeGreaterThanOrEqual(90);
    expect(a.grade).toBe('good');
    expect(a.gradeNotes[0]).toContain('评为优秀须案卷优秀率不低于 85%');
  });
  it('bars are configurable and cascade', () => {
    const strict = [{ grade: 'excellent' as const, minExcellentRate: 1, minPassRate: 1 }, { grade: 'good' as const, minExcellentRate: 0.5, minPassRate: 1 }];
    expect(applyUnitBars({ unitBars: strict }, 'excellent', { reviewed: 4, excellentRate: 0.25, passRate: 1 }).grade).toBe('pass');
  });
  it('the grade follows the tree bands', () => {
    const noSelfCheck = assessDepartment(DEFAULT_INDICATOR_TREE, none, asOf); // 6 points lost
    expect([noSelfCheck.score, noSelfCheck.grade]).toEqual([94, 'excellent']);
    const lowBands = { ...DEFAULT_INDICATOR_TREE, bands: [{ grade: 'excellent' as const, min: 95 }, { grade: 'good' as const, min: 85 }, { grade: 'pass' as const, min: 60 }, { grade: 'fail' as const, min: 0 }] };
    expect(assessDepartment(lowBands, none, asOf).grade).toBe('good');
  });
  it('every indicator explains its score and level-1 scores add up to the total', () => {
    const a = assessDepartment(DEFAULT_INDICATOR_TREE, none, asOf);
    expect(a.indicators.reduce((s, i) => s + i.score, 0)).toBe(a.score);
    const all = (xs: typeof a.indicators): typeof a.indicators => xs.flatMap((x) => [x, ...all(x.children ?? [])]);
    expect(all(a.indicators).every((i) => i.explanation.length > 0)).toBe(true);
  });
  it('ranks with shared places for equal scores, and counts grades', () => {
    const ranked = rankAssessments([{ score: 90, grade: 'excellent' as const }, { score: 95, grade: 'excellent' as const }, { score: 90, grade: 'excellent' as const }, { score: 70, grade: 'pass' as const }]);
    expect(ranked.map((r) => [r.score, r.rank])).toEqual([[95, 1], [90, 2], [90, 2], [70, 4]]);
    expect(gradeDistribution(ranked)).toEqual({ excellent: 3, good: 0, pass: 1, fail: 0 });
  });
});
