import type { ActivityOptions } from '@temporalio/workflow';

/**
 * How long the workflows let an activity run before trying again elsewhere. Most activities are one
 * short transaction (milliseconds): a worker that dies mid-write is noticed after `SHORT_WRITE`'s
 * timeout, seconds rather than a minute, and the retry is safe because every activity is idempotent.
 */
const RETRY = { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '5 seconds' } as const;

/** One transaction of a few rows. */
export const SHORT_WRITE: ActivityOptions = { startToCloseTimeout: '10 seconds', retry: RETRY };

/** Long work that heartbeats between pages: a dead worker is noticed by the missing heartbeat. */
export const PAGED_WORK: ActivityOptions = { startToCloseTimeout: '30 minutes', heartbeatTimeout: '10 seconds', retry: RETRY };

/** The draw: one transaction over the whole catalogue, heartbeating between its steps. */
export const DRAW: ActivityOptions = { startToCloseTimeout: '30 minutes', heartbeatTimeout: '2 minutes', retry: { ...RETRY, maximumAttempts: 5 } };
