import type { ScoreSheet, ScoringStandard, FileResult } from './scoring';
import { Grade, combineReviews, criterionBasis, gradeFor, scoreSheet, summarizeDepartment, validateSheet, validateStandard } from './scoring';
import { DEFAULT_SCORING_STANDARD as STD } from './scoring-standard.default';

const sheet = (deductions: [string, number][], vetoes: string[] = []): ScoreSheet => ({
  deductions: deductions.map(([criterionCode, points]) => ({ criterionCode, points, note: '问题' })),
  vetoes: vetoes.map((criterionCode) => ({ criterionCode, note: '理由' })),
  comment: '',
});
const lenient: ScoringStandard = { ...STD, code: 'lenient', vetoMeansFail: false };

describe('default scoring standard', () => {
  it('is valid', () => {
    expect(validateStandard(STD)).toEqual([]);
    expect(STD.sections.map((s) => [s.code, s.points])).toEqual([
      ['subject', 10],
      ['facts', 25],
      ['law', 20],
      ['procedure', 25],
      ['documents', 10],
      ['archiving', 10],
    ]);
    expect(STD.basicCriteria).toHaveLength(6);
  });

  it('refuses a broken standard', () => {
    const broken: ScoringStandard = {
      ...STD,
      sections: [{ ...STD.sections[0], points: 20 }, { ...STD.sections[1], criteria: [{ code: 'subject-authority', title: '重复', maxDeduction: 0 }] }],
      basicCriteria: [{ code: 'facts', title: '与部分编码重复' }],
      bands: [
        { grade: Grade.Excellent, min: 90 },
        { grade: Grade.Good, min: 95 },
        { grade: Grade.Fail, min: 10 },
      ],
    };
    const codes = validateStandard(broken).map((e) => e.code);
    expect(codes).toEqual(
      expect.arrayContaining(['SECTION_POINTS_SUM', 'STANDARD_CODE_DUPLICATED', 'MAX_DEDUCTION_INVALID', 'BANDS_NOT_DESCENDING', 'BANDS_LAST_NOT_FAIL', 'BANDS_GRADE_MISSING']),
    );
  });
});

describe('validateSheet', () => {
  it('accepts a good sheet', () => {
    expect(validateSheet(STD, sheet([['facts-chain', 2.5], ['documents-number', 1]], ['basic-facts']))).toEqual([]);
  });

  it('refuses unknown criteria, over-max, bad steps, missing notes, repeats and unknown vetoes', () => {
    const errors = validateSheet(STD, {
      deductions: [
        { criterionCode: 'nope', points: 1, note: 'x' },
        { criterionCode: 'documents-number', points: 3, note: 'x' },
        { criterionCode: 'facts-chain', points: 1.3, note: 'x' },
        { criterionCode: 'law-citation', points: 0, note: '' },
        { criterionCode: 'facts-chain', points: 1, note: 'x' },
      ],
      vetoes: [
        { criterionCode: 'facts-chain', note: 'x' },
        { criterionCode: 'basic-law', note: ' ' },
      ],
      comment: '',
    });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['deductions[0].criterionCode', 'CRITERION_UNKNOWN'],
      ['deductions[1].points', 'DEDUCTION_OVER_MAX'],
      ['deductions[2].points', 'DEDUCTION_STEP'],
      ['deductions[3].points', 'DEDUCTION_INVALID'],
      ['deductions[3].note', 'NOTE_REQUIRED'],
      ['deductions[4].criterionCode', 'CRITERION_DUPLICATED'],
      ['vetoes[0].criterionCode', 'VETO_UNKNOWN'],
      ['vetoes[1].note', 'NOTE_REQUIRED'],
    ]);
    expect(errors[1].message).toContain('最多扣 2 分');
  });
});

describe('scoreSheet', () => {
  it('scores a clean sheet 100 / excellent', () => {
    const r = scoreSheet(STD, sheet([]));
    expect(r).toMatchObject({ score: 100, grade: 'excellent', vetoed: false });
    expect(r.sections.every((s) => s.deducted === 0 && s.score === s.points)).toBe(true);
  });

  it('sums deductions per section, stopping each section at zero', () => {
    // documents is worth 10: 2 + 3 + 3 + 3 + 4 = 15 deducted → floors at 0, not -5.
    const r = scoreSheet(STD, sheet([['documents-number', 2], ['documents-format', 3], ['documents-signature', 3], ['documents-seal', 3], ['documents-remedy', 4], ['facts-chain', 2.5]]));
    expect(r.sections.find((s) => s.code === 'documents')).toEqual({ code: 'documents', points: 10, deducted: 10, score: 0 });
    expect(r.sections.find((s) => s.code === 'facts')).toEqual({ code: 'facts', points: 25, deducted: 2.5, score: 22.5 });
    expect(r.score).toBe(87.5);
    expect(r.grade).toBe('good');
  });

  it('applies the bands', () => {
    expect([100, 90, 89.99, 80, 79.5, 60, 59.5, 0].map((s) => gradeFor(STD, s))).toEqual(['excellent', 'excellent', 'good', 'good', 'pass', 'pass', 'fail', 'fail']);
  });

  it('a veto gives 0 / fail when the standard says so', () => {
    expect(scoreSheet(STD, sheet([], ['basic-evidence']))).toMatchObject({ score: 0, grade: 'fail', vetoed: true });
  });

  it('a veto only blocks excellent when the standard says so', () => {
    expect(scoreSheet(lenient, sheet([], ['basic-evidence']))).toMatchObject({ score: 100, grade: 'good', vetoed: true });
    expect(scoreSheet(lenient, sheet([['law-citation', 6], ['law-discretion', 6], ['law-proportion', 6], ['procedure-statement', 6], ['procedure-hearing', 6], ['procedure-legal-review', 6]], ['basic-law']))).toMatchObject({ score: 64, grade: 'pass' });
  });
});

describe('combineReviews', () => {
  it('averages the scores and keeps a veto', () => {
    const a = scoreSheet(STD, sheet([]));
    const b = scoreSheet(STD, sheet([['facts-chain', 5]]));
    expect(combineReviews([a, b], STD)).toEqual({ score: 97.5, grade: 'excellent' });
    const vetoed = scoreSheet(STD, sheet([], ['basic-facts']));
    expect(combineReviews([a, vetoed], STD)).toEqual({ score: 50, grade: 'fail' });
    expect(combineReviews([a, vetoed])).toEqual({ score: 50, grade: 'fail' });
    const softVeto = scoreSheet(lenient, sheet([], ['basic-facts']));
    expect(combineReviews([scoreSheet(lenient, sheet([])), softVeto], lenient)).toEqual({ score: 100, grade: 'good' });
    expect(combineReviews([scoreSheet(lenient, sheet([])), softVeto])).toEqual({ score: 100, grade: 'good' });
    expect(combineReviews([])).toEqual({ score: 0, grade: 'fail' });
  });
});

describe('summarizeDepartment', () => {
  const file = (grade: Grade, score: number): FileResult => ({ caseFileId: `f${score}`, departmentId: 'd', score, grade });
  it('computes rates and the excellent-unit bar', () => {
    expect(summarizeDepartment([])).toEqual({ files: 0, averageScore: 0, excellentRate: 0, passRate: 0, excellentUnit: false });
    const fine = [...Array.from({ length: 17 }, (_, i) => file('excellent', 90 + (i % 10))), file('good', 85), file('good', 85), file('pass', 70)];
    expect(summarizeDepartment(fine)).toMatchObject({ files: 20, excellentRate: 0.85, passRate: 1, excellentUnit: true });
    const oneFail = [...fine.slice(0, 19), file('fail', 0)];
    expect(summarizeDepartment(oneFail)).toMatchObject({ excellentRate: 0.85, passRate: 0.95, excellentUnit: false });
    const thirds = [file('excellent', 95), file('good', 85), file('fail', 50)];
    expect(summarizeDepartment(thirds)).toEqual({ files: 3, averageScore: 76.67, excellentRate: 0.3333, passRate: 0.6667, excellentUnit: false });
  });
});

describe('criterionBasis (a letter item’s 依据)', () => {
  it('cites the provision a criterion applies and its clause of the standard', () => {
    expect(criterionBasis(STD, 'procedure-statement')).toBe('《中华人民共和国行政处罚法》第四十四条、第四十五条（评查标准“执法程序”第 2 项）');
    expect(criterionBasis(STD, 'basic-law')).toBe('《中华人民共和国行政处罚法》第三十八条（评查标准基础标准第 5 项（一票否决））');
  });

  it('cites a criterion without a provision by its clause and title, and knows nothing of unknown codes', () => {
    expect(criterionBasis(STD, 'documents-number')).toBe(`《${STD.name}》“文书制作”第 1 项：文书文号错误或缺失`);
    expect(criterionBasis(STD, 'no-such-code')).toBeUndefined();
  });
});
