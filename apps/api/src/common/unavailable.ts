/**
 * Errors that mean a dependency is down (not that the request was wrong): the API answers 503
 * with a Chinese message instead of 500, and the client retries.
 */

/** Network errors of the socket, and the SQLSTATEs PostgreSQL sends while it shuts down, starts or is full. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006', '08007', '08P01']);
/** What node-postgres and TypeORM say when a connection died or none could be had (TypeORM releases a
 * transaction's query runner when its connection errors; a later query of that transaction then throws). */
const MESSAGES = [/Connection terminated/i, /Query runner already released/i, /timeout exceeded when trying to connect/i, /not queryable/i, /Client was closed/i, /Connection is not established/i];

type Chain = { code?: unknown; message?: unknown; name?: unknown; driverError?: unknown; cause?: unknown } | undefined;

/** The error and what it wraps (TypeORM's driverError, a cause), a few levels deep. */
function* chain(err: unknown): Generator<NonNullable<Chain>> {
  let e = err as Chain;
  for (let hops = 0; e && typeof e === 'object' && hops < 5; hops++) {
    yield e;
    e = (e.driverError ?? e.cause) as Chain;
  }
}

export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of chain(err)) {
    if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || SQLSTATES.has(e.code))) return true;
    if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) return true;
  }
  return false;
}

/** The Temporal client's connection failed, or gRPC answered UNAVAILABLE (14) or DEADLINE_EXCEEDED (4). */
export function isTemporalUnavailable(err: unknown): boolean {
  for (const e of chain(err)) {
    if (e.name === 'ConnectionError') return true;
    if (typeof e.code === 'number' && (e.code === 14 || e.code === 4)) return true;
  }
  return false;
}
