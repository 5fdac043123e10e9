import type { Headers, WorkflowClientInterceptor } from '@temporalio/client';
import { withRequestId } from '@rol/contracts';
import { currentRequestId } from '../common/logging';

const withCurrent = (headers: Headers) => withRequestId(headers, currentRequestId());

/**
 * Carries the id of the API request being served (X-Request-Id) into the workflow it starts, signals or
 * updates, as a Temporal header: the workflow's and its activities' log lines then carry it
 * (workflows/src/interceptors.ts). Queries, descriptions, cancellations change nothing and carry none.
 */
export const requestIdClientInterceptor: WorkflowClientInterceptor = {
  startWithDetails: (input, next) => next({ ...input, headers: withCurrent(input.headers) }),
  signal: (input, next) => next({ ...input, headers: withCurrent(input.headers) }),
  signalWithStart: (input, next) => next({ ...input, headers: withCurrent(input.headers) }),
  startUpdate: (input, next) => next({ ...input, headers: withCurrent(input.headers) }),
  startUpdateWithStart: (input, next) => next({ ...input, workflowStartHeaders: withCurrent(input.workflowStartHeaders), updateHeaders: withCurrent(input.updateHeaders) }),
};
