import dayjs from 'dayjs';

export const fmtDate = (v?: string | Date | null) => (v ? dayjs(v).format('YYYY-MM-DD') : '—');
export const fmtDateTime = (v?: string | Date | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');
export const pct = (n: number, d: number) => (d > 0 ? `${Math.round((n / d) * 1000) / 10}%` : '—');

export const TASK_STATUS: Record<string, { label: string; color: string }> = {
  open: { label: '待完成', color: 'processing' },
  completed: { label: '已完成', color: 'success' },
  cancelled: { label: '已撤销', color: 'default' },
};

export const SELF_CHECK_STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  accepted: 'success',
  not_submitted: 'error',
};

/** An answer as a clerk reads it: 是 / 否 / 部分, a number, or the text. */
export const answerText = (value: unknown) => ({ yes: '是', no: '否', partial: '部分' } as Record<string, string>)[String(value)] ?? (value === undefined || value === null || value === '' ? '（未填）' : String(value));
