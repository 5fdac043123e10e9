import type { TaskCounts } from '@rol/domain';

/**
 * Task figures as SQL (append a WHERE). "overdue" is what the workflows' durable timers recorded
 * (open, marked overdue_at); "late" is a completion after the deadline.
 */
export const countTasksSql = `
  SELECT count(*)::int AS total,
         count(*) FILTER (WHERE status = 'completed')::int AS done,
         count(*) FILTER (WHERE status = 'open')::int AS open,
         count(*) FILTER (WHERE status = 'open' AND overdue_at IS NOT NULL)::int AS overdue,
         count(*) FILTER (WHERE status = 'completed' AND completed_late)::int AS late
    FROM tasks`;

export type TaskCountRow = TaskCounts;

export function toTaskCounts(row: TaskCountRow | undefined): TaskCounts {
  return { total: row?.total ?? 0, done: row?.done ?? 0, open: row?.open ?? 0, overdue: row?.overdue ?? 0, late: row?.late ?? 0 };
}
