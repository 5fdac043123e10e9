/**
 * 考核 (stage 6): the indicator tree (指标体系), its formulas, the grade bands and unit-level bars,
 * and the explanation of every point. Pure: the facts come in with their timestamps, and
 * `assessDepartment` itself applies the cut-off ("as of") — an event after it does not count.
 */
import type { FieldError } from './errors';
import { ESCALATION_KINDS, ESCALATION_LABELS, type EscalationKind, type Period } from './rectification';
import { GRADE_LABELS, GRADES, Grade } from './scoring';
import { OFFICIAL_CALENDARS } from './holidays';
import { shanghaiDate, workingDaysBetween, type OfficialCalendars } from './working-days';

/** What a computed leaf measures. Each has one formula in `MEASURES` below. */
export const Measure = {
  TasksOnTime: 'tasks_on_time',
  SelfCheckOnTime: 'self_check_on_time',
  SelfCheckAccepted: 'self_check_accepted',
  FilePassRate: 'file_pass_rate',
  FileExcellentRate: 'file_excellent_rate',
  FileAverageScore: 'file_average_score',
  VetoedFiles: 'vetoed_files',
  RectificationClosureRate: 'rectification_closure_rate',
  RectificationOnTimeRate: 'rectification_on_time_rate',
  LettersAcknowledgedInTime: 'letters_acknowledged_in_time',
  EscalationDeductions: 'escalation_deductions',
} as const;
export type Measure = (typeof Measure)[keyof typeof Measure];
export const MEASURES_LIST: readonly Measure[] = Object.values(Measure);

export const MEASURE_LABELS: Record<Measure, string> = {
  tasks_on_time: '工作任务按时完成率 × 分值',
  self_check_on_time: '自查按时报送得满分，逾期报送或逾期不报（视为未开展）不得分',
  self_check_accepted: '自查经审核通过得满分，逾期不报（视为未开展）或未通过不得分',
  file_pass_rate: '抽查案卷合格率 × 分值',
  file_excellent_rate: '抽查案卷优秀率 × 分值',
  file_average_score: '抽查案卷平均分 ÷ 100 × 分值',
  vetoed_files: '每有一本案卷被一票否决扣减规定分值，扣完为止',
  rectification_closure_rate: '到期整改事项销号率 × 分值',
  rectification_on_time_rate: '已销号整改事项按期销号率 × 分值',
  letters_acknowledged_in_time: '监督意见书按期签收率 × 分值',
  escalation_deductions: '每次催办、约谈、通报按规定分值扣减，扣完为止',
};

/** One node of the tree. A node with children scores their sum; a leaf is computed (`measure`) or scored by the office. */
export interface Indicator {
  code: string;
  name: string;
  /** 分值: the children's points sum to it; the level-1 indicators' points sum to 100. */
  points: number;
  children?: Indicator[];
  /** Leaves only. Absent: scored by the office (0..points, with a note; unscored counts full — 扣分制). */
  measure?: Measure;
  /** vetoed_files: points per vetoed file. */
  pointsPerFile?: number;
  /** 评分标准 the office reads when scoring the leaf. */
  guidance?: string;
}

/** To reach `grade`, a unit whose files were reviewed must also meet these rates (0..1); otherwise it is one grade lower. */
export interface UnitBar {
  grade: Grade;
  minExcellentRate: number;
  minPassRate: number;
}

export interface IndicatorTree {
  code: string;
  name: string;
  indicators: Indicator[];
  /** Descending; the first band whose min the score reaches gives the grade. */
  bands: { grade: Grade; min: number }[];
  unitBars: UnitBar[];
  /** Points one escalation step costs (escalation_deductions). */
  escalationPoints: Record<EscalationKind, number>;
  /** 异议期限: how long after publication a department may object. */
  objectionWindow: Period;
}

export const LEVEL_LABELS = ['一级指标', '二级指标', '三级指标'] as const;
export const MAX_LEVELS = 3;

/** What the cycle recorded for one department, with timestamps (ISO 8601). Later events are cut off by `asOf`. */
export interface AssessmentFacts {
  departmentId: string;
  tasks: { id: string; title: string; dueAt: string; completedAt: string | null }[];
  selfCheck: {
    /** End of the self-check window; null when the campaign set none. */
    closesAt: string | null;
    submissions: { version: number; submittedAt: string; decision: 'accepted' | 'returned' | null; decidedAt: string | null }[];
  };
  /** Drawn files whose review was complete, with the time it completed. */
  files: { caseFileId: string; caseNumber: string; reviewedAt: string; score: number; grade: Grade; vetoes: string[] }[];
  letters: { id: string; documentNumber: string; issuedAt: string; acknowledgeDueAt: string; acknowledgedAt: string | null }[];
  /** Rectification items of this campaign and those carried over into it (`carriedFromYear`). */
  items: {
    id: string;
    title: string;
    originalDeadlineAt: string;
    /** Approved extensions: the deadline moves to `deadlineAt` from `approvedAt` on. */
    extensions: { approvedAt: string; deadlineAt: string }[];
    closedAt: string | null;
    carriedFromYear?: number;
  }[];
  escalations: { id: string; kind: EscalationKind; at: string; subject: string }[];
  officeScores: Record<string, { score: number; note: string; scoredAt: string; attachments?: { id: string; fileName: string }[] }>;
}

/** One event behind a point: what it was, when, and what it cost. */
export interface Evidence {
  type: 'task' | 'self_check' | 'case_file' | 'opinion_letter' | 'rectification_item' | 'escalation' | 'office_score';
  id: string;
  at: string | null;
  text: string;
  /** Points lost by this event, when it can be told apart. */
  lost?: number;
}

export interface IndicatorResult {
  code: string;
  name: string;
  level: number;
  points: number;
  score: number;
  /** The formula or the office's scoring, in words, with the figures it used. */
  explanation: string;
  evidence: Evidence[];
  measure?: Measure;
  /** Office-scored leaves: whether the office entered a score (unscored counts full). */
  scored?: boolean;
  children?: IndicatorResult[];
}

export interface DepartmentAssessment {
  departmentId: string;
  score: number;
  grade: Grade;
  /** Why the grade is below what the score's band gives (unit bars), in words; empty when it is not. */
  gradeNotes: string[];
  files: { reviewed: number; excellentRate: number; passRate: number };
  indicators: IndicatorResult[];
}

export interface RankedAssessment extends DepartmentAssessment {
  rank: number;
}

export const DEFAULT_ASSESSMENT_BANDS: IndicatorTree['bands'] = [
  { grade: Grade.Excellent, min: 90 },
  { grade: Grade.Good, min: 80 },
  { grade: Grade.Pass, min: 60 },
  { grade: Grade.Fail, min: 0 },
];

const round2 = (v: number) => Math.round((v + Number.EPSILON) * 100) / 100;
const pct = (v: number) => `${round2(v * 100)}%`;
const ms = (iso: string) => Date.parse(iso);

function* walk(nodes: Indicator[], level = 1): Generator<{ node: Indicator; level: number }> {
  for (const node of nodes) {
    yield { node, level };
    if (node.children) yield* walk(node.children, level + 1);
  }
}

/** The leaves of a tree, in order, with their level. */
export function indicatorLeaves(tree: Pick<IndicatorTree, 'indicators'>): { node: Indicator; level: number }[] {
  return [...walk(tree.indicators)].filter(({ node }) => !node.children?.length);
}

/** Office-scored leaves (no measure). */
export const officeLeaves = (tree: Pick<IndicatorTree, 'indicators'>) => indicatorLeaves(tree).filter(({ node }) => !node.measure);

/**
 * Checks a tree: codes unique, at most three levels, points positive with at most 2 decimals, each
 * parent's children summing to its points and the level-1 points to 100, measures known, bands
 * descending and ending at 0 with 不合格, bars and escalation points in range.
 */
export function validateIndicatorTree(tree: IndicatorTree, field = 'tree'): FieldError[] {
  const errors: FieldError[] = [];
  const err = (f: string, code: string, message: string) => errors.push({ field: f, code, message });
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(tree)) return [{ field, code: 'NOT_OBJECT', message: `${field} 须为指标体系对象` }];
  if (typeof tree?.code !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(tree.code)) err(`${field}.code`, 'TREE_CODE_INVALID', '指标体系代码须为 1–40 位字母、数字、下划线或连字符');
  if (typeof tree?.name !== 'string' || tree.name.trim() === '' || tree.name.length > 100) err(`${field}.name`, 'TREE_NAME_INVALID', '指标体系名称须为 1–100 个字符');
  if (!Array.isArray(tree?.indicators) || tree.indicators.length === 0) {
    err(`${field}.indicators`, 'TREE_EMPTY', '指标体系至少须有一项一级指标');
    return errors;
  }
  const seen = new Set<string>();
  const check = (nodes: Indicator[], path: string, level: number, parentPoints: number | null) => {
    let sum = 0;
    nodes.forEach((n, i) => {
      const at = `${path}[${i}]`;
      if (!isObject(n)) {
        err(at, 'NOT_OBJECT', `${at} 须为指标对象`);
        return;
      }
      if (typeof n?.code !== 'string' || n.code.trim() === '' || n.code.length > 20) err(`${at}.code`, 'INDICATOR_CODE_INVALID', '指标编号须为 1–20 个字符');
      else if (seen.has(n.code)) err(`${at}.code`, 'INDICATOR_CODE_DUPLICATE', `指标编号 ${n.code} 重复`);
      else seen.add(n.code);
      if (typeof n?.name !== 'string' || n.name.trim() === '' || n.name.length > 200) err(`${at}.name`, 'INDICATOR_NAME_INVALID', '指标名称须为 1–200 个字符');
      if (typeof n?.points !== 'number' || !(n.points > 0) || round2(n.points) !== n.points) err(`${at}.points`, 'INDICATOR_POINTS_INVALID', '指标分值须为大于 0、至多两位小数的数');
      else sum += n.points;
      if (n.children !== undefined && !Array.isArray(n.children)) err(`${at}.children`, 'NOT_ARRAY', '下级指标须为数组');
      const children = Array.isArray(n.children) ? n.children : [];
      if (children.length > 0) {
        if (level >= MAX_LEVELS) err(`${at}.children`, 'INDICATOR_TOO_DEEP', '指标体系至多三级');
        else check(children, `${at}.children`, level + 1, n.points);
        if (n.measure) err(`${at}.measure`, 'INDICATOR_MEASURE_ON_PARENT', '有下级指标的指标不能设置计算方式');
      } else if (n.measure !== undefined && !MEASURES_LIST.includes(n.measure)) {
        err(`${at}.measure`, 'INDICATOR_MEASURE_UNKNOWN', `计算方式须为 ${MEASURES_LIST.join('、')} 之一，或不填（由监督科评分）`);
      } else if (n.measure === Measure.VetoedFiles && !(typeof n.pointsPerFile === 'number' && n.pointsPerFile > 0)) {
        err(`${at}.pointsPerFile`, 'INDICATOR_POINTS_PER_FILE_INVALID', '一票否决案卷的每卷扣分须大于 0');
      }
    });
    const total = round2(sum);
    if (parentPoints === null && total !== 100) err(path, 'TREE_POINTS_NOT_100', `一级指标分值合计须为 100，当前为 ${total}`);
    if (parentPoints !== null && total !== parentPoints) err(path, 'INDICATOR_POINTS_MISMATCH', `下级指标分值合计 ${total} 与上级指标分值 ${parentPoints} 不一致`);
  };
  check(tree.indicators, `${field}.indicators`, 1, null);
  const bands = tree.bands ?? [];
  const bandsOk =
    Array.isArray(bands) && bands.length === GRADES.length && GRADES.every((g, i) => bands[i]?.grade === g) && bands.at(-1)?.min === 0 &&
    bands.every((b, i) => isObject(b) && typeof b.min === 'number' && b.min >= 0 && b.min <= 100 && (i === 0 || b.min < bands[i - 1].min));
  if (!bandsOk) err(`${field}.bands`, 'BANDS_INVALID', '等次分数线须依次为优秀、良好、合格、不合格，分数递减，不合格为 0');
  if (!Array.isArray(tree.unitBars)) err(`${field}.unitBars`, 'NOT_ARRAY', '单位条件须为数组（可为空）');
  for (const [i, bar] of (Array.isArray(tree.unitBars) ? tree.unitBars : []).entries()) {
    if (!isObject(bar) || !GRADES.includes(bar.grade) || bar.grade === Grade.Fail) err(`${field}.unitBars[${i}].grade`, 'UNIT_BAR_GRADE_INVALID', '单位条件的等次须为优秀、良好或合格');
    for (const k of ['minExcellentRate', 'minPassRate'] as const) {
      if (typeof bar?.[k] !== 'number' || bar[k] < 0 || bar[k] > 1) err(`${field}.unitBars[${i}].${k}`, 'UNIT_BAR_RATE_INVALID', '比例须为 0 至 1 之间的数');
    }
  }
  for (const kind of ESCALATION_KINDS) {
    const p = isObject(tree.escalationPoints) ? tree.escalationPoints[kind] : undefined;
    if (typeof p !== 'number' || p < 0 || p > 100) err(`${field}.escalationPoints.${kind}`, 'ESCALATION_POINTS_INVALID', `${ESCALATION_LABELS[kind]}扣分须为 0 至 100 之间的数`);
  }
  const w = tree.objectionWindow;
  if (!(isObject(w) && Number.isInteger(w.amount) && w.amount >= 1 && w.amount <= 60 && (w.unit === 'calendar_days' || w.unit === 'working_days'))) {
    err(`${field}.objectionWindow`, 'OBJECTION_WINDOW_INVALID', '异议期限须为 1 至 60 天（自然日或工作日）');
  }
  return errors;
}

interface Context {
  tree: IndicatorTree;
  facts: AssessmentFacts;
  asOf: number;
  calendars: OfficialCalendars;
}

type Formula = (leaf: Indicator, c: Context) => { score: number; explanation: string; evidence: Evidence[] };

const lateDays = (c: Context, fromIso: string, toMs: number) => workingDaysBetween(shanghaiDate(ms(fromIso)), shanghaiDate(toMs), c.calendars);

/** A ratio of the points; nothing to count gives full points (nothing went wrong). */
function ratio(leaf: Indicator, good: number, counted: number, what: string, none: string): { score: number; explanation: string } {
  if (counted === 0) return { score: leaf.points, explanation: `${none}，得满分 ${leaf.points} 分` };
  const score = round2((leaf.points * good) / counted);
  return { score, explanation: `${what} ${good}/${counted}（${pct(good / counted)}）× ${leaf.points} 分 = ${score} 分` };
}

function filesReviewed(c: Context) {
  return c.facts.files.filter((f) => ms(f.reviewedAt) <= c.asOf);
}

function deadlineAsOf(item: AssessmentFacts['items'][number], at: number): number {
  let deadline = ms(item.originalDeadlineAt);
  let approvedAt = -Infinity;
  for (const e of item.extensions) {
    const t = ms(e.approvedAt);
    if (t <= at && t >= approvedAt) {
      approvedAt = t;
      deadline = ms(e.deadlineAt);
    }
  }
  return deadline;
}

const itemLabel = (i: AssessmentFacts['items'][number]) => `整改事项「${i.title}」${i.carriedFromYear ? `（${i.carriedFromYear}年度结转）` : ''}`;

/** The formula of every measure, by name. */
export const MEASURES: Record<Measure, Formula> = {
  tasks_on_time(leaf, c) {
    const counted = c.facts.tasks.filter((t) => ms(t.dueAt) <= c.asOf || (t.completedAt !== null && ms(t.completedAt) <= c.asOf));
    const evidence: Evidence[] = [];
    let good = 0;
    for (const t of counted) {
      const done = t.completedAt !== null && ms(t.completedAt) <= c.asOf ? ms(t.completedAt) : null;
      if (done !== null && done <= ms(t.dueAt)) good++;
      else if (done !== null) evidence.push({ type: 'task', id: t.id, at: t.completedAt, text: `任务「${t.title}」逾期 ${lateDays(c, t.dueAt, done)} 个工作日完成` });
      else {
        const days = lateDays(c, t.dueAt, c.asOf);
        evidence.push({ type: 'task', id: t.id, at: t.dueAt, text: `任务「${t.title}」截至考核截止日逾期未完成${days > 0 ? `（已逾期 ${days} 个工作日）` : ''}` });
      }
    }
    const r = ratio(leaf, good, counted.length, '按时完成任务', '截至考核截止日无到期任务');
    const each = counted.length ? leaf.points / counted.length : 0;
    return { ...r, evidence: evidence.map((e) => ({ ...e, lost: round2(each) })) };
  },
  self_check_on_time(leaf, c) {
    const { closesAt, submissions } = c.facts.selfCheck;
    const first = submissions.filter((s) => ms(s.submittedAt) <= c.asOf).sort((a, b) => ms(a.submittedAt) - ms(b.submittedAt))[0];
    if (!closesAt) return { score: leaf.points, explanation: `本周期未设自查截止时间，得满分 ${leaf.points} 分`, evidence: [] };
    if (first && ms(first.submittedAt) <= ms(closesAt)) {
      return { score: leaf.points, explanation: `自查于截止前报送，得满分 ${leaf.points} 分`, evidence: [{ type: 'self_check', id: `v${first.version}`, at: first.submittedAt, text: '自查按时报送' }] };
    }
    if (ms(closesAt) > c.asOf) return { score: leaf.points, explanation: `截至考核截止日自查尚未到报送截止时间，暂得满分 ${leaf.points} 分`, evidence: [] };
    if (first) {
      return { score: 0, explanation: '自查逾期报送，不得分', evidence: [{ type: 'self_check', id: `v${first.version}`, at: first.submittedAt, text: `自查逾期 ${lateDays(c, closesAt, ms(first.submittedAt))} 个工作日报送`, lost: leaf.points }] };
    }
    return { score: 0, explanation: '自查逾期未报送，视为未开展，不得分', evidence: [{ type: 'self_check', id: 'none', at: closesAt, text: '自查截止时仍未报送（逾期不报视为未开展）', lost: leaf.points }] };
  },
  self_check_accepted(leaf, c) {
    const { closesAt, submissions } = c.facts.selfCheck;
    const submitted = submissions.filter((s) => ms(s.submittedAt) <= c.asOf);
    const accepted = submitted.find((s) => s.decision === 'accepted' && s.decidedAt !== null && ms(s.decidedAt) <= c.asOf);
    if (accepted) return { score: leaf.points, explanation: `自查经审核通过，得满分 ${leaf.points} 分`, evidence: [{ type: 'self_check', id: `v${accepted.version}`, at: accepted.decidedAt, text: '自查审核通过' }] };
    if (!closesAt || ms(closesAt) > c.asOf) return { score: leaf.points, explanation: `截至考核截止日自查尚未到报送截止时间，暂得满分 ${leaf.points} 分`, evidence: [] };
    if (submitted.length === 0) return { score: 0, explanation: '自查逾期未报送，视为未开展，不得分', evidence: [{ type: 'self_check', id: 'none', at: closesAt, text: '自查逾期未报送（视为未开展）', lost: leaf.points }] };
    const last = submitted[submitted.length - 1];
    return { score: 0, explanation: '截至考核截止日自查未经审核通过，不得分', evidence: [{ type: 'self_check', id: `v${last.version}`, at: last.submittedAt, text: last.decision === 'returned' ? '自查被退回后未再通过审核' : '自查已报送，尚未审核通过', lost: leaf.points }] };
  },
  file_pass_rate(leaf, c) {
    const files = filesReviewed(c);
    const failing = files.filter((f) => f.grade === Grade.Fail);
    const r = ratio(leaf, files.length - failing.length, files.length, '合格案卷', '本年度未抽取（或尚无评查完成的）案卷');
    return { ...r, evidence: failing.map((f) => ({ type: 'case_file', id: f.caseFileId, at: f.reviewedAt, text: `案卷 ${f.caseNumber} 评查为不合格（${f.score} 分）${f.vetoes.length ? `，一票否决：${f.vetoes.join('；')}` : ''}`, lost: round2(leaf.points / files.length) })) };
  },
  file_excellent_rate(leaf, c) {
    const files = filesReviewed(c);
    const notExcellent = files.filter((f) => f.grade !== Grade.Excellent);
    const r = ratio(leaf, files.length - notExcellent.length, files.length, '优秀案卷', '本年度未抽取（或尚无评查完成的）案卷');
    return { ...r, evidence: notExcellent.map((f) => ({ type: 'case_file', id: f.caseFileId, at: f.reviewedAt, text: `案卷 ${f.caseNumber} 评查为${GRADE_LABELS[f.grade]}（${f.score} 分）`, lost: round2(leaf.points / files.length) })) };
  },
  file_average_score(leaf, c) {
    const files = filesReviewed(c);
    if (files.length === 0) return { score: leaf.points, explanation: `本年度未抽取（或尚无评查完成的）案卷，得满分 ${leaf.points} 分`, evidence: [] };
    const average = round2(files.reduce((s, f) => s + f.score, 0) / files.length);
    const score = round2((leaf.points * average) / 100);
    return {
      score,
      explanation: `${files.length} 本案卷平均 ${average} 分 ÷ 100 × ${leaf.points} 分 = ${score} 分`,
      evidence: files.filter((f) => f.score < 100).map((f) => ({ type: 'case_file', id: f.caseFileId, at: f.reviewedAt, text: `案卷 ${f.caseNumber} 得 ${f.score} 分`, lost: round2((leaf.points * (100 - f.score)) / 100 / files.length) })),
    };
  },
  vetoed_files(leaf, c) {
    const per = leaf.pointsPerFile ?? leaf.points;
    const vetoed = filesReviewed(c).filter((f) => f.vetoes.length > 0);
    const score = round2(Math.max(0, leaf.points - per * vetoed.length));
    return {
      score,
      explanation: vetoed.length === 0 ? `无被一票否决的案卷，得满分 ${leaf.points} 分` : `${vetoed.length} 本案卷被一票否决，每本扣 ${per} 分，扣完为止，得 ${score} 分`,
      evidence: vetoed.map((f) => ({ type: 'case_file', id: f.caseFileId, at: f.reviewedAt, text: `案卷 ${f.caseNumber} 被一票否决：${f.vetoes.join('；')}`, lost: per })),
    };
  },
  rectification_closure_rate(leaf, c) {
    const due = c.facts.items.filter((i) => deadlineAsOf(i, c.asOf) <= c.asOf || (i.closedAt !== null && ms(i.closedAt) <= c.asOf));
    const open = due.filter((i) => i.closedAt === null || ms(i.closedAt) > c.asOf);
    const r = ratio(leaf, due.length - open.length, due.length, '到期整改事项已销号', '截至考核截止日无到期的整改事项');
    return { ...r, evidence: open.map((i) => ({ type: 'rectification_item', id: i.id, at: new Date(deadlineAsOf(i, c.asOf)).toISOString(), text: `${itemLabel(i)}到期未销号（逾期 ${lateDays(c, new Date(deadlineAsOf(i, c.asOf)).toISOString(), c.asOf)} 个工作日）`, lost: round2(leaf.points / due.length) })) };
  },
  rectification_on_time_rate(leaf, c) {
    const closed = c.facts.items.filter((i) => i.closedAt !== null && ms(i.closedAt) <= c.asOf);
    const late = closed.filter((i) => ms(i.closedAt!) > deadlineAsOf(i, ms(i.closedAt!)));
    const r = ratio(leaf, closed.length - late.length, closed.length, '按期销号', '截至考核截止日无已销号的整改事项');
    const moved = closed.filter((i) => !late.includes(i) && deadlineAsOf(i, ms(i.closedAt!)) !== ms(i.originalDeadlineAt));
    return {
      ...r,
      evidence: [
        ...late.map((i) => ({ type: 'rectification_item' as const, id: i.id, at: i.closedAt, text: `${itemLabel(i)}逾期 ${lateDays(c, new Date(deadlineAsOf(i, ms(i.closedAt!))).toISOString(), ms(i.closedAt!))} 个工作日销号`, lost: round2(leaf.points / closed.length) })),
        ...moved.map((i) => ({ type: 'rectification_item' as const, id: i.id, at: i.closedAt, text: `${itemLabel(i)}经批准延期至 ${shanghaiDate(deadlineAsOf(i, ms(i.closedAt!)))}，在延期内销号，不扣分` })),
      ],
    };
  },
  letters_acknowledged_in_time(leaf, c) {
    const counted = c.facts.letters.filter((l) => ms(l.issuedAt) <= c.asOf && (ms(l.acknowledgeDueAt) <= c.asOf || (l.acknowledgedAt !== null && ms(l.acknowledgedAt) <= c.asOf)));
    const bad = counted.filter((l) => l.acknowledgedAt === null || ms(l.acknowledgedAt) > c.asOf || ms(l.acknowledgedAt) > ms(l.acknowledgeDueAt));
    const r = ratio(leaf, counted.length - bad.length, counted.length, '按期签收监督意见书', '截至考核截止日无到期签收的监督意见书');
    return {
      ...r,
      evidence: bad.map((l) => ({
        type: 'opinion_letter',
        id: l.id,
        at: l.acknowledgedAt,
        text: l.acknowledgedAt !== null && ms(l.acknowledgedAt) <= c.asOf ? `监督意见书 ${l.documentNumber} 逾期 ${lateDays(c, l.acknowledgeDueAt, ms(l.acknowledgedAt))} 个工作日签收` : `监督意见书 ${l.documentNumber} 逾期未签收`,
        lost: round2(leaf.points / counted.length),
      })),
    };
  },
  escalation_deductions(leaf, c) {
    const steps = c.facts.escalations.filter((e) => ms(e.at) <= c.asOf && (c.tree.escalationPoints[e.kind] ?? 0) > 0).sort((a, b) => ms(a.at) - ms(b.at));
    const lost = steps.reduce((s, e) => s + c.tree.escalationPoints[e.kind], 0);
    const score = round2(Math.max(0, leaf.points - lost));
    const rule = ESCALATION_KINDS.filter((k) => c.tree.escalationPoints[k] > 0).map((k) => `${ESCALATION_LABELS[k]}扣 ${c.tree.escalationPoints[k]} 分`).join('、');
    return {
      score,
      explanation: steps.length === 0 ? `无催办、约谈、通报，得满分 ${leaf.points} 分` : `${steps.length} 次督办（${rule}），共扣 ${round2(lost)} 分，扣完为止，得 ${score} 分`,
      evidence: steps.map((e) => ({ type: 'escalation', id: e.id, at: e.at, text: `${shanghaiDate(ms(e.at))} ${ESCALATION_LABELS[e.kind]}：${e.subject}`, lost: c.tree.escalationPoints[e.kind] })),
    };
  },
};

function scoreNode(node: Indicator, level: number, c: Context): IndicatorResult {
  const base = { code: node.code, name: node.name, level, points: node.points };
  if (node.children?.length) {
    const children = node.children.map((n) => scoreNode(n, level + 1, c));
    const score = round2(children.reduce((s, r) => s + r.score, 0));
    return { ...base, score, explanation: `下级指标得分合计 ${score} 分`, evidence: [], children };
  }
  if (node.measure) return { ...base, measure: node.measure, ...MEASURES[node.measure](node, c) };
  const entered = c.facts.officeScores[node.code];
  if (entered && ms(entered.scoredAt) <= c.asOf) {
    const score = round2(Math.min(node.points, Math.max(0, entered.score)));
    return {
      ...base,
      score,
      scored: true,
      explanation: `监督科评分 ${score} 分${entered.note ? `：${entered.note}` : ''}`,
      evidence: [{ type: 'office_score', id: node.code, at: entered.scoredAt, text: `监督科评分 ${score}/${node.points} 分${entered.note ? `（${entered.note}）` : ''}${entered.attachments?.length ? `，附件 ${entered.attachments.map((a) => a.fileName).join('、')}` : ''}`, lost: round2(node.points - score) }],
    };
  }
  return { ...base, score: node.points, scored: false, explanation: `监督科未扣分，按满分 ${node.points} 分计`, evidence: [] };
}

function leafScores(results: IndicatorResult[]): IndicatorResult[] {
  return results.flatMap((r) => (r.children ? leafScores(r.children) : [r]));
}

/** The grade of a score by the tree's bands. */
export function assessmentGradeFor(tree: Pick<IndicatorTree, 'bands'>, score: number): Grade {
  for (const band of tree.bands) if (score >= band.min) return band.grade;
  return Grade.Fail;
}

/**
 * The grade after the unit bars: a unit whose files were reviewed and that misses the bar of its
 * grade drops one grade, and again while it misses the next one. Without reviewed files no bar
 * applies (there is nothing to measure).
 */
export function applyUnitBars(tree: Pick<IndicatorTree, 'unitBars'>, grade: Grade, files: DepartmentAssessment['files']): { grade: Grade; notes: string[] } {
  const notes: string[] = [];
  if (files.reviewed === 0) return { grade, notes };
  let g = grade;
  for (;;) {
    const bar = tree.unitBars.find((b) => b.grade === g);
    if (!bar || (files.excellentRate >= bar.minExcellentRate && files.passRate >= bar.minPassRate)) return { grade: g, notes };
    const next = GRADES[GRADES.indexOf(g) + 1];
    notes.push(`评为${GRADE_LABELS[g]}须案卷优秀率不低于 ${pct(bar.minExcellentRate)}、合格率不低于 ${pct(bar.minPassRate)}（本单位 ${pct(files.excellentRate)}、${pct(files.passRate)}），降为${GRADE_LABELS[next]}`);
    g = next;
  }
}

/** One department's assessment as of `asOf` (ISO 8601): every indicator's score, its explanation and the events behind it. */
export function assessDepartment(tree: IndicatorTree, facts: AssessmentFacts, asOf: string, calendars: OfficialCalendars = OFFICIAL_CALENDARS): DepartmentAssessment {
  const c: Context = { tree, facts, asOf: ms(asOf), calendars };
  const indicators = tree.indicators.map((n) => scoreNode(n, 1, c));
  const score = round2(indicators.reduce((s, r) => s + r.score, 0));
  const reviewed = filesReviewed(c);
  const files = {
    reviewed: reviewed.length,
    excellentRate: reviewed.length ? Math.round((reviewed.filter((f) => f.grade === Grade.Excellent).length / reviewed.length) * 10000) / 10000 : 0,
    passRate: reviewed.length ? Math.round((reviewed.filter((f) => f.grade !== Grade.Fail).length / reviewed.length) * 10000) / 10000 : 0,
  };
  const { grade, notes } = applyUnitBars(tree, assessmentGradeFor(tree, score), files);
  return { departmentId: facts.departmentId, score, grade, gradeNotes: notes, files, indicators };
}

/** Ranks by score, highest first; equal scores share a rank (1, 1, 3). */
export function rankAssessments<T extends { score: number }>(results: T[]): (T & { rank: number })[] {
  const sorted = [...results].sort((a, b) => b.score - a.score);
  return sorted.map((r, i) => ({ ...r, rank: i > 0 && sorted[i - 1].score === r.score ? -1 : i + 1 })).map((r, i, all) => ({ ...r, rank: r.rank === -1 ? firstRank(all, i) : r.rank }));
}

function firstRank(all: { score: number; rank: number }[], i: number): number {
  let j = i;
  while (j > 0 && all[j - 1].score === all[i].score) j--;
  return j + 1;
}

/** How many departments fall in each grade. */
export function gradeDistribution(results: { grade: Grade }[]): Record<Grade, number> {
  const out = { excellent: 0, good: 0, pass: 0, fail: 0 } as Record<Grade, number>;
  for (const r of results) out[r.grade]++;
  return out;
}

/** Office-scored leaf counts and leaf scores, for a summary line. */
export function leafSummary(a: DepartmentAssessment): { computed: number; officeScored: number; officeUnscored: number } {
  const leaves = leafScores(a.indicators);
  return { computed: leaves.filter((l) => l.measure).length, officeScored: leaves.filter((l) => l.scored === true).length, officeUnscored: leaves.filter((l) => l.scored === false).length };
}
