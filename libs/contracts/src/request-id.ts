/**
 * The Temporal header that carries the id of the API request (X-Request-Id) which started, signalled
 * or updated a workflow: the workflow's log lines and those of the activities it schedules for that
 * request carry it as `requestId` (apps/api/src/temporal/request-id.interceptor.ts,
 * workflows/src/interceptors.ts, apps/worker/src/logging.ts).
 */
export const REQUEST_ID_HEADER = 'requestId';
