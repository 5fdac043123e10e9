/**
 * 年度报告 (the year's 法治政府建设情况报告): the figures it quotes, each counted only from what the
 * cycle recorded and each with what exactly it counts (统计口径, printed in the report's appendix),
 * the five sections of the outline the seeds share, their default drafts with {{placeholders}} where
 * the figures belong, and the fill that puts the figures in. Pure: the counting is done in SQL by
 * the API, which hands the raw counts to `annualReportFigures`.
 */
import type { FieldError } from './errors';
import { GRADE_LABELS, type Grade } from './scoring';

export const AnnualReportSection = {
  Measures: 'measures',
  Problems: 'problems',
  Rectification: 'rectification',
  Leadership: 'leadership',
  NextYear: 'next_year',
} as const;
export type AnnualReportSection = (typeof AnnualReportSection)[keyof typeof AnnualReportSection];

/** The outline, in order, with the headings as the report prints them. */
export const ANNUAL_REPORT_SECTIONS: readonly { code: AnnualReportSection; title: string }[] = [
  { code: 'measures', title: '一、主要举措和成效' },
  { code: 'problems', title: '二、存在问题及原因' },
  { code: 'rectification', title: '三、整改措施' },
  { code: 'leadership', title: '四、党政主要负责人履行推进法治建设第一责任人职责情况' },
  { code: 'next_year', title: '五、下一年度工作安排' },
];

export const isAnnualReportSection = (code: string): code is AnnualReportSection => ANNUAL_REPORT_SECTIONS.some((s) => s.code === code);

/** Longest section body a clerk may save (the column allows 20,000 characters). */
export const ANNUAL_REPORT_SECTION_MAX = 20000;

/** The office's report covers its whole area; a department's draft covers that department only. */
export type AnnualReportScope = 'office' | 'department';

/** What the API counted, for the area or for one department. */
export interface AnnualReportCounts {
  departmentsCovered: number;
  departmentsReviewed: number;
  tasks: { total: number; completed: number; onTime: number; overdue: number };
  selfChecks: { submitted: number; onTime: number; accepted: number; notSubmitted: number };
  files: {
    drawn: number;
    reviewed: number;
    passing: number;
    excellent: number;
    /** Sum of the reviewed files' combined scores. */
    scoreSum: number;
    vetoed: number;
  };
  findings: number;
  opinionItems: number;
  letters: { issued: number; acknowledgedInTime: number };
  rectification: { total: number; closed: number; closedOnTime: number; carriedOver: number; carriedIn: number };
  escalations: { remind: number; urge: number; interview: number; notice: number };
  /**
   * The latest published assessment: the area's grade distribution, or the department's own grade.
   * null: none published yet.
   */
  assessment: { version: number; grades: Record<Grade, number>; ownGrade?: Grade | null } | null;
}

export interface AnnualReportFigure {
  key: string;
  label: string;
  /** A number, a text (the assessment's distribution), or null when a rate has nothing to divide by. */
  value: number | string | null;
  unit: string;
  /** What exactly it counts (统计口径). */
  counts: string;
  /** As it is put into the text: the number (with '%' for a rate), '—' for a rate without a denominator. */
  text: string;
}

/** Share in per cent, one decimal; null when there is nothing to divide by (never NaN, never 0 %). */
export function percent(numerator: number, denominator: number): number | null {
  if (!(denominator > 0)) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
}

function average(sum: number, n: number): number | null {
  if (!(n > 0)) return null;
  return Math.round((sum / n) * 100) / 100;
}

const GRADE_ORDER: Grade[] = ['excellent', 'good', 'pass', 'fail'];

/** '优秀2家、良好3家、合格1家、不合格0家'. */
export function gradeDistributionText(grades: Record<Grade, number>): string {
  return GRADE_ORDER.map((g) => `${GRADE_LABELS[g]}${grades[g] ?? 0}家`).join('、');
}

/** The figure catalogue, in the order the appendix lists it. */
export function annualReportFigures(c: AnnualReportCounts, scope: AnnualReportScope): AnnualReportFigure[] {
  const whose = scope === 'office' ? '本周期覆盖的全部执法部门' : '本单位';
  const figures: Omit<AnnualReportFigure, 'text'>[] = [
    {
      key: 'departments_covered', label: scope === 'office' ? '覆盖执法部门' : '纳入本周期的单位', value: c.departmentsCovered, unit: '家',
      counts: scope === 'office' ? '发布年度工作周期时纳入的执法部门数（campaign_departments）' : '本单位纳入本年度工作周期计 1 家',
    },
    { key: 'departments_reviewed', label: '被抽查案卷的单位', value: c.departmentsReviewed, unit: '家', counts: '本周期抽取的案卷（sampled_files）所属的不同单位数' },
    { key: 'tasks_total', label: '下达工作任务', value: c.tasks.total, unit: '项', counts: `年度工作要点分解到${whose}的任务数（tasks），每个单位每项要点计一项` },
    { key: 'tasks_completed', label: '已完成任务', value: c.tasks.completed, unit: '项', counts: '已报送完成情况的任务数，含逾期后才报送的' },
    { key: 'tasks_on_time', label: '按期完成任务', value: c.tasks.onTime, unit: '项', counts: '在完成时限前报送完成情况的任务数' },
    { key: 'tasks_overdue', label: '逾期任务', value: c.tasks.overdue, unit: '项', counts: '逾期后才报送完成情况的任务数，加上已过完成时限仍未完成的任务数' },
    { key: 'task_on_time_rate', label: '任务按期完成率', value: percent(c.tasks.onTime, c.tasks.total), unit: '%', counts: '按期完成任务数 ÷ 下达任务数；没有任务时不计算' },
    { key: 'self_checks_submitted', label: '报送自查', value: c.selfChecks.submitted, unit: '家', counts: '报送过自查报告的单位数（self_check_versions），含逾期报送的' },
    { key: 'self_checks_on_time', label: '按时报送自查', value: c.selfChecks.onTime, unit: '家', counts: '第一次报送在自查截止前的单位数' },
    { key: 'self_checks_accepted', label: '自查审核通过', value: c.selfChecks.accepted, unit: '家', counts: '自查经监督科审核通过的单位数' },
    { key: 'self_checks_not_submitted', label: '逾期未报自查', value: c.selfChecks.notSubmitted, unit: '家', counts: '自查截止时仍未报送的单位数（逾期不报视为未开展）' },
    { key: 'files_drawn', label: '抽查案卷', value: c.files.drawn, unit: '本', counts: '本周期随机抽取的案卷数（sampled_files），含尚未评查完成的' },
    { key: 'files_reviewed', label: '完成评查案卷', value: c.files.reviewed, unit: '本', counts: '抽取的案卷中，分配的评查人员全部提交评查表的案卷数' },
    { key: 'file_pass_rate', label: '案卷合格率', value: percent(c.files.passing, c.files.reviewed), unit: '%', counts: '完成评查的案卷中等次为优秀、良好、合格的比例；没有完成评查的案卷时不计算' },
    { key: 'file_excellent_rate', label: '案卷优秀率', value: percent(c.files.excellent, c.files.reviewed), unit: '%', counts: '完成评查的案卷中等次为优秀的比例；没有完成评查的案卷时不计算' },
    { key: 'file_average_score', label: '案卷平均得分', value: average(c.files.scoreSum, c.files.reviewed), unit: '分', counts: '完成评查的案卷综合得分（多名评查人员的平均分）的平均值，百分制' },
    { key: 'files_vetoed', label: '一票否决案卷', value: c.files.vetoed, unit: '本', counts: '完成评查的案卷中，有评查人员认定基础标准不符（一票否决）的案卷数' },
    { key: 'findings', label: '发现问题', value: c.findings, unit: '个', counts: '自查核查与案卷评查记录的问题数（findings）' },
    { key: 'opinion_items', label: '提出监督意见', value: c.opinionItems, unit: '条', counts: '已印发的监督意见书（含补充意见书）中的意见条目数，不含起草时删去的' },
    { key: 'letters_issued', label: '下达监督意见书', value: c.letters.issued, unit: '份', counts: '已编文号印发的监督意见书份数（含补充意见书）' },
    { key: 'letters_acknowledged_in_time', label: '按期签收意见书', value: c.letters.acknowledgedInTime, unit: '份', counts: '在签收期限内签收的监督意见书份数' },
    { key: 'rectification_items', label: '整改事项', value: c.rectification.total, unit: '项', counts: '本周期意见条目生成的整改事项数，不含经复查撤销的' },
    { key: 'rectification_closed', label: '整改销号', value: c.rectification.closed, unit: '项', counts: '经监督科审核通过、予以销号的整改事项数' },
    { key: 'rectification_closure_rate', label: '整改销号率', value: percent(c.rectification.closed, c.rectification.total), unit: '%', counts: '整改销号数 ÷ 整改事项数；没有整改事项时不计算' },
    { key: 'rectification_on_time_rate', label: '按期整改率', value: percent(c.rectification.closedOnTime, c.rectification.total), unit: '%', counts: '在整改期限（含批准延期后的期限）内销号的事项数 ÷ 整改事项数；没有整改事项时不计算' },
    { key: 'rectification_carried_over', label: '结转下年度整改事项', value: c.rectification.carriedOver, unit: '项', counts: '本周期结束时仍未销号、结转下一年度继续整改的事项数（rectification_carryovers）' },
    { key: 'rectification_carried_in', label: '上年度结转整改事项', value: c.rectification.carriedIn, unit: '项', counts: '上一年度结束时未销号、结转本年度继续整改的事项数（rectification_carryovers）' },
    { key: 'escalations_remind', label: '到期提醒', value: c.escalations.remind, unit: '次', counts: '整改期限届满前发出的提醒次数（escalations，提醒）' },
    { key: 'escalations_urge', label: '催办', value: c.escalations.urge, unit: '次', counts: '逾期后催办的次数（escalations，催办）' },
    { key: 'escalations_interview', label: '约谈', value: c.escalations.interview, unit: '次', counts: '逾期未办、约谈单位负责人的次数（escalations，约谈）' },
    { key: 'escalations_notice', label: '通报', value: c.escalations.notice, unit: '次', counts: '逾期未办、予以通报的次数（escalations，通报）' },
    scope === 'office'
      ? {
          key: 'assessment_grades', label: '考核等次分布', unit: '',
          value: c.assessment ? gradeDistributionText(c.assessment.grades) : '尚未发布',
          counts: c.assessment ? `最新发布的考核结果（第 ${c.assessment.version} 版）中各等次的单位数` : '本周期尚未发布考核结果',
        }
      : {
          key: 'assessment_grades', label: '本单位考核等次', unit: '',
          value: c.assessment ? (c.assessment.ownGrade ? GRADE_LABELS[c.assessment.ownGrade] : '未参加考核') : '尚未发布',
          counts: c.assessment ? `最新发布的考核结果（第 ${c.assessment.version} 版）中本单位的等次` : '本周期尚未发布考核结果',
        },
  ];
  return figures.map((f) => ({ ...f, text: figureText(f) }));
}

function figureText(f: Pick<AnnualReportFigure, 'value' | 'unit'>): string {
  if (f.value === null) return '—';
  if (typeof f.value === 'string') return f.value;
  return f.unit === '%' ? `${f.value}%` : String(f.value);
}

/** A figure's value as the appendix prints it: '33本', '83.3%', '—（无可计算的数据）'. */
export function figureValueText(f: Pick<AnnualReportFigure, 'value' | 'unit'>): string {
  if (f.value === null) return '—（不计算）';
  if (typeof f.value === 'string') return f.value;
  return `${f.value}${f.unit}`;
}

/** The keys every catalogue has (the office's and a department's share them). */
export const ANNUAL_REPORT_FIGURE_KEYS: readonly string[] = annualReportFigures(emptyCounts(), 'office').map((f) => f.key);

export function emptyCounts(): AnnualReportCounts {
  return {
    departmentsCovered: 0, departmentsReviewed: 0,
    tasks: { total: 0, completed: 0, onTime: 0, overdue: 0 },
    selfChecks: { submitted: 0, onTime: 0, accepted: 0, notSubmitted: 0 },
    files: { drawn: 0, reviewed: 0, passing: 0, excellent: 0, scoreSum: 0, vetoed: 0 },
    findings: 0, opinionItems: 0,
    letters: { issued: 0, acknowledgedInTime: 0 },
    rectification: { total: 0, closed: 0, closedOnTime: 0, carriedOver: 0, carriedIn: 0 },
    escalations: { remind: 0, urge: 0, interview: 0, notice: 0 },
    assessment: null,
  };
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders a text uses, in order of first use. */
export function placeholdersIn(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** Why a section body cannot be saved: too long, empty, or a placeholder that names no figure. */
export function validateSectionBody(body: string, field = 'body'): FieldError[] {
  const errors: FieldError[] = [];
  if (body.trim() === '') errors.push({ field, code: 'REQUIRED', message: '正文不能为空；如本节暂无内容，可保留默认草稿' });
  if ([...body].length > ANNUAL_REPORT_SECTION_MAX) errors.push({ field, code: 'TOO_LONG', message: `正文不能超过 ${ANNUAL_REPORT_SECTION_MAX} 字，请精简或分节撰写` });
  const unknown = placeholdersIn(body).filter((k) => !ANNUAL_REPORT_FIGURE_KEYS.includes(k));
  if (unknown.length > 0) {
    errors.push({
      field, code: 'UNKNOWN_PLACEHOLDER',
      message: `正文引用了不存在的数据项：${unknown.map((k) => `{{${k}}}`).join('、')}。请用「插入数据」选择数据项，或删去该占位符`,
    });
  }
  return errors;
}

/** The text with each {{key}} replaced by its figure; an unknown key stays as written (saving refuses it). */
export function fillSection(body: string, figures: readonly Pick<AnnualReportFigure, 'key' | 'text'>[]): string {
  const byKey = new Map(figures.map((f) => [f.key, f.text]));
  return body.replace(PLACEHOLDER, (whole, key: string) => byKey.get(key) ?? whole);
}

/** The figures a set of section bodies quotes, in catalogue order (the appendix lists these). */
export function quotedFigures<F extends Pick<AnnualReportFigure, 'key'>>(bodies: readonly string[], figures: readonly F[]): F[] {
  const used = new Set(bodies.flatMap(placeholdersIn));
  return figures.filter((f) => used.has(f.key));
}

const OFFICE_DRAFTS: Record<AnnualReportSection, string> = {
  measures: [
    '（一）扎实推进年度工作要点落实。将年度法治政府建设工作要点逐项分解到{{departments_covered}}家执法部门，共下达工作任务{{tasks_total}}项，已完成{{tasks_completed}}项，其中按期完成{{tasks_on_time}}项，按期完成率{{task_on_time_rate}}。',
    '（二）组织开展行政执法自查。组织各执法部门围绕行政执法公示、执法全过程记录、重大执法决定法制审核“三项制度”和案卷管理开展自查，{{self_checks_submitted}}家单位报送自查报告，其中按时报送{{self_checks_on_time}}家，经审核通过{{self_checks_accepted}}家。',
    '（三）深入开展行政执法案卷评查。坚持随机抽取、交叉评查、一卷一表，全年共抽查{{departments_reviewed}}家单位{{files_drawn}}本案卷，已完成评查{{files_reviewed}}本，平均得分{{file_average_score}}分，合格率{{file_pass_rate}}，优秀率{{file_excellent_rate}}。',
    '（四）强化行政执法监督。针对自查核查和案卷评查发现的{{findings}}个问题，提出监督意见{{opinion_items}}条，下达监督意见书{{letters_issued}}份，按期签收{{letters_acknowledged_in_time}}份。',
    '（五）开展年度法治政府建设考核。考核结果：{{assessment_grades}}。',
  ].join('\n'),
  problems: [
    '一是工作任务推进不够平衡。全年有{{tasks_overdue}}项任务未能按期完成，个别单位经催办{{escalations_urge}}次、约谈{{escalations_interview}}次、通报{{escalations_notice}}次后才落实。',
    '二是行政执法案卷质量仍有短板。评查中有{{files_vetoed}}本案卷因基础标准不符被一票否决，问题主要集中在执法程序、文书制作、立卷归档等方面。',
    '三是自查工作开展不够扎实。{{self_checks_not_submitted}}家单位逾期未报送自查报告，视为未开展。',
    '产生上述问题的原因：（请结合本地实际补充，如部分执法人员程序意识不强、业务培训不够深入、监督问责刚性不足等）',
  ].join('\n'),
  rectification: [
    '针对监督中发现的问题，督促各执法部门逐项整改、限期销号。全年共交办整改事项{{rectification_items}}项，已整改销号{{rectification_closed}}项，整改销号率{{rectification_closure_rate}}，按期整改率{{rectification_on_time_rate}}；上年度结转的{{rectification_carried_in}}项整改事项继续跟踪督办。',
    '对整改期限届满前的事项发出到期提醒{{escalations_remind}}次，对逾期未整改的单位依规催办、约谈、通报；尚未完成整改的{{rectification_carried_over}}项事项结转下一年度继续整改，并通过“回头看”巩固整改成效。',
  ].join('\n'),
  leadership: [
    '党政主要负责人认真履行推进法治建设第一责任人职责，把法治政府建设与经济社会发展同部署、同推进、同督促、同考核。',
    '（请补充：主要负责人主持研究法治政府建设重要事项、听取工作汇报、带头学法述法、推动解决重大问题等情况。）',
  ].join('\n'),
  next_year: [
    '一是持续推进严格规范公正文明执法，深化行政执法“三项制度”落实。',
    '二是常态化开展行政执法案卷评查，扩大抽查覆盖面，提升案卷质量。',
    '三是对结转的{{rectification_carried_over}}项整改事项跟踪问效，确保按期销号。',
    '四是完善法治政府建设考核评价，强化考核结果运用。',
  ].join('\n'),
};

const DEPARTMENT_DRAFTS: Record<AnnualReportSection, string> = {
  measures: [
    '（一）落实年度法治政府建设工作要点。本单位承担工作任务{{tasks_total}}项，已完成{{tasks_completed}}项，其中按期完成{{tasks_on_time}}项，按期完成率{{task_on_time_rate}}。',
    '（二）开展行政执法自查。围绕行政执法“三项制度”和案卷管理开展自查并报送自查报告。',
    '（三）接受行政执法案卷评查。本年度被抽查案卷{{files_drawn}}本，已完成评查{{files_reviewed}}本，平均得分{{file_average_score}}分，合格率{{file_pass_rate}}，优秀率{{file_excellent_rate}}。',
    '（四）落实监督意见。收到监督意见书{{letters_issued}}份、监督意见{{opinion_items}}条，按期签收{{letters_acknowledged_in_time}}份。年度考核等次：{{assessment_grades}}。',
  ].join('\n'),
  problems: [
    '一是部分工作任务推进不够及时，有{{tasks_overdue}}项任务未能按期完成。',
    '二是行政执法案卷质量有待提升，评查发现问题{{findings}}个，{{files_vetoed}}本案卷被一票否决。',
    '产生上述问题的原因：（请结合本单位实际补充）',
  ].join('\n'),
  rectification: [
    '针对监督意见逐项制定整改措施，共有整改事项{{rectification_items}}项，已整改销号{{rectification_closed}}项，整改销号率{{rectification_closure_rate}}，按期整改率{{rectification_on_time_rate}}。',
    '尚未完成整改的{{rectification_carried_over}}项事项结转下一年度继续整改。',
  ].join('\n'),
  leadership: '本单位主要负责人认真履行推进法治建设第一责任人职责。（请补充：研究部署法治建设、带头学法述法、推动解决重大问题等情况。）',
  next_year: [
    '一是严格落实行政执法“三项制度”，规范执法程序和文书制作。',
    '二是加强执法人员培训，提升案卷质量。',
    '三是按期完成结转的{{rectification_carried_over}}项整改事项。',
  ].join('\n'),
};

/** The draft a section shows until it is first saved. */
export function defaultSectionDraft(section: AnnualReportSection, scope: AnnualReportScope): string {
  return (scope === 'office' ? OFFICE_DRAFTS : DEPARTMENT_DRAFTS)[section];
}

/** '2026年度…报告' title: 'X市司法局关于2026年度法治政府建设情况的报告'. */
export function annualReportTitle(issuer: string, year: number): string {
  return `${issuer}关于${year}年度法治政府建设情况的报告`;
}
