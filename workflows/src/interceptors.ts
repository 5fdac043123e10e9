import { AsyncLocalStorage, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { requestIdOf, withRequestId } from '@rol/contracts';

/**
 * The request id (X-Request-Id of the API request, a Temporal header) follows the work: the workflow's
 * log lines carry the id of the request being handled — the Update's or Signal's own while its handler
 * runs, else the one that started the workflow — and the activities and child workflows it schedules
 * get it in their headers (the worker's activity interceptor logs it, apps/worker/src/logging.ts).
 *
 * Replay-safe: it only reads headers, which the history holds, and adds headers to commands, which
 * replay does not compare; the SDK's logger does not log on replay. Listed in the worker's bundle
 * (`workflowInterceptorModules`, apps/worker/src/bundle.ts).
 */
export const interceptors: WorkflowInterceptorsFactory = () => {
  const handling = new AsyncLocalStorage<string | undefined>();
  let startedBy: string | undefined;
  const current = () => handling.getStore() ?? startedBy;
  return {
    inbound: [
      {
        execute: (input, next) => {
          startedBy = requestIdOf(input.headers);
          return next(input);
        },
        handleSignal: (input, next) => handling.run(requestIdOf(input.headers), () => next(input)),
        handleUpdate: (input, next) => handling.run(requestIdOf(input.headers), () => next(input)),
      },
    ],
    outbound: [
      {
        scheduleActivity: (input, next) => next({ ...input, headers: withRequestId(input.headers, current()) }),
        scheduleLocalActivity: (input, next) => next({ ...input, headers: withRequestId(input.headers, current()) }),
        startChildWorkflowExecution: (input, next) => next({ ...input, headers: withRequestId(input.headers, current()) }),
        signalWorkflow: (input, next) => next({ ...input, headers: withRequestId(input.headers, current()) }),
        getLogAttributes: (input, next) => {
          const requestId = current();
          return next(requestId ? { ...input, requestId } : input);
        },
      },
    ],
  };
};
