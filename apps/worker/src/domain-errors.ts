import { ApplicationFailure, TemporalFailure } from '@temporalio/client';
import type { ActivityInterceptors, ActivityInterceptorsFactory } from '@temporalio/worker';
import { DomainError } from '@rol/domain';
import { requestIdActivityInterceptor } from './logging';

/**
 * One place decides how an activity's error travels to its workflow:
 * - our DomainError (a refusal by the rules: retrying cannot help) becomes a non-retryable
 *   ApplicationFailure typed with its code, its Chinese message kept — attempted once, and a workflow
 *   can pass it to the person as that domain error;
 * - any other plain error (PostgreSQL down, a trigger's RAISE, a bug) stays retryable, typed with its
 *   name as the SDK would, and carries the attempt number in its details, so a workflow in trouble can
 *   tell the operator how many attempts were made (workflows/src/trouble.ts);
 * - Temporal's own failures (cancellation, an ApplicationFailure thrown on purpose) pass unchanged.
 */
export function domainErrorInterceptor(ctx: Parameters<ActivityInterceptorsFactory>[0]): ActivityInterceptors {
  return {
    inbound: {
      async execute(input, next) {
        try {
          return await next(input);
        } catch (err) {
          throw asFailure(err, ctx.info.attempt);
        }
      },
    },
  };
}

export function asFailure(err: unknown, attempt: number): unknown {
  if (err instanceof DomainError) {
    return ApplicationFailure.create({ message: err.message, type: err.code, nonRetryable: true, details: err.details?.length ? [err.details] : undefined });
  }
  if (!(err instanceof Error) || err instanceof TemporalFailure) return err; // the SDK's own (cancellation…) or thrown on purpose
  const failure = ApplicationFailure.create({ message: err.message, type: err.name, nonRetryable: false, details: [{ attempt }] });
  failure.stack = err.stack;
  return failure;
}

/**
 * The worker's activity interceptors, also used by the workflow tests' workers so that they behave
 * alike: the request id in the activity's log lines, and the domain errors' way to the workflow.
 */
export const ACTIVITY_INTERCEPTORS = { activity: [requestIdActivityInterceptor, domainErrorInterceptor] };
