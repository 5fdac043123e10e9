import { ActivityFailure, ApplicationFailure, condition, setHandler, sleep, upsertSearchAttributes } from '@temporalio/workflow';
import { FailingKey, retryNowSignal, troubleQuery, type WorkflowTrouble } from '@rol/contracts';
import { ErrorCode } from '@rol/domain';
import { BACKGROUND_PAUSE, PERSON_TROUBLE_SHOWN_FOR } from './activity-options';

/** What a person is told when the step of their request failed past its retries (an Update's failure, type STEP_FAILED). */
export const STEP_FAILED_MESSAGE = '办理失败：系统暂时无法完成此操作，请稍后重试；如持续失败请联系运维人员';

/** The details of a STEP_FAILED failure: when it failed (workflow time), so the API can tell a remembered outcome from a new one. */
export interface StepFailedDetails {
  failedAtMs: number;
  activity: string;
}

export interface Trouble {
  /**
   * Runs a background step (no person waits on it: creating tasks, reminders, overdue marks,
   * escalations, fan-out). When its activity fails past its retries the workflow does not fail: the
   * step is in trouble (`Failing` = true, `troubleQuery` answers it) and waits for the operator's
   * `retryNow` or BACKGROUND_PAUSE, then clears the mark and tries again, until it succeeds.
   */
  background<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Runs the step of a person's request (inside an Update handler). When its activity fails past its
   * (short) retries, the Update fails with STEP_FAILED and a Chinese message; a domain refusal the
   * activity threw (a non-retryable failure typed with one of our codes) is passed on as it is. The
   * failure also marks the workflow in trouble until a later step succeeds, the operator's `retryNow`,
   * or PERSON_TROUBLE_SHOWN_FOR passes without another failure.
   */
  forPerson<T>(work: () => Promise<T>): Promise<T>;
}

const DOMAIN_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * Registers `troubleQuery` and `retryNowSignal` and returns the two ways of running a step. Call once,
 * at the start of a workflow function. `upsert` false (a run started before this existed, replaying
 * its history: see `patched('operators-view')` in the workflows) keeps the `Failing` search attribute
 * untouched; the rest needs no patch, as such a run never saw an activity fail (its retries were unbounded).
 */
export function trackTrouble(upsert = true): Trouble {
  /** The steps in trouble now, by a per-run step number; `person` marks a person's failed request (nothing to re-run here). */
  const open = new Map<number, WorkflowTrouble & { person?: boolean }>();
  let nextId = 0;
  let retryGeneration = 0;
  let flagged = false;

  setHandler(troubleQuery, () => {
    const latest = [...open.values()].sort((a, b) => b.sinceMs - a.sinceMs)[0];
    return latest ? { activity: latest.activity, attempts: latest.attempts, error: latest.error, sinceMs: latest.sinceMs, ...(latest.person ? { awaitsPerson: true } : {}) } : null;
  });
  setHandler(retryNowSignal, () => {
    retryGeneration++;
    // A person's failed request has nothing to re-run here (the person retries it): the mark is cleared.
    clearPersons();
    sync();
  });

  function clearPersons(): boolean {
    let cleared = false;
    for (const [id, t] of open) if (t.person) cleared = open.delete(id) || cleared;
    return cleared;
  }

  function sync(): void {
    const failing = open.size > 0;
    if (failing === flagged) return;
    flagged = failing;
    if (upsert) upsertSearchAttributes([{ key: FailingKey, value: failing }]);
  }

  function describe(err: ActivityFailure): WorkflowTrouble {
    const cause = err.cause;
    const attempt = cause instanceof ApplicationFailure ? (cause.details?.[0] as { attempt?: number } | undefined)?.attempt : undefined;
    return {
      activity: err.activityType,
      attempts: attempt ?? (err.retryState === 'NON_RETRYABLE_FAILURE' ? 1 : 0),
      error: cause?.message ?? err.message,
      sinceMs: Date.now(),
    };
  }

  return {
    async background<T>(work: () => Promise<T>): Promise<T> {
      const id = nextId++;
      for (;;) {
        try {
          const result = await work();
          if (open.delete(id)) sync();
          return result;
        } catch (err) {
          if (!(err instanceof ActivityFailure)) throw err;
          open.set(id, describe(err));
          sync();
          const generation = retryGeneration;
          await condition(() => retryGeneration !== generation, BACKGROUND_PAUSE);
          open.delete(id); // trying again: set again if this attempt fails too
          sync();
        }
      }
    },

    async forPerson<T>(work: () => Promise<T>): Promise<T> {
      try {
        const result = await work();
        if (clearPersons()) sync();
        return result;
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        const cause = err.cause;
        if (cause instanceof ApplicationFailure && cause.nonRetryable && DOMAIN_CODES.has(cause.type ?? '')) {
          throw ApplicationFailure.nonRetryable(cause.message, cause.type); // the activity's refusal, for the person
        }
        const trouble = describe(err);
        const id = nextId++;
        open.set(id, { ...trouble, person: true });
        sync();
        // Nothing here re-runs a person's request: the mark lasts until a later step succeeds, the
        // operator's retryNow, or PERSON_TROUBLE_SHOWN_FOR without a new failure, whichever comes first.
        void sleep(PERSON_TROUBLE_SHOWN_FOR).then(() => {
          if (open.delete(id)) sync();
        });
        const details: StepFailedDetails = { failedAtMs: trouble.sinceMs, activity: trouble.activity };
        throw ApplicationFailure.nonRetryable(STEP_FAILED_MESSAGE, ErrorCode.StepFailed, details);
      }
    },
  };
}
