/** 任务: one work priority (工作要点) assigned to one department (责任单位). */
export const TaskStatus = {
  Open: 'open',
  Completed: 'completed',
} as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Default lead time of the reminder (提醒) before a task's due date. */
export const DEFAULT_REMINDER_DAYS_BEFORE = 3;

/**
 * When the reminder for a task falls due: `daysBefore` calendar days before the deadline,
 * or undefined when that moment had already passed when the task was created (no reminder then).
 */
export function reminderAt(dueAtMs: number, daysBefore: number, createdAtMs: number): number | undefined {
  const at = dueAtMs - daysBefore * DAY_MS;
  return at > createdAtMs ? at : undefined;
}

/** A completion after the deadline is recorded as late (逾期完成). */
export function isLate(completedAtMs: number, dueAtMs: number): boolean {
  return completedAtMs > dueAtMs;
}

/** The figures a campaign's progress shows. */
export interface TaskCounts {
  total: number;
  done: number;
  open: number;
  overdue: number;
  late: number;
}

