/**
 * What the operators' console says about one running workflow, from what Temporal exposes
 * (DescribeWorkflowExecution's pending activities and pending workflow task) — pure functions,
 * so each rule is tested on its own (workflow-health.spec.ts).
 *
 * - **Failing**: the workflow says so itself (search attribute `Failing = true`, `troubleQuery`), or a
 *   pending activity has been attempted more than N times (`OPERATIONS_FAILING_ATTEMPTS`, default 3):
 *   it keeps failing and Temporal keeps retrying it, while the Web UI shows the workflow as a healthy
 *   Running one.
 * - **Stuck** ("no progress for T", `OPERATIONS_STUCK_AFTER_SECONDS`, default 300): a workflow that waits
 *   on a timer or a person (a department's workflow waits months for its deadlines) is NOT stuck. Stuck
 *   means work Temporal has handed out is not being done:
 *   - a workflow task or an activity scheduled (its retry backoff over) but not picked up for more than
 *     T: no worker polls the queue, or the workers are saturated;
 *   - an activity attempt started more than T ago with no heartbeat since: a worker hanging on it
 *     (its start-to-close timeout will eventually retry it elsewhere);
 *   - an activity paused by someone (Temporal's PauseActivity): it does nothing until unpaused.
 */

/** Temporal's enum values (temporal.api.enums.v1), named here so the code reads. */
export const PendingActivityState = { Scheduled: 1, Started: 2, CancelRequested: 3, Paused: 4, PauseRequested: 5 } as const;
export const PendingWorkflowTaskState = { Scheduled: 1, Started: 2 } as const;

/** The parts of Temporal's PendingActivityInfo the rules read, with times already in epoch ms. */
export interface PendingActivity {
  activityId: string;
  activityType: string;
  state: number;
  attempt: number;
  maximumAttempts: number;
  scheduledAtMs: number | null;
  lastStartedAtMs: number | null;
  lastHeartbeatAtMs: number | null;
  lastAttemptCompletedAtMs: number | null;
  nextAttemptAtMs: number | null;
  lastFailure: FailureLike | null;
}

export interface PendingWorkflowTask {
  state: number;
  scheduledAtMs: number | null;
  startedAtMs: number | null;
  attempt: number;
}

/** Temporal's Failure: a message, the error's type, and its cause chain. */
export interface FailureLike {
  message?: string | null;
  applicationFailureInfo?: { type?: string | null } | null;
  cause?: FailureLike | null;
}

/**
 * A failure as a person reads it: the message of each failure in the chain (no stack), e.g.
 * `Activity task failed: 部门任务写入被拒绝`, without repeating a message its cause already says.
 */
export function readableError(failure: FailureLike | null | undefined): string | null {
  const parts: string[] = [];
  for (let f = failure, depth = 0; f && depth < 5; f = f.cause, depth++) {
    const message = (f.message ?? '').trim();
    if (message && !parts.includes(message)) parts.push(message);
  }
  if (parts.length === 0) return failure?.applicationFailureInfo?.type ?? null;
  const text = parts.join('：');
  return text.length > 1000 ? `${text.slice(0, 999)}…` : text;
}

export interface FailingActivity {
  activityId: string;
  activityType: string;
  attempt: number;
  error: string | null;
  lastFailedAtMs: number | null;
  /** When Temporal tries it again by itself (null: it is being attempted now). */
  nextAttemptAtMs: number | null;
}

/** Pending activities attempted more than `afterAttempts` times. */
export function failingActivities(pending: PendingActivity[], afterAttempts: number): FailingActivity[] {
  return pending
    .filter((a) => a.attempt > afterAttempts)
    .map((a) => ({
      activityId: a.activityId,
      activityType: a.activityType,
      attempt: a.attempt,
      error: readableError(a.lastFailure),
      lastFailedAtMs: a.lastAttemptCompletedAtMs,
      nextAttemptAtMs: a.nextAttemptAtMs,
    }));
}

export const StuckKind = {
  WorkflowTaskWaiting: 'workflow_task_waiting',
  WorkflowTaskRunning: 'workflow_task_running',
  ActivityWaiting: 'activity_waiting',
  ActivityRunning: 'activity_running',
  ActivityPaused: 'activity_paused',
} as const;
export type StuckKind = (typeof StuckKind)[keyof typeof StuckKind];

export const STUCK_KIND_LABELS: Record<StuckKind, string> = {
  workflow_task_waiting: '流程任务无人领取（没有工作进程在运行，或工作进程忙不过来）',
  workflow_task_running: '流程任务执行过久（工作进程可能卡住）',
  activity_waiting: '步骤无人领取（没有工作进程在运行，或工作进程忙不过来）',
  activity_running: '步骤执行过久且无心跳（工作进程可能卡住）',
  activity_paused: '步骤已被暂停',
};

export interface StuckReason {
  kind: StuckKind;
  /** The activity type; null for a workflow task. */
  activityType: string | null;
  /** Since when nothing has moved (epoch ms). */
  sinceMs: number;
}

/** Why a running workflow has made no progress for `afterMs`, or [] when it is fine (waiting on a timer or a person counts as fine). */
export function stuckReasons(now: number, afterMs: number, workflowTask: PendingWorkflowTask | null, pending: PendingActivity[]): StuckReason[] {
  const reasons: StuckReason[] = [];
  const old = (since: number | null): since is number => since !== null && now - since > afterMs;
  if (workflowTask?.state === PendingWorkflowTaskState.Scheduled && old(workflowTask.scheduledAtMs)) {
    reasons.push({ kind: StuckKind.WorkflowTaskWaiting, activityType: null, sinceMs: workflowTask.scheduledAtMs });
  }
  if (workflowTask?.state === PendingWorkflowTaskState.Started && old(workflowTask.startedAtMs)) {
    reasons.push({ kind: StuckKind.WorkflowTaskRunning, activityType: null, sinceMs: workflowTask.startedAtMs });
  }
  for (const a of pending) {
    if (a.state === PendingActivityState.Paused || a.state === PendingActivityState.PauseRequested) {
      reasons.push({ kind: StuckKind.ActivityPaused, activityType: a.activityType, sinceMs: a.lastAttemptCompletedAtMs ?? a.scheduledAtMs ?? now });
      continue;
    }
    if (a.state === PendingActivityState.Scheduled) {
      // In its retry backoff it is waiting by design; once the backoff is over it waits for a worker.
      if (a.nextAttemptAtMs !== null && a.nextAttemptAtMs > now) continue;
      const since = a.nextAttemptAtMs ?? a.scheduledAtMs;
      if (old(since)) reasons.push({ kind: StuckKind.ActivityWaiting, activityType: a.activityType, sinceMs: since });
      continue;
    }
    if (a.state === PendingActivityState.Started) {
      const since = Math.max(a.lastStartedAtMs ?? 0, a.lastHeartbeatAtMs ?? 0) || null;
      if (old(since)) reasons.push({ kind: StuckKind.ActivityRunning, activityType: a.activityType, sinceMs: since });
    }
  }
  return reasons;
}
