import { defineQuery, defineSignal } from '@temporalio/workflow';

/**
 * How a workflow tells the operators that it is in trouble, and how they get it going again.
 * A background step whose activity has failed past its bounded retries does not fail the workflow:
 * it sets the `Failing` search attribute, answers `troubleQuery`, and waits for `retryNowSignal`
 * (or its own automatic re-attempt later).
 */
export interface WorkflowTrouble {
  /** The activity type that failed, e.g. `createTasks`. */
  activity: string;
  /** Attempts made before giving up this round. */
  attempts: number;
  /** The last error's message, as the activity threw it. */
  error: string;
  /** When the step gave up (epoch ms, workflow time). */
  sinceMs: number;
  /** A person's request failed (nothing here re-runs it; they submit again): `retryNow` only clears the mark. */
  awaitsPerson?: boolean;
}

export const troubleQuery = defineQuery<WorkflowTrouble | null>('trouble');

/** The operator's 立即重试: re-run the failed step now. Audited by the API with the reason. */
export const retryNowSignal = defineSignal<[{ actorId: string; reason: string }]>('retryNow');
