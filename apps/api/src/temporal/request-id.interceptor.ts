import { defaultPayloadConverter, type Headers, type WorkflowClientInterceptor } from '@temporalio/client';
import { REQUEST_ID_HEADER } from '@rol/contracts';
import { currentRequestId } from '../common/logging';

/** The headers with the current request's id added (under REQUEST_ID_HEADER); unchanged outside a request. */
function withRequestId(headers: Headers): Headers {
  const requestId = currentRequestId();
  return requestId ? { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) } : headers;
}

/**
 * Carries the id of the API request being served (X-Request-Id) into the workflow it starts, signals or
 * updates, as a Temporal header: the workflow's and its activities' log lines then carry it
 * (workflows/src/interceptors.ts). Queries, descriptions, cancellations change nothing and carry none.
 */
export const requestIdClientInterceptor: WorkflowClientInterceptor = {
  startWithDetails: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  signal: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  signalWithStart: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  startUpdate: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  startUpdateWithStart: (input, next) =>
    next({ ...input, workflowStartHeaders: withRequestId(input.workflowStartHeaders), updateHeaders: withRequestId(input.updateHeaders) }),
};
