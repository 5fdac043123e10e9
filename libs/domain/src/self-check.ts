import type { FieldError } from './errors';
import { isHttpUrl, textProblem } from './text';

/** 自查: answer kinds of a self-check item. */
export const AnswerType = {
  YesNoPartial: 'yes_no_partial', // 是 / 否 / 部分
  Number: 'number',
  Text: 'text',
} as const;
export type AnswerType = (typeof AnswerType)[keyof typeof AnswerType];
export const ANSWER_TYPES: readonly AnswerType[] = Object.values(AnswerType);

export interface SelfCheckItem {
  code: string;
  title: string;
  answerType: AnswerType;
  evidenceRequired: boolean;
  points: number;
}
export interface SelfCheckSection {
  code: string;
  title: string;
  items: SelfCheckItem[];
}
export interface SelfCheckTemplate {
  sections: SelfCheckSection[];
}

export interface SelfCheckAnswer {
  value: 'yes' | 'no' | 'partial' | number | string;
  note?: string;
  /** Links, or uploaded attachments (the API stores their download URL and checksum with them). */
  evidence?: { name: string; uri?: string; attachmentId?: string; mediaType?: string; sizeBytes?: number; sha256?: string }[];
}
/** item code → answer. */
export type SelfCheckAnswers = Record<string, SelfCheckAnswer>;

/**
 * The life of a department's self-check: draft → submitted → accepted, or → returned → submitted…
 * A department with nothing submitted when the window closes is not_submitted (逾期未报, 视为未开展).
 */
export const SelfCheckStatus = {
  Draft: 'draft',
  Submitted: 'submitted',
  Returned: 'returned',
  Accepted: 'accepted',
  NotSubmitted: 'not_submitted',
} as const;
export type SelfCheckStatus = (typeof SelfCheckStatus)[keyof typeof SelfCheckStatus];
export const SELF_CHECK_STATUS_LABELS: Record<SelfCheckStatus, string> = {
  draft: '填报中',
  submitted: '已报送',
  returned: '已退回',
  accepted: '已通过',
  not_submitted: '逾期未报',
};

/** An answer as written in a letter or a report: 是 / 否 / 部分, a number, or the text — never the stored code. */
export function answerLabel(value: SelfCheckAnswer['value'] | undefined | null): string {
  if (value === undefined || value === null || value === '') return '未填';
  return ({ yes: '是', no: '否', partial: '部分' } as Record<string, string>)[String(value)] ?? String(value);
}

/** Why a submission is refused now, or undefined when it may go ahead. */
export function submissionRefusal(
  status: SelfCheckStatus,
  window: { opensAtMs?: number; closesAtMs?: number },
  nowMs: number,
): 'SELF_CHECK_WINDOW_NOT_OPEN' | 'SELF_CHECK_WINDOW_CLOSED' | 'SELF_CHECK_NOT_EDITABLE' | undefined {
  if (status === SelfCheckStatus.Returned) return undefined; // a returned one may be resubmitted, also after the window
  if (status !== SelfCheckStatus.Draft) {
    return status === SelfCheckStatus.NotSubmitted ? 'SELF_CHECK_WINDOW_CLOSED' : 'SELF_CHECK_NOT_EDITABLE';
  }
  if (window.opensAtMs === undefined || nowMs < window.opensAtMs) return 'SELF_CHECK_WINDOW_NOT_OPEN';
  if (window.closesAtMs !== undefined && nowMs > window.closesAtMs) return 'SELF_CHECK_WINDOW_CLOSED';
  return undefined;
}

/** Drafts may be saved while the department still holds the pen. */
export function isEditable(status: SelfCheckStatus): boolean {
  return status === SelfCheckStatus.Draft || status === SelfCheckStatus.Returned;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const titleOk = (v: unknown) => typeof v === 'string' && v.trim().length > 0 && v.length <= 500 && !textProblem(v, true);

/** Checks a 自查表 as the office edits it; each error names the part and item as a clerk counts them (第 1 部分第 2 项). */
export function validateTemplate(template: SelfCheckTemplate, field = 'template'): FieldError[] {
  const errors: FieldError[] = [];
  const codes = new Set<string>();
  const sections: unknown = isObject(template) ? template.sections : undefined;
  if (!Array.isArray(sections) || sections.length === 0) {
    return [{ field: `${field}.sections`, code: 'TEMPLATE_EMPTY', message: '自查表至少需要一个部分' }];
  }
  sections.forEach((section: unknown, s) => {
    const at = `${field}.sections[${s}]`;
    const where = `第 ${s + 1} 部分`;
    if (!isObject(section)) return errors.push({ field: at, code: 'SECTION_INVALID', message: `${where}须为 {code, title, items}` });
    const code = section.code;
    if (typeof code !== 'string' || !CODE.test(code) || codes.has(code)) errors.push({ field: `${at}.code`, code: 'CODE_INVALID', message: `${where}的编码须为 1–32 位字母、数字、点、下划线或连字符，且不与其他编码重复` });
    if (typeof code === 'string') codes.add(code);
    if (!titleOk(section.title)) errors.push({ field: `${at}.title`, code: 'TITLE_REQUIRED', message: `${where}的标题不能为空（一行，不超过 500 字）` });
    const items: unknown = section.items;
    if (!Array.isArray(items) || items.length === 0) return errors.push({ field: `${at}.items`, code: 'SECTION_EMPTY', message: `${where}至少需要一个项目` });
    items.forEach((item: unknown, i) => {
      const it = `${at}.items[${i}]`;
      const whereItem = `${where}第 ${i + 1} 项`;
      if (!isObject(item)) return errors.push({ field: it, code: 'ITEM_INVALID', message: `${whereItem}须为 {code, title, answerType, evidenceRequired, points}` });
      const itemCode = item.code;
      if (typeof itemCode !== 'string' || !CODE.test(itemCode) || codes.has(itemCode)) errors.push({ field: `${it}.code`, code: 'CODE_INVALID', message: `${whereItem}的编码须为 1–32 位字母、数字、点、下划线或连字符，且不与其他编码重复` });
      if (typeof itemCode === 'string') codes.add(itemCode);
      if (!titleOk(item.title)) errors.push({ field: `${it}.title`, code: 'TITLE_REQUIRED', message: `${whereItem}的内容不能为空（一行，不超过 500 字）` });
      if (!ANSWER_TYPES.includes(item.answerType as AnswerType)) errors.push({ field: `${it}.answerType`, code: 'ANSWER_TYPE_INVALID', message: `${whereItem}的填报方式须为 是/否/部分、数量 或 文字` });
      if (typeof item.evidenceRequired !== 'boolean') errors.push({ field: `${it}.evidenceRequired`, code: 'BOOLEAN_REQUIRED', message: `${whereItem}须注明是否要求佐证材料` });
      if (typeof item.points !== 'number' || !(item.points >= 0) || item.points > 100) errors.push({ field: `${it}.points`, code: 'POINTS_INVALID', message: `${whereItem}的分值须为 0–100` });
    });
  });
  return errors;
}

/** Checks answers against the template; `complete` (for a submission) requires every item answered. */
export function validateAnswers(template: SelfCheckTemplate, answers: SelfCheckAnswers, complete: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const items = new Map(template.sections.flatMap((s) => s.items.map((i) => [i.code, i] as const)));
  for (const code of Object.keys(answers)) {
    if (!items.has(code)) errors.push({ field: `answers.${code}`, code: 'ITEM_UNKNOWN', message: `自查表中没有项目 ${code}` });
  }
  for (const [code, item] of items) {
    const answer = answers[code];
    const at = `answers.${code}`;
    if (answer === undefined) {
      if (complete) errors.push({ field: at, code: 'ANSWER_REQUIRED', message: `「${item.title}」尚未填写` });
      continue;
    }
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
      errors.push({ field: at, code: 'ANSWER_INVALID', message: `「${item.title}」的答案须为 {value, note?, evidence?}` });
      continue;
    }
    for (const key of Object.keys(answer)) {
      if (!['value', 'note', 'evidence'].includes(key)) errors.push({ field: `${at}.${key}`, code: 'UNKNOWN_FIELD', message: `不允许的字段 ${at}.${key}，请删除` });
    }
    if (answer.note !== undefined && (typeof answer.note !== 'string' || answer.note.length > 5000)) {
      errors.push({ field: `${at}.note`, code: 'NOTE_INVALID', message: `${at}.note 须为不超过 5000 字的文字` });
    }
    if (answer.evidence !== undefined) errors.push(...validateEvidence(answer.evidence, `${at}.evidence`));
    const v = answer.value;
    const ok =
      item.answerType === AnswerType.YesNoPartial
        ? v === 'yes' || v === 'no' || v === 'partial'
        : item.answerType === AnswerType.Number
          ? typeof v === 'number' && Number.isFinite(v) && v >= 0
          : typeof v === 'string' && v.trim().length > 0 && v.length <= 5000;
    if (!ok) {
      const expected = { yes_no_partial: 'yes / no / partial', number: '非负数', text: '不超过 5000 字的文字' }[item.answerType];
      errors.push({ field: `${at}.value`, code: 'ANSWER_INVALID', message: `「${item.title}」的答案须为 ${expected}` });
    }
    if (complete && item.evidenceRequired && !(answer.evidence && answer.evidence.length > 0)) {
      errors.push({ field: `${at}.evidence`, code: 'EVIDENCE_REQUIRED', message: `「${item.title}」须附佐证材料` });
    }
  }
  return errors;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 佐证材料 given inside a JSON answer: at most 50, each a named http(s) link or an uploaded attachment (`attachmentId`). */
export function validateEvidence(evidence: unknown, field: string): FieldError[] {
  if (!Array.isArray(evidence) || evidence.length > 50) return [{ field, code: 'EVIDENCE_INVALID', message: `${field} 须为不超过 50 项的数组` }];
  const errors: FieldError[] = [];
  evidence.forEach((e: unknown, i) => {
    const { name, uri, attachmentId } = (typeof e === 'object' && e !== null ? e : {}) as { name?: unknown; uri?: unknown; attachmentId?: unknown };
    if (typeof name !== 'string' || name.trim().length === 0 || name.length > 200 || textProblem(name, true)) {
      errors.push({ field: `${field}[${i}].name`, code: 'EVIDENCE_NAME_INVALID', message: `${field}[${i}].name 须为 1–200 个字符的一行文字` });
    }
    if (attachmentId !== undefined) {
      if (typeof attachmentId !== 'string' || !UUID.test(attachmentId)) errors.push({ field: `${field}[${i}].attachmentId`, code: 'BAD_FORMAT', message: `${field}[${i}].attachmentId 须为附件的 id（UUID）` });
    } else if (typeof uri !== 'string' || !isHttpUrl(uri)) {
      errors.push({ field: `${field}[${i}].uri`, code: 'NOT_HTTP_URL', message: `${field}[${i}].uri 必须是 http:// 或 https:// 开头的链接` });
    }
  });
  return errors;
}

const item = (code: string, title: string, answerType: AnswerType, points: number, evidenceRequired = false): SelfCheckItem => ({ code, title, answerType, points, evidenceRequired });

/**
 * The default self-check (自查表): the three enforcement systems (三项制度) and case-file management,
 * as the offices ask for them (shared/DOMAIN.md, stage 2). The office edits it before the window opens.
 */
export const DEFAULT_SELF_CHECK_TEMPLATE: SelfCheckTemplate = {
  sections: [
    {
      code: 'publicity',
      title: '行政执法公示制度',
      items: [
        item('pub-1', '是否在政府网站公示执法主体、人员、职责、权限、依据、程序、救济渠道等信息', AnswerType.YesNoPartial, 10, true),
        item('pub-2', '行政处罚、行政许可决定是否在法定期限内（7 个工作日内）公开', AnswerType.YesNoPartial, 10),
        item('pub-3', '本年度公示执法决定数量（件）', AnswerType.Number, 5),
      ],
    },
    {
      code: 'recording',
      title: '执法全过程记录制度',
      items: [
        item('rec-1', '现场检查、调查取证、送达等环节是否全程音像记录', AnswerType.YesNoPartial, 10, true),
        item('rec-2', '执法记录仪配备数量（台）', AnswerType.Number, 5),
        item('rec-3', '音像记录是否按规定归档保存', AnswerType.YesNoPartial, 5),
      ],
    },
    {
      code: 'legal-review',
      title: '重大执法决定法制审核制度',
      items: [
        item('rev-1', '是否制定重大执法决定法制审核目录清单', AnswerType.YesNoPartial, 10, true),
        item('rev-2', '本年度重大执法决定件数及经法制审核件数', AnswerType.Text, 10),
        item('rev-3', '法制审核人员是否具备法律职业资格或相应能力', AnswerType.YesNoPartial, 5),
      ],
    },
    {
      code: 'case-files',
      title: '案卷管理与自查',
      items: [
        item('case-1', '本年度办理行政执法案件总数（件）', AnswerType.Number, 5),
        item('case-2', '本单位自行评查案卷数（件）', AnswerType.Number, 5),
        item('case-3', '自查发现问题案卷数（件）及不合格案卷数（件）', AnswerType.Text, 10),
        item('case-4', '发现的主要问题及已采取的整改措施', AnswerType.Text, 10),
      ],
    },
  ],
};
