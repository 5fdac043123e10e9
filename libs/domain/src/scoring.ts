import type { FieldError } from './errors';

/*
 * 评查标准 and scoring: a standard out of 100, in sections of general criteria with point
 * deductions (each section stops at zero), plus basic criteria (基础标准) whose failure vetoes the
 * file (一票否决).
 */

export const Grade = { Excellent: 'excellent', Good: 'good', Pass: 'pass', Fail: 'fail' } as const;
export type Grade = (typeof Grade)[keyof typeof Grade];
export const GRADES: readonly Grade[] = Object.values(Grade);
export const GRADE_LABELS: Record<Grade, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

/** Best first: excellent 0 … fail 3. */
const GRADE_RANK: Record<Grade, number> = { excellent: 0, good: 1, pass: 2, fail: 3 };

/** The worse of two grades. */
export function worseGrade(a: Grade, b: Grade): Grade {
  return GRADE_RANK[a] >= GRADE_RANK[b] ? a : b;
}

export interface Criterion {
  code: string;
  title: string;
  /** The most one deduction under this criterion may take. */
  maxDeduction: number;
  /** The provision it applies, e.g. 《中华人民共和国行政处罚法》第四十四条: a letter's 依据. */
  basis?: string;
}

export interface ScoringSection {
  code: string;
  title: string;
  points: number;
  criteria: Criterion[];
}

export interface ScoringStandard {
  code: string;
  name: string;
  sections: ScoringSection[];
  /** 基础标准: failing one vetoes the file (一票否决). */
  basicCriteria: { code: string; title: string; basis?: string }[];
  /** Descending by min; the last has min 0 and is 'fail'. */
  bands: { grade: Grade; min: number }[];
  /** true: a veto makes the file 0 / 不合格; false: a veto only keeps it from 优秀. */
  vetoMeansFail: boolean;
}

export interface ScoreSheet {
  deductions: { criterionCode: string; points: number; note: string }[];
  vetoes: { criterionCode: string; note: string }[];
  comment: string;
}

export interface SheetResult {
  score: number;
  grade: Grade;
  vetoed: boolean;
  sections: { code: string; points: number; deducted: number; score: number }[];
}

export interface FileResult {
  caseFileId: string;
  departmentId: string;
  score: number;
  grade: Grade;
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * f) / f;
}

const isNonEmpty = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';

/**
 * Checks a standard: sections' points sum to 100, codes unique across sections, criteria and basic
 * criteria, every maxDeduction > 0 (and not above its section's points), bands strictly descending
 * and ending at min 0 with 'fail', every grade present once.
 */
export function validateStandard(s: ScoringStandard): FieldError[] {
  const errors: FieldError[] = [];
  const err = (field: string, code: string, message: string) => errors.push({ field, code, message });
  if (!isNonEmpty(s.code)) err('code', 'STANDARD_CODE_REQUIRED', '评查标准编码必填');
  if (!isNonEmpty(s.name)) err('name', 'STANDARD_NAME_REQUIRED', '评查标准名称必填');

  const codes = new Set<string>();
  const claim = (field: string, code: string) => {
    if (!isNonEmpty(code)) {
      err(field, 'STANDARD_ITEM_CODE_REQUIRED', '编码必填');
    } else if (codes.has(code)) {
      err(field, 'STANDARD_CODE_DUPLICATED', `编码 ${code} 重复`);
    } else {
      codes.add(code);
    }
  };

  if (s.sections.length === 0) err('sections', 'STANDARD_SECTIONS_REQUIRED', '评查标准至少须有一个部分');
  let total = 0;
  s.sections.forEach((section, i) => {
    const base = `sections[${i}]`;
    claim(`${base}.code`, section.code);
    if (!isNonEmpty(section.title)) err(`${base}.title`, 'STANDARD_TITLE_REQUIRED', '名称必填');
    if (!Number.isFinite(section.points) || section.points <= 0) {
      err(`${base}.points`, 'SECTION_POINTS_INVALID', `${section.title || section.code} 的分值须大于 0`);
    } else {
      total += section.points;
    }
    if (section.criteria.length === 0) err(`${base}.criteria`, 'SECTION_CRITERIA_REQUIRED', `${section.title || section.code} 至少须有一项评查内容`);
    section.criteria.forEach((c, j) => {
      const cbase = `${base}.criteria[${j}]`;
      claim(`${cbase}.code`, c.code);
      if (!isNonEmpty(c.title)) err(`${cbase}.title`, 'STANDARD_TITLE_REQUIRED', '名称必填');
      if (!Number.isFinite(c.maxDeduction) || c.maxDeduction <= 0) {
        err(`${cbase}.maxDeduction`, 'MAX_DEDUCTION_INVALID', `${c.title || c.code} 的最高扣分须大于 0`);
      } else if (Number.isFinite(section.points) && c.maxDeduction > section.points) {
        err(`${cbase}.maxDeduction`, 'MAX_DEDUCTION_OVER_SECTION', `${c.title || c.code} 的最高扣分不得超过所在部分的分值 ${section.points}`);
      }
    });
  });
  if (Math.abs(total - 100) > 1e-9) err('sections', 'SECTION_POINTS_SUM', `各部分分值之和须为 100，现为 ${round(total, 2)}`);

  s.basicCriteria.forEach((c, i) => {
    claim(`basicCriteria[${i}].code`, c.code);
    if (!isNonEmpty(c.title)) err(`basicCriteria[${i}].title`, 'STANDARD_TITLE_REQUIRED', '名称必填');
  });

  const bands = s.bands;
  if (bands.length === 0) {
    err('bands', 'BANDS_REQUIRED', '须设置等次分数线');
  } else {
    bands.forEach((b, i) => {
      if (!GRADES.includes(b.grade)) err(`bands[${i}].grade`, 'BAND_GRADE_INVALID', `等次须为 ${GRADES.join(' / ')} 之一`);
      if (!Number.isFinite(b.min) || b.min < 0 || b.min > 100) err(`bands[${i}].min`, 'BAND_MIN_INVALID', '分数线须在 0 到 100 之间');
      else if (i > 0 && !(b.min < bands[i - 1].min)) err(`bands[${i}].min`, 'BANDS_NOT_DESCENDING', '分数线须从高到低严格递减');
    });
    const last = bands[bands.length - 1];
    if (last.min !== 0 || last.grade !== Grade.Fail) err('bands', 'BANDS_LAST_NOT_FAIL', '最后一档须为「不合格」且分数线为 0');
    for (const g of GRADES) {
      const n = bands.filter((b) => b.grade === g).length;
      if (n !== 1) err('bands', 'BANDS_GRADE_MISSING', `等次「${GRADE_LABELS[g]}」须恰好出现一次`);
    }
    for (let i = 1; i < bands.length; i++) {
      if (GRADES.includes(bands[i].grade) && GRADES.includes(bands[i - 1].grade) && GRADE_RANK[bands[i].grade] <= GRADE_RANK[bands[i - 1].grade]) {
        err(`bands[${i}].grade`, 'BANDS_ORDER_INVALID', '等次须按 优秀、良好、合格、不合格 的顺序排列');
      }
    }
  }
  return errors;
}

/**
 * Checks one scoring sheet against its standard. Field paths like 'deductions[0].points'.
 * A criterion may be deducted at most once (CRITERION_DUPLICATED), a veto code at most once (VETO_DUPLICATED).
 */
export function validateSheet(s: ScoringStandard, sheet: ScoreSheet): FieldError[] {
  const errors: FieldError[] = [];
  const err = (field: string, code: string, message: string) => errors.push({ field, code, message });
  const criteria = new Map<string, Criterion>();
  for (const section of s.sections) for (const c of section.criteria) criteria.set(c.code, c);
  const basic = new Set(s.basicCriteria.map((c) => c.code));

  const used = new Set<string>();
  sheet.deductions.forEach((d, i) => {
    const base = `deductions[${i}]`;
    const criterion = criteria.get(d.criterionCode);
    if (!criterion) {
      err(`${base}.criterionCode`, 'CRITERION_UNKNOWN', `评查标准 ${s.code} 中没有评查项 ${d.criterionCode}`);
    } else if (used.has(d.criterionCode)) {
      err(`${base}.criterionCode`, 'CRITERION_DUPLICATED', `评查项「${criterion.title}」只能扣分一次`);
    }
    used.add(d.criterionCode);
    if (typeof d.points !== 'number' || !Number.isFinite(d.points) || d.points <= 0) {
      err(`${base}.points`, 'DEDUCTION_INVALID', '扣分须大于 0');
    } else if (criterion && d.points > criterion.maxDeduction) {
      err(`${base}.points`, 'DEDUCTION_OVER_MAX', `「${criterion.title}」最多扣 ${criterion.maxDeduction} 分`);
    } else if (!Number.isInteger(d.points * 2)) {
      err(`${base}.points`, 'DEDUCTION_STEP', '扣分须为 0.5 的整数倍');
    }
    if (!isNonEmpty(d.note)) err(`${base}.note`, 'NOTE_REQUIRED', '每项扣分须写明存在的问题');
  });

  const vetoed = new Set<string>();
  sheet.vetoes.forEach((v, i) => {
    const base = `vetoes[${i}]`;
    if (!basic.has(v.criterionCode)) {
      err(`${base}.criterionCode`, 'VETO_UNKNOWN', `评查标准 ${s.code} 的基础标准中没有 ${v.criterionCode}`);
    } else if (vetoed.has(v.criterionCode)) {
      err(`${base}.criterionCode`, 'VETO_DUPLICATED', `基础标准 ${v.criterionCode} 重复`);
    }
    vetoed.add(v.criterionCode);
    if (!isNonEmpty(v.note)) err(`${base}.note`, 'NOTE_REQUIRED', '一票否决须写明理由');
  });
  return errors;
}

/** The grade of a score by the standard's bands (the first band whose min the score reaches). */
export function gradeFor(s: Pick<ScoringStandard, 'bands'>, score: number): Grade {
  for (const band of s.bands) if (score >= band.min) return band.grade;
  return Grade.Fail;
}

/** A vetoed file that is not failed outright is at best 良好. */
function capVetoed(grade: Grade): Grade {
  return grade === Grade.Excellent ? Grade.Good : grade;
}

/**
 * Scores a sheet (validate it first: unknown criteria are ignored here). Each section loses at most
 * its points (never negative); the score is the sum of the section scores, to 2 decimals. A veto
 * gives 0 / 不合格 when vetoMeansFail, otherwise keeps the score but caps the grade at 良好.
 */
export function scoreSheet(s: ScoringStandard, sheet: ScoreSheet): SheetResult {
  const sectionOf = new Map<string, number>();
  s.sections.forEach((section, i) => section.criteria.forEach((c) => sectionOf.set(c.code, i)));
  const deducted = s.sections.map(() => 0);
  for (const d of sheet.deductions) {
    const i = sectionOf.get(d.criterionCode);
    if (i !== undefined && Number.isFinite(d.points) && d.points > 0) deducted[i] += d.points;
  }
  const sections = s.sections.map((section, i) => {
    const taken = round(Math.min(section.points, deducted[i]), 2);
    return { code: section.code, points: section.points, deducted: taken, score: round(section.points - taken, 2) };
  });
  const vetoed = sheet.vetoes.length > 0;
  let score = round(
    sections.reduce((sum, x) => sum + x.score, 0),
    2,
  );
  let grade: Grade;
  if (vetoed && s.vetoMeansFail) {
    score = 0;
    grade = Grade.Fail;
  } else {
    grade = gradeFor(s, score);
    if (vetoed) grade = capVetoed(grade);
  }
  return { score, grade, vetoed, sections };
}

/** Bands used by combineReviews when no standard is given (≥90 / ≥80 / ≥60 / below). */
const DEFAULT_BANDS: Pick<ScoringStandard, 'bands'> = {
  bands: [
    { grade: Grade.Excellent, min: 90 },
    { grade: Grade.Good, min: 80 },
    { grade: Grade.Pass, min: 60 },
    { grade: Grade.Fail, min: 0 },
  ],
};

/**
 * Several reviewers' sheets for one file (一卷多人). Rule:
 * - score = mean of the sheets' scores, 2 decimals (a sheet failed by veto counts with its 0);
 * - grade = gradeFor(mean); if any sheet is vetoed, capped at 良好; and if any sheet is vetoed under
 *   a standard whose veto means fail, 不合格. So one reviewer's veto is never averaged away.
 * Pass the standard the sheets were scored with; without it the bands are ≥90 / ≥80 / ≥60 and a
 * vetoed sheet scored 0 / 不合格 is taken as a failing veto (that is what scoreSheet returns when
 * vetoMeansFail). No sheets: 0 / 不合格.
 */
export function combineReviews(
  results: SheetResult[],
  standard?: Pick<ScoringStandard, 'bands' | 'vetoMeansFail'>,
): { score: number; grade: Grade } {
  if (results.length === 0) return { score: 0, grade: Grade.Fail };
  const score = round(results.reduce((sum, r) => sum + r.score, 0) / results.length, 2);
  let grade = gradeFor(standard ?? DEFAULT_BANDS, score);
  const vetoes = results.filter((r) => r.vetoed);
  if (vetoes.length > 0) {
    grade = capVetoed(grade);
    const vetoFails = standard ? standard.vetoMeansFail : vetoes.some((r) => r.grade === Grade.Fail && r.score === 0);
    if (vetoFails) grade = Grade.Fail;
  }
  return { score, grade };
}

/** 优秀单位 bar (DOMAIN.md): at least 85 % excellent files and every file passing. */
export const EXCELLENT_UNIT_RATE = 0.85;

/**
 * One department's review results: average score (2 decimals, 0 without files), the share of
 * excellent files and of passing files (优秀 + 良好 + 合格), both 0..1 to 4 decimals, and whether the
 * unit reaches the excellent-unit bar. A department without files is not an excellent unit.
 */
export function summarizeDepartment(files: FileResult[]): { files: number; averageScore: number; excellentRate: number; passRate: number; excellentUnit: boolean } {
  const n = files.length;
  if (n === 0) return { files: 0, averageScore: 0, excellentRate: 0, passRate: 0, excellentUnit: false };
  const excellent = files.filter((f) => f.grade === Grade.Excellent).length;
  const passing = files.filter((f) => f.grade !== Grade.Fail).length;
  const averageScore = round(files.reduce((sum, f) => sum + f.score, 0) / n, 2);
  const excellentRate = round(excellent / n, 4);
  const passRate = round(passing / n, 4);
  return { files: n, averageScore, excellentRate, passRate, excellentUnit: excellent / n >= EXCELLENT_UNIT_RATE && passing === n };
}

/**
 * 依据 of a problem found under a criterion, as a 监督意见书 cites it: the provision the criterion
 * applies and its clause of the standard, e.g. 《中华人民共和国行政处罚法》第四十四条、第四十五条
 * （评查标准“执法程序”第 2 项）; a criterion without a provision is cited by its clause alone.
 */
export function criterionBasis(s: Pick<ScoringStandard, 'name' | 'sections' | 'basicCriteria'>, code: string): string | undefined {
  for (const section of s.sections) {
    const i = section.criteria.findIndex((c) => c.code === code);
    if (i < 0) continue;
    const clause = `“${section.title}”第 ${i + 1} 项`;
    const basis = section.criteria[i].basis;
    return basis ? `${basis}（评查标准${clause}）` : `《${s.name}》${clause}：${section.criteria[i].title}`;
  }
  const b = s.basicCriteria.findIndex((c) => c.code === code);
  if (b < 0) return undefined;
  const clause = `基础标准第 ${b + 1} 项（一票否决）`;
  const basis = s.basicCriteria[b].basis;
  return basis ? `${basis}（评查标准${clause}）` : `《${s.name}》${clause}：${s.basicCriteria[b].title}`;
}
