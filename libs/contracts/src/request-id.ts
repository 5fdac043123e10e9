import { defaultPayloadConverter, type Headers } from '@temporalio/common';

/**
 * The Temporal header that carries the id of the API request (X-Request-Id) which started, signalled
 * or updated a workflow: the workflow's log lines and those of the activities it schedules for that
 * request carry it as `requestId` (apps/api/src/temporal/request-id.interceptor.ts,
 * workflows/src/interceptors.ts, apps/worker/src/logging.ts).
 */
export const REQUEST_ID_HEADER = 'requestId';

/** The request id a call's headers carry, if any (anything else under that header is ignored). */
export function requestIdOf(headers: Headers): string | undefined {
  const payload = headers[REQUEST_ID_HEADER];
  if (!payload) return undefined;
  try {
    const value = defaultPayloadConverter.fromPayload(payload);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The headers with `requestId` under REQUEST_ID_HEADER (the SDK's default payload encoding); unchanged without one. */
export function withRequestId(headers: Headers, requestId: string | undefined): Headers {
  return requestId ? { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) } : headers;
}
