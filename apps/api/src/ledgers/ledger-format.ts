/**
 * The pure pieces of the ledgers (台账) the API writes: Chinese labels and how dates are written
 * (Asia/Shanghai). The kinds, titles and file names are @rol/domain's (ledger.ts), shared with the console.
 * No I/O here: ledger-columns.ts builds the columns on these.
 */

/**
 * Content-Disposition for a Chinese file name: an ASCII fallback for old clients and the UTF-8 name
 * as RFC 5987 `filename*` (what browsers use).
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '').trim() || 'ledger.xlsx';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii.startsWith('.') ? `ledger${ascii}` : ascii}"; filename*=UTF-8''${encoded}`;
}

const SHANGHAI_MS = 8 * 3600_000;

function shanghaiParts(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (!Number.isFinite(ms)) return null;
  return new Date(ms + SHANGHAI_MS).toISOString();
}

/** `2026-03-31 17:00` in Asia/Shanghai; empty for none. */
export function formatDateTime(value: Date | string | null | undefined): string {
  const iso = shanghaiParts(value);
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '';
}

/** `2026-03-31` (the Asia/Shanghai day); empty for none. */
export function formatDate(value: Date | string | null | undefined): string {
  return shanghaiParts(value)?.slice(0, 10) ?? '';
}

export const yesNo = (value: boolean | null | undefined): string => (value === null || value === undefined ? '' : value ? '是' : '否');

export const SELF_CHECK_DECISION_LABELS: Record<string, string> = { accepted: '通过', returned: '退回修改' };
export const LETTER_STATUS_LABELS: Record<string, string> = { draft: '草稿', issued: '已印发', acknowledged: '已签收' };
export const EXTENSION_DECISION_LABELS: Record<string, string> = { approved: '同意', refused: '不同意' };
export const OBJECTION_LABELS: Record<string, string> = { pending: '复查中', upheld: '复查维持', withdrawn: '复查撤销' };
export const TASK_STATUS_LABELS: Record<string, string> = { open: '办理中', completed: '已完成' };

/** 整改期限 as the ledger writes it: a period in words, e.g. 30 个工作日 / 15 日. */
export function periodText(period: { amount?: number; unit?: string; date?: string } | null | undefined): string {
  if (!period) return '';
  if (period.date) return period.date;
  if (typeof period.amount !== 'number') return '';
  return period.unit === 'working_days' ? `${period.amount} 个工作日` : `${period.amount} 日`;
}
