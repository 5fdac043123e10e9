import type { ActivityInterceptors, ActivityInterceptorsFactory, Logger as TemporalLogger, LogLevel, LogMetadata } from '@temporalio/worker';
import { pino, type DestinationStream, type Logger } from 'pino';
import { requestIdOf } from '@rol/contracts';

export type { Logger };

/**
 * The worker's logger: the same line as the API's (apps/api/src/common/logging.ts) — JSON with `time`
 * (ISO 8601), `level` (its name), `service` ("worker"), `msg` — on stdout, or on `destination`.
 */
export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'worker' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    destination,
  );
}

/** The outbox dispatcher's and the run loop's `log(level, msg, extra)` over the logger. */
export function logFunction(logger: Logger) {
  return (level: 'info' | 'warn' | 'error', msg: string, extra: Record<string, unknown> = {}) => logger[level](extra, msg);
}

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/**
 * The Temporal SDK's Logger over pino, for `Runtime.install({ logger })`: the SDK's own lines, the
 * workflows' (`log` from @temporalio/workflow, with workflowId, runId… and `requestId`), the
 * activities' (`Context.current().log`) and Temporal Core's (forwarded) come out in the same shape,
 * without the activities' task tokens.
 */
export function temporalLogger(logger: Logger): TemporalLogger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const fields = { ...meta };
    delete fields.taskToken; // an activity's task token completes it through Temporal's API: not for the logs
    logger[LEVELS[level] ?? 'info'](fields, message);
  };
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}

/**
 * The request id its workflow sent in the activity's headers (workflows/src/interceptors.ts) is added
 * to the activity's log lines (`Context.current().log`, the SDK's activity lines).
 */
export function requestIdActivityInterceptor(_ctx: Parameters<ActivityInterceptorsFactory>[0]): ActivityInterceptors {
  let requestId: string | undefined;
  return {
    inbound: {
      execute: (input, next) => {
        requestId = requestIdOf(input.headers);
        return next(input);
      },
    },
    outbound: {
      getLogAttributes: (input, next) => next(requestId ? { ...input, requestId } : input),
    },
  };
}
