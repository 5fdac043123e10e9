import type { ActivityOptions } from '@temporalio/workflow';

/**
 * How the workflows retry an activity. Every retry is bounded: an activity that keeps failing surfaces
 * (workflows/src/trouble.ts) instead of retrying forever. Most activities are one short transaction
 * (milliseconds): a worker that dies mid-write is noticed after the timeout, seconds rather than a
 * minute, and a retry is safe because every activity is idempotent. An activity that throws our
 * DomainError is not retried at all (the worker's interceptor, apps/worker/src/domain-errors.ts, turns
 * it into a non-retryable failure typed with the error's code).
 */

/**
 * Background work (no person waits on it): about 30 s of retries (0.2+0.4+0.8+1.6+3.2+5+5+5+5 s of
 * pauses), so a short outage of PostgreSQL or a worker heals within them; past that the step is in
 * trouble (`Failing`) and tries again by itself after BACKGROUND_PAUSE, or at once on `retryNow`.
 */
export const BACKGROUND_ATTEMPTS = 10;
const BACKGROUND_RETRY = { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '5 seconds', maximumAttempts: BACKGROUND_ATTEMPTS } as const;

/** One transaction of a few rows, in the background (tasks, reminders, overdue marks, escalations). */
export const SHORT_WRITE: ActivityOptions = { startToCloseTimeout: '10 seconds', retry: BACKGROUND_RETRY };

/** Long work that heartbeats between pages: a dead worker is noticed by the missing heartbeat. */
export const PAGED_WORK: ActivityOptions = { startToCloseTimeout: '30 minutes', heartbeatTimeout: '10 seconds', retry: BACKGROUND_RETRY };

/**
 * The draw: batches of departments, each its own short transaction, heartbeating after each (the office
 * waits on it, as an Update); a retry resumes after the last committed batch. Two hours leave room for a
 * 10,000,000-file catalogue; a dead worker is noticed by the missing heartbeat within two minutes.
 */
export const DRAW: ActivityOptions = { startToCloseTimeout: '2 hours', heartbeatTimeout: '2 minutes', retry: { ...BACKGROUND_RETRY, maximumAttempts: 5 } };

/**
 * 案卷目录导入: one file read and written in one activity (all or nothing), heartbeating its progress
 * every second; a million rows take about 15 s, two hours leave room for the largest file. A dead worker
 * is noticed within a minute and the file is read again; five attempts, then the job is marked failed.
 */
export const CATALOGUE_IMPORT: ActivityOptions = {
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '1 minute',
  // 5 + 10 + 20 + 40 s between the attempts: a PostgreSQL restart of a minute does not send the clerk to resubmit.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
};

/**
 * A step a person waits on (inside an Update): the API waits 10 s for the answer (UPDATE_WAIT_MS in
 * apps/api/src/temporal/workflow-updates.ts), so all attempts together end within 8 s — a hung
 * attempt after 5 s, at most 5 attempts (pauses 0.2+0.4+0.8+1.6 s) — and the Update then fails with
 * STEP_FAILED (办理失败…请稍后重试) instead of leaving the person waiting.
 */
export const USER_STEP_ATTEMPTS = 5;
export const USER_STEP: ActivityOptions = {
  startToCloseTimeout: '5 seconds',
  scheduleToCloseTimeout: '8 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '2 seconds', maximumAttempts: USER_STEP_ATTEMPTS },
};

/** How long a background step in trouble waits before it tries again by itself (an operator's retryNow cuts it short). */
export const BACKGROUND_PAUSE = '1 hour';

/** How long a person's failed step keeps its workflow marked in trouble when nobody retries it (a new failure marks it again). */
export const PERSON_TROUBLE_SHOWN_FOR = '30 minutes';
