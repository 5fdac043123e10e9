/**
 * Every ledger's columns in one place: the Chinese header, the width, and how a row's cell is
 * written. Rows are what ledgers.service.ts reads from the database (one shape per kind); the
 * functions here are pure, so the unit tests read a ledger's rows without a database.
 */
import { CASE_TYPE_LABELS, ESCALATION_LABELS, GRADE_LABELS, RECTIFICATION_STATUS_LABELS, SELF_CHECK_STATUS_LABELS, type CaseType, type EscalationKind, type Grade, type RectificationStatus, type SelfCheckStatus } from '@rol/domain';
import {
  EXTENSION_DECISION_LABELS,
  LETTER_STATUS_LABELS,
  OBJECTION_LABELS,
  SELF_CHECK_DECISION_LABELS,
  TASK_STATUS_LABELS,
  formatDate,
  formatDateTime,
  periodText,
  yesNo,
} from './ledger-format';

export type Cell = string | number | null;

export interface Column<R> {
  header: string;
  /** Column width in characters. */
  width: number;
  value: (row: R) => Cell;
}

const label = (labels: Record<string, string>, value: string | null | undefined) => (value ? (labels[value] ?? value) : '');

export interface TaskRow {
  department_code: string;
  department_name: string;
  priority_code: string;
  priority_title: string;
  title: string;
  due_at: Date;
  status: string;
  completed_at: Date | null;
  completion_note: string | null;
  /** Late now (open past its deadline) or completed late. */
  overdue: boolean;
  /** Working days past the deadline (to completion, or to now while open); null when not late or the calendar lacks the year. */
  overdue_working_days: number | null;
  reminded_at: Date | null;
}

export const TASK_COLUMNS: Column<TaskRow>[] = [
  { header: '部门代码', width: 12, value: (r) => r.department_code },
  { header: '部门名称', width: 24, value: (r) => r.department_name },
  { header: '工作要点编号', width: 12, value: (r) => r.priority_code },
  { header: '工作要点', width: 30, value: (r) => r.priority_title },
  { header: '任务', width: 36, value: (r) => r.title },
  { header: '截止时间', width: 18, value: (r) => formatDateTime(r.due_at) },
  { header: '状态', width: 10, value: (r) => label(TASK_STATUS_LABELS, r.status) },
  { header: '完成时间', width: 18, value: (r) => formatDateTime(r.completed_at) },
  { header: '是否逾期', width: 10, value: (r) => yesNo(r.overdue) },
  { header: '逾期工作日数', width: 14, value: (r) => (r.overdue ? r.overdue_working_days : null) },
  { header: '提醒时间', width: 18, value: (r) => formatDateTime(r.reminded_at) },
  { header: '完成情况说明', width: 40, value: (r) => r.completion_note ?? '' },
];

export interface SelfCheckRow {
  department_code: string;
  department_name: string;
  /** null: the department has not started its self-check. */
  status: SelfCheckStatus | null;
  versions: number;
  submitted_at: Date | null;
  late: boolean | null;
  decision: string | null;
  decided_at: Date | null;
  comment: string | null;
  findings: number;
}

export const SELF_CHECK_COLUMNS: Column<SelfCheckRow>[] = [
  { header: '部门代码', width: 12, value: (r) => r.department_code },
  { header: '部门名称', width: 24, value: (r) => r.department_name },
  { header: '状态', width: 10, value: (r) => (r.status ? SELF_CHECK_STATUS_LABELS[r.status] : '未填报') },
  { header: '报送次数', width: 10, value: (r) => r.versions },
  { header: '报送时间', width: 18, value: (r) => formatDateTime(r.submitted_at) },
  { header: '是否逾期', width: 10, value: (r) => (r.status === 'not_submitted' ? '是（逾期未报）' : yesNo(r.late)) },
  { header: '审核结果', width: 12, value: (r) => label(SELF_CHECK_DECISION_LABELS, r.decision) },
  { header: '审核时间', width: 18, value: (r) => formatDateTime(r.decided_at) },
  { header: '审核意见', width: 36, value: (r) => r.comment ?? '' },
  { header: '核查发现问题数', width: 14, value: (r) => r.findings },
];

export interface ReviewResultRow {
  department_code: string;
  department_name: string;
  case_number: string;
  title: string;
  case_type: CaseType;
  decision_date: string;
  reviewed: boolean;
  reviewers: number;
  score: number | null;
  grade: Grade | null;
  vetoes: { code: string; title: string }[];
  reviewed_at: Date | null;
}

export const REVIEW_RESULT_COLUMNS: Column<ReviewResultRow>[] = [
  { header: '部门代码', width: 12, value: (r) => r.department_code },
  { header: '部门名称', width: 24, value: (r) => r.department_name },
  { header: '案号', width: 24, value: (r) => r.case_number },
  { header: '案卷名称', width: 36, value: (r) => r.title },
  { header: '案件类型', width: 10, value: (r) => CASE_TYPE_LABELS[r.case_type] ?? r.case_type },
  { header: '决定日期', width: 12, value: (r) => r.decision_date },
  { header: '评查状态', width: 10, value: (r) => (r.reviewed ? '已评查' : '评查中') },
  { header: '评查人数', width: 10, value: (r) => r.reviewers },
  { header: '得分', width: 8, value: (r) => r.score },
  { header: '等次', width: 8, value: (r) => (r.grade ? GRADE_LABELS[r.grade] : '') },
  { header: '是否一票否决', width: 12, value: (r) => (r.reviewed ? yesNo(r.vetoes.length > 0) : '') },
  { header: '否决事项', width: 36, value: (r) => r.vetoes.map((v) => v.title).join('；') },
  { header: '评查完成时间', width: 18, value: (r) => formatDateTime(r.reviewed_at) },
];

export interface LetterRow {
  document_number: string;
  department_code: string;
  department_name: string;
  status: string;
  issued_at: Date | null;
  acknowledge_due_at: Date | null;
  acknowledged_at: Date | null;
  position: number | null;
  problem: string | null;
  rule: string | null;
  action: string | null;
  deadline: { amount?: number; unit?: string; date?: string } | null;
  deadline_at: Date | null;
}

export const LETTER_COLUMNS: Column<LetterRow>[] = [
  { header: '文号', width: 22, value: (r) => r.document_number },
  { header: '部门代码', width: 12, value: (r) => r.department_code },
  { header: '部门名称', width: 24, value: (r) => r.department_name },
  { header: '意见书状态', width: 10, value: (r) => label(LETTER_STATUS_LABELS, r.status) },
  { header: '签发时间', width: 18, value: (r) => formatDateTime(r.issued_at) },
  { header: '签收期限', width: 18, value: (r) => formatDateTime(r.acknowledge_due_at) },
  { header: '签收时间', width: 18, value: (r) => formatDateTime(r.acknowledged_at) },
  { header: '是否按期签收', width: 12, value: (r) => (r.acknowledged_at && r.acknowledge_due_at ? yesNo(r.acknowledged_at <= r.acknowledge_due_at) : '') },
  { header: '条目序号', width: 10, value: (r) => r.position },
  { header: '问题', width: 40, value: (r) => r.problem ?? '' },
  { header: '依据', width: 36, value: (r) => r.rule ?? '' },
  { header: '整改要求', width: 40, value: (r) => r.action ?? '' },
  { header: '整改期限', width: 14, value: (r) => periodText(r.deadline) },
  { header: '整改截止时间', width: 18, value: (r) => formatDateTime(r.deadline_at) },
];

export interface RectificationRow {
  department_code: string;
  department_name: string;
  document_number: string;
  position: number;
  problem: string;
  action: string;
  original_deadline_at: Date;
  deadline_at: Date;
  status: RectificationStatus;
  round: number;
  objection: string | null;
  last_report_at: Date | null;
  closed_at: Date | null;
  closed_on_time: boolean | null;
  extensions: { decision: string | null; requested_deadline_at: string; decided_at: string | null }[];
  escalations: { kind: EscalationKind; at: string }[];
  carried_from: number | null;
  carried_to: number | null;
}

/** 督办记录: each step with its day, in order, e.g. 提醒 2026-05-01；催办 2026-05-08. */
export function escalationText(steps: RectificationRow['escalations']): string {
  return [...steps]
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((e) => `${ESCALATION_LABELS[e.kind] ?? e.kind} ${formatDate(e.at)}`)
    .join('；');
}

/** 延期: each request with its outcome, e.g. 申请延至 2026-07-31（同意）. */
export function extensionText(requests: RectificationRow['extensions']): string {
  return requests.map((e) => `申请延至 ${formatDate(e.requested_deadline_at)}（${e.decision ? label(EXTENSION_DECISION_LABELS, e.decision) : '待审批'}）`).join('；');
}

/** 结转: carried over from an earlier year into this one, and/or from this year into the next. */
export function carryOverText(r: Pick<RectificationRow, 'carried_from' | 'carried_to'>): string {
  return [r.carried_from ? `由${r.carried_from}年度结转` : '', r.carried_to ? `结转至${r.carried_to}年度` : ''].filter(Boolean).join('；');
}

function statusText(r: RectificationRow): string {
  const base = RECTIFICATION_STATUS_LABELS[r.status] ?? r.status;
  const notes = [r.round > 1 ? `回头看第 ${r.round} 轮` : '', r.objection ? label(OBJECTION_LABELS, r.objection) : ''].filter(Boolean);
  return notes.length ? `${base}（${notes.join('，')}）` : base;
}

export const RECTIFICATION_COLUMNS: Column<RectificationRow>[] = [
  { header: '部门代码', width: 12, value: (r) => r.department_code },
  { header: '部门名称', width: 24, value: (r) => r.department_name },
  { header: '文号', width: 22, value: (r) => r.document_number },
  { header: '条目序号', width: 10, value: (r) => r.position },
  { header: '意见条目', width: 40, value: (r) => r.problem },
  { header: '整改要求', width: 40, value: (r) => r.action },
  { header: '整改期限（原）', width: 18, value: (r) => formatDateTime(r.original_deadline_at) },
  { header: '整改期限（现）', width: 18, value: (r) => formatDateTime(r.deadline_at) },
  { header: '状态', width: 16, value: statusText },
  { header: '是否销号', width: 10, value: (r) => yesNo(r.status === 'closed') },
  { header: '报送时间', width: 18, value: (r) => formatDateTime(r.last_report_at) },
  { header: '销号日期', width: 12, value: (r) => (r.status === 'closed' ? formatDate(r.closed_at) : '') },
  { header: '是否按期', width: 10, value: (r) => (r.status === 'closed' ? yesNo(r.closed_on_time) : '') },
  { header: '延期', width: 30, value: (r) => extensionText(r.extensions) },
  { header: '督办记录', width: 36, value: (r) => escalationText(r.escalations) },
  { header: '结转', width: 20, value: carryOverText },
];

/** One department of a published assessment version (results.departments[i]). */
export interface AssessmentRow {
  rank: number;
  code: string;
  name: string;
  score: number;
  grade: Grade;
  gradeNotes?: string[];
  indicators: { code: string; name: string; points: number; score: number }[];
}

/** 考核得分表: one column per level-1 indicator (header: name and 分值), taken from the version's first department. */
export function assessmentColumns(indicators: { code: string; name: string; points: number }[], version: number, asOf: string): Column<AssessmentRow>[] {
  return [
    { header: '排名', width: 8, value: (r) => r.rank },
    { header: '部门代码', width: 12, value: (r) => r.code },
    { header: '部门名称', width: 24, value: (r) => r.name },
    ...indicators.map((ind): Column<AssessmentRow> => ({ header: `${ind.name}（${ind.points}分）`, width: Math.max(14, Math.min(30, ind.name.length * 2 + 6)), value: (r) => r.indicators.find((i) => i.code === ind.code)?.score ?? null })),
    { header: '总分', width: 10, value: (r) => r.score },
    { header: '等次', width: 8, value: (r) => GRADE_LABELS[r.grade] ?? r.grade },
    { header: '等次说明', width: 36, value: (r) => (r.gradeNotes ?? []).join('；') },
    { header: '版本', width: 8, value: () => version },
    { header: '截止日期', width: 12, value: () => formatDate(asOf) },
  ];
}
