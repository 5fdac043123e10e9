import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { storage } from 'nestjs-pino/storage';
import { pino, type DestinationStream, type LoggerOptions } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '@rol/config';
import type { AuthUser } from './auth-user';

/** An incoming X-Request-Id is kept only if it is this: short, and nothing that could forge a log line. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id: the caller's X-Request-Id when it is acceptable, else a new UUID. */
export function acceptRequestId(header: unknown): string {
  return typeof header === 'string' && ACCEPTED_REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * The shape of every line (the worker's is the same, apps/worker/src/logging.ts): one JSON object with
 * `time` (ISO 8601), `level` (its name), `service`, `msg`. Headers that carry credentials are censored
 * wherever a line would hold them; bodies are never logged (no serializer writes them).
 */
export function loggerOptions(level: AppConfig['logLevel']): LoggerOptions {
  return {
    level,
    base: { service: 'api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'headers.authorization', 'headers.cookie', 'headers["set-cookie"]'],
      censor: '[redacted]',
    },
  };
}

/** What express and the AuthGuard (`request.user`) add to the request by the time it ends. */
type Served = IncomingMessage & { originalUrl?: string; route?: { path?: string }; user?: AuthUser };

/** A request line's fields: who, what, how it ended. The URL without its query string (search terms stay out). */
function requestLine(message: IncomingMessage, res: ServerResponse, responseTime: number) {
  const req = message as Served;
  return {
    method: req.method,
    route: req.route?.path,
    url: (req.originalUrl ?? req.url ?? '').split('?')[0],
    status: res.statusCode,
    responseTime,
    userId: req.user?.id,
  };
}

/**
 * pino-http: one line per request when it ends (level error for a 5xx), every line logged while the
 * request is served carries its `requestId`, and the answer echoes it in `X-Request-Id`.
 */
export function httpLoggingOptions(level: AppConfig['logLevel']): Options {
  return {
    ...loggerOptions(level),
    genReqId: (req, res) => {
      const id = acceptRequestId(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId' },
    quietReqLogger: true, // lines during a request carry its id, not the whole request (headers)
    quietResLogger: true,
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request completed',
    customSuccessObject: (req, res, val: { responseTime: number }) => requestLine(req, res, val.responseTime),
    customErrorMessage: () => 'request failed',
    customErrorObject: (req, res, _err, val: { responseTime: number }) => requestLine(req, res, val.responseTime),
  };
}

/** The API's logger (nestjs-pino): Nest's own lines (bootstrap, the exception filter) go through it too (app.useLogger). */
export function loggingModule(level: AppConfig['logLevel'], destination?: DestinationStream): DynamicModule {
  const options = httpLoggingOptions(level);
  // Every route, in Nest 11's wildcard syntax (nestjs-pino's default `*` is the legacy one, and warns at start).
  return LoggerModule.forRoot({ pinoHttp: destination ? [options, destination] : options, forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }] });
}

/** The id of the request being served (pino-http's store, kept by nestjs-pino across the request's async calls). */
export function currentRequestId(): string | undefined {
  const id: unknown = storage.getStore()?.logger.bindings().requestId;
  return typeof id === 'string' ? id : undefined;
}
