import {
  ANNUAL_REPORT_FIGURE_KEYS,
  ANNUAL_REPORT_SECTIONS,
  annualReportFigures,
  defaultSectionDraft,
  emptyCounts,
  fillSection,
  figureValueText,
  percent,
  placeholdersIn,
  quotedFigures,
  validateSectionBody,
  type AnnualReportCounts,
} from './annual-report';

const counts = (): AnnualReportCounts => ({
  ...emptyCounts(),
  departmentsCovered: 7,
  departmentsReviewed: 7,
  tasks: { total: 14, completed: 12, onTime: 10, overdue: 4 },
  files: { drawn: 33, reviewed: 30, passing: 27, excellent: 9, scoreSum: 2587.5, vetoed: 2 },
  opinionItems: 31,
  letters: { issued: 7, acknowledgedInTime: 6 },
  rectification: { total: 31, closed: 25, closedOnTime: 20, carriedOver: 6, carriedIn: 2 },
});
const byKey = (c: AnnualReportCounts, scope: 'office' | 'department' = 'office') => new Map(annualReportFigures(c, scope).map((f) => [f.key, f]));

describe('annual report figures', () => {
  it('computes rates in per cent to one decimal, and none without a denominator', () => {
    expect(percent(27, 30)).toBe(90);
    expect(percent(10, 14)).toBe(71.4);
    expect(percent(0, 0)).toBeNull();
    expect(percent(3, 0)).toBeNull();
    const f = byKey(counts());
    expect(f.get('file_pass_rate')).toMatchObject({ value: 90, text: '90%' });
    expect(f.get('file_average_score')).toMatchObject({ value: 86.25, unit: '分', text: '86.25' });
    expect(f.get('rectification_closure_rate')!.value).toBe(80.6);
    expect(f.get('rectification_on_time_rate')!.value).toBe(64.5);
  });

  it('leaves every rate empty (—) for a campaign with nothing recorded, never NaN or 0 %', () => {
    const f = annualReportFigures(emptyCounts(), 'office');
    for (const key of ['task_on_time_rate', 'file_pass_rate', 'file_excellent_rate', 'file_average_score', 'rectification_closure_rate', 'rectification_on_time_rate']) {
      const figure = f.find((x) => x.key === key)!;
      expect(figure.value).toBeNull();
      expect(figure.text).toBe('—');
      expect(figureValueText(figure)).toBe('—（不计算）');
    }
    expect(f.every((x) => x.label && x.counts && x.key)).toBe(true);
    expect(f.find((x) => x.key === 'assessment_grades')!.value).toBe('尚未发布');
  });

  it('quotes the assessment as a distribution for the area and as the own grade for a department', () => {
    const c = { ...counts(), assessment: { version: 2, grades: { excellent: 2, good: 3, pass: 1, fail: 1 }, ownGrade: 'good' as const } };
    expect(byKey(c).get('assessment_grades')!.value).toBe('优秀2家、良好3家、合格1家、不合格1家');
    expect(byKey(c).get('assessment_grades')!.counts).toContain('第 2 版');
    expect(byKey(c, 'department').get('assessment_grades')!.value).toBe('良好');
  });

  it('has the same stable keys for the office and a department, each once', () => {
    const office = annualReportFigures(emptyCounts(), 'office').map((f) => f.key);
    expect(annualReportFigures(emptyCounts(), 'department').map((f) => f.key)).toEqual(office);
    expect(new Set(office).size).toBe(office.length);
    expect(ANNUAL_REPORT_FIGURE_KEYS).toEqual(office);
  });
});

describe('annual report sections', () => {
  it('has the five sections of the seeds\' outline', () => {
    expect(ANNUAL_REPORT_SECTIONS.map((s) => s.title)).toEqual([
      '一、主要举措和成效', '二、存在问题及原因', '三、整改措施', '四、党政主要负责人履行推进法治建设第一责任人职责情况', '五、下一年度工作安排',
    ]);
  });

  it('fills placeholders with the figures, as the seeds quote them', () => {
    const figures = annualReportFigures(counts(), 'office');
    const text = fillSection('全年共抽查{{departments_reviewed}}家单位{{files_drawn}}本案卷，提出监督意见{{ opinion_items }}条，下达监督意见书{{letters_issued}}份，合格率{{file_pass_rate}}。', figures);
    expect(text).toBe('全年共抽查7家单位33本案卷，提出监督意见31条，下达监督意见书7份，合格率90%。');
    expect(fillSection('无分母：{{task_on_time_rate}}', annualReportFigures(emptyCounts(), 'office'))).toBe('无分母：—');
  });

  it('default drafts use only known placeholders and fill completely', () => {
    const figures = annualReportFigures(counts(), 'office');
    for (const scope of ['office', 'department'] as const) {
      for (const { code } of ANNUAL_REPORT_SECTIONS) {
        const draft = defaultSectionDraft(code, scope);
        expect(validateSectionBody(draft)).toEqual([]);
        expect(fillSection(draft, figures)).not.toMatch(/\{\{|\}\}/);
      }
    }
  });

  it('refuses an unknown placeholder, an empty body and an over-long one, saying which', () => {
    expect(validateSectionBody('共抽查{{files_drwn}}本，{{files_drawn}}本')).toEqual([
      expect.objectContaining({ field: 'body', code: 'UNKNOWN_PLACEHOLDER', message: expect.stringContaining('{{files_drwn}}') }),
    ]);
    expect(validateSectionBody('  \n')[0].code).toBe('REQUIRED');
    expect(validateSectionBody('字'.repeat(20001))[0].code).toBe('TOO_LONG');
    expect(validateSectionBody('字'.repeat(20000))).toEqual([]);
  });

  it('lists the quoted figures in catalogue order, once each', () => {
    expect(placeholdersIn('{{b}}{{a}}{{b}}')).toEqual(['b', 'a']);
    const figures = annualReportFigures(counts(), 'office');
    expect(quotedFigures(['{{letters_issued}}', '{{files_drawn}}{{letters_issued}}'], figures).map((f) => f.key)).toEqual(['files_drawn', 'letters_issued']);
  });
});
