import type { FieldError } from './errors';
import { DAY_MS } from './task';
import { computeDeadline, type OfficialCalendars } from './working-days';

/** 整改事项的状态. */
export const RectificationStatus = {
  Open: 'open', // 整改中
  Submitted: 'submitted', // 已报送整改报告，待审核
  Returned: 'returned', // 整改报告被退回
  Closed: 'closed', // 已销号
  Withdrawn: 'withdrawn', // 复查后撤销该意见
} as const;
export type RectificationStatus = (typeof RectificationStatus)[keyof typeof RectificationStatus];
export const RECTIFICATION_STATUS_LABELS: Record<RectificationStatus, string> = {
  open: '整改中',
  submitted: '待审核',
  returned: '已退回',
  closed: '已销号',
  withdrawn: '已撤销',
};

/** 催办阶梯: reminder before the deadline, then urging, interview of the unit head, circulated notice. */
export const EscalationKind = {
  Remind: 'remind', // 提醒
  Urge: 'urge', // 催办
  Interview: 'interview', // 约谈
  Notice: 'notice', // 通报
} as const;
export type EscalationKind = (typeof EscalationKind)[keyof typeof EscalationKind];
export const ESCALATION_KINDS: readonly EscalationKind[] = Object.values(EscalationKind);
export const ESCALATION_LABELS: Record<EscalationKind, string> = { remind: '提醒', urge: '催办', interview: '约谈', notice: '通报' };

export type DeadlineUnitName = 'calendar_days' | 'working_days';
export interface Period {
  amount: number;
  unit: DeadlineUnitName;
}

/** One rung: `before` the deadline (calendar days) for the reminder, after it for the others. */
export interface LadderStep {
  kind: EscalationKind;
  before: boolean;
  offset: Period;
}

/** Per-campaign rules of stages 4 and 5; the office may change them before letters are issued. (Who issues the letters is the office's own setting: office.ts.) */
export interface RectificationRules {
  defaultDeadline: Period; // 整改期限 when an item gives none
  acknowledgeWithin: Period; // 签收期限
  objectionWindow: Period; // 复查申请期限
  ladder: LadderStep[];
}

export const DEFAULT_RECTIFICATION_RULES: RectificationRules = {
  defaultDeadline: { amount: 30, unit: 'working_days' },
  acknowledgeWithin: { amount: 3, unit: 'working_days' },
  objectionWindow: { amount: 10, unit: 'calendar_days' },
  ladder: [
    { kind: 'remind', before: true, offset: { amount: 3, unit: 'calendar_days' } },
    { kind: 'urge', before: false, offset: { amount: 1, unit: 'working_days' } },
    { kind: 'interview', before: false, offset: { amount: 10, unit: 'working_days' } },
    { kind: 'notice', before: false, offset: { amount: 20, unit: 'working_days' } },
  ],
};

function validPeriod(p: unknown): p is Period {
  const v = p as Period;
  return typeof v === 'object' && v !== null && Number.isInteger(v.amount) && v.amount >= 0 && v.amount <= 3650 && (v.unit === 'calendar_days' || v.unit === 'working_days');
}

export function validateRectificationRules(rules: RectificationRules, field = 'rules'): FieldError[] {
  const errors: FieldError[] = [];
  for (const name of ['defaultDeadline', 'acknowledgeWithin', 'objectionWindow'] as const) {
    if (!validPeriod(rules[name])) errors.push({ field: `${field}.${name}`, code: 'PERIOD_INVALID', message: `${field}.${name} 须为 {amount: 非负整数, unit: calendar_days | working_days}` });
  }
  if (!Array.isArray(rules.ladder)) {
    errors.push({ field: `${field}.ladder`, code: 'LADDER_INVALID', message: '催办阶梯须为数组' });
    return errors;
  }
  const seen = new Set<string>();
  rules.ladder.forEach((step, i) => {
    const at = `${field}.ladder[${i}]`;
    if (!ESCALATION_KINDS.includes(step?.kind)) errors.push({ field: `${at}.kind`, code: 'ESCALATION_KIND_INVALID', message: `${at}.kind 须为 ${ESCALATION_KINDS.join(' / ')} 之一` });
    else if (seen.has(step.kind)) errors.push({ field: `${at}.kind`, code: 'ESCALATION_KIND_DUPLICATED', message: `${at}.kind 重复` });
    seen.add(step?.kind);
    if (typeof step?.before !== 'boolean') errors.push({ field: `${at}.before`, code: 'BOOLEAN_REQUIRED', message: `${at}.before 须为布尔值` });
    if (!validPeriod(step?.offset)) errors.push({ field: `${at}.offset`, code: 'PERIOD_INVALID', message: `${at}.offset 须为 {amount, unit}` });
    if (step?.before && step.offset?.unit !== 'calendar_days') errors.push({ field: `${at}.offset.unit`, code: 'BEFORE_IN_CALENDAR_DAYS', message: '截止前的提醒按自然日计算' });
  });
  return errors;
}

/** What may happen to an item now (the workflow's validators and the API ask the same questions). */
export const canSubmitReport = (s: RectificationStatus) => s === 'open' || s === 'returned';
export const canDecideReport = (s: RectificationStatus) => s === 'submitted';
export const canRequestExtension = (s: RectificationStatus) => s === 'open' || s === 'returned';
export const canObject = (s: RectificationStatus) => s === 'open' || s === 'returned' || s === 'submitted';
export const canReopen = (s: RectificationStatus) => s === 'closed';
/** The ladder runs while the department holds the pen and no objection is pending. */
export const ladderRuns = (s: RectificationStatus, objectionPending: boolean) => (s === 'open' || s === 'returned') && !objectionPending;

/** The ladder's moments around a deadline: before it in calendar days, after it by the working-day calendar. */
export function ladderSchedule(rules: Pick<RectificationRules, 'ladder'>, deadlineAtMs: number, calendars?: OfficialCalendars): { kind: EscalationKind; atMs: number }[] {
  return rules.ladder
    .map((s) => ({ kind: s.kind, atMs: s.before ? deadlineAtMs - s.offset.amount * DAY_MS : computeDeadline(deadlineAtMs, s.offset, calendars) }))
    .sort((a, b) => a.atMs - b.atMs);
}
