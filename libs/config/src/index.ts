/**
 * One validated configuration object, read once from the environment at start.
 * A missing or malformed value stops the process with a message naming the variable.
 */
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';

/** Where uploaded files go: a directory on local disk (default), or an S3-compatible bucket. */
export type AttachmentStorageConfig =
  | { kind: 'local'; dir: string }
  | { kind: 's3'; bucket: string; region: string; endpoint: string | null; forcePathStyle: boolean; accessKeyId: string | null; secretAccessKey: string | null };

export interface AttachmentConfig {
  maxBytes: number;
  storage: AttachmentStorageConfig;
}

/** Secrets published with the project for development (scripts/start.js, docker-compose.yml, README): never valid in production. */
export const DEVELOPMENT_SECRETS: readonly string[] = ['development-only-secret-do-not-use-in-production', 'admin12345', 'change-me-in-production'];

export interface AppConfig {
  port: number;
  /** Where the API listens: 127.0.0.1 unless HOST says otherwise (0.0.0.0 in the container). */
  host: string;
  databaseUrl: string;
  /** `updateWaitMs`: how long a person's action waits for its workflow's answer before the API answers 503 (or, for the draw, 抽取中). */
  temporal: { address: string; namespace: string; taskQueue: string; updateWaitMs: number };
  jwt: { secret: string; expiresIn: string };
  bootstrapAdmin: { username: string; password: string } | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** The built web console (apps/web/dist) the API serves at `/`; null serves the API only. */
  webRoot: string | null;
  attachments: AttachmentConfig;
  /** When next year's campaign draft is prepared, each year (Temporal Schedule): month, day, time, time zone. */
  prepareNextCampaign: { month: number; dayOfMonth: number; hour: number; minute: number; timezone: string };
  /** The operators' console (运行监控). */
  operations: OperationsConfig;
  /** Where the worker serves its Temporal runtime metrics for Prometheus (`ip:port`, path /metrics); null: not served. */
  workerMetricsAddress: string | null;
  /** Departments per batch of the draw (each batch one short transaction; a retry resumes after the last one). */
  drawBatchDepartments: number;
}

export interface OperationsConfig {
  /** The Temporal Web UI the console links each workflow to; null: no link (production without TEMPORAL_UI_URL). */
  temporalUiUrl: string | null;
  /** A running workflow's pending activity past this many attempts is listed as failing. */
  failingAfterAttempts: number;
  /** Pending work (a task waiting for a worker, an attempt running without heartbeat) older than this is listed as stuck. */
  stuckAfterSeconds: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = (name: string, fallback?: string): string => {
    const value = env[name]?.trim();
    if (value) return value;
    if (fallback !== undefined) return fallback;
    problems.push(`${name} is required`);
    return '';
  };

  const portText = read('PORT', '3000');
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number, got "${portText}"`);

  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// URL');

  const secret = read('JWT_SECRET');
  const host = read('HOST', '127.0.0.1');
  if (!/^[0-9A-Za-z.:_-]{1,255}$/.test(host)) problems.push(`HOST must be an address or host name to listen on (e.g. 127.0.0.1 or 0.0.0.0), got "${host}"`);
  if (secret && secret.length < 16) problems.push('JWT_SECRET must be at least 16 characters');

  const adminUser = env.BOOTSTRAP_ADMIN_USERNAME?.trim();
  const adminPassword = env.BOOTSTRAP_ADMIN_PASSWORD;
  if (Boolean(adminUser) !== Boolean(adminPassword)) {
    problems.push('BOOTSTRAP_ADMIN_USERNAME and BOOTSTRAP_ADMIN_PASSWORD go together');
  }
  if (adminPassword !== undefined && adminPassword.length > 0 && adminPassword.length < 8) {
    problems.push('BOOTSTRAP_ADMIN_PASSWORD must be at least 8 characters');
  }

  const logLevel = read('LOG_LEVEL', 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const webRoot = env.WEB_ROOT?.trim() || null;
  if (webRoot && !existsSync(join(webRoot, 'index.html'))) problems.push(`WEB_ROOT must be the built console's directory (with index.html), got "${webRoot}": build it with \`node scripts/build-web.js\``);

  const maxMbText = read('ATTACHMENT_MAX_MB', '50');
  const maxMb = Number(maxMbText);
  if (!Number.isInteger(maxMb) || maxMb < 1 || maxMb > 2048) problems.push(`ATTACHMENT_MAX_MB must be a whole number of megabytes from 1 to 2048, got "${maxMbText}"`);
  const bucket = env.S3_BUCKET?.trim();
  const endpoint = env.S3_ENDPOINT?.trim() || null;
  if (endpoint && !/^https?:\/\//.test(endpoint)) problems.push('S3_ENDPOINT must be an http:// or https:// URL');
  if (endpoint && !bucket) problems.push('S3_ENDPOINT needs S3_BUCKET');
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
  const storage: AttachmentStorageConfig = bucket
    ? {
        kind: 's3',
        bucket,
        region: read('S3_REGION', 'us-east-1'),
        endpoint,
        forcePathStyle: (env.S3_FORCE_PATH_STYLE ?? (endpoint ? 'true' : 'false')) === 'true',
        accessKeyId: env.S3_ACCESS_KEY_ID || null,
        secretAccessKey: env.S3_SECRET_ACCESS_KEY || null,
      }
    : { kind: 'local', dir: resolve(read('ATTACHMENT_DIR', join('.data', 'attachments'))) };

  const prepareAt = read('NEXT_CAMPAIGN_PREPARE_AT', '12-01 09:00');
  const prepareMatch = /^(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(prepareAt);
  const [month, dayOfMonth, hour, minute] = prepareMatch ? prepareMatch.slice(1).map(Number) : [0, 0, 0, 0];
  if (!prepareMatch || month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 28 || hour > 23 || minute > 59) {
    problems.push(`NEXT_CAMPAIGN_PREPARE_AT must be "MM-DD HH:mm" (a day from 01 to 28, every year), got "${prepareAt}"`);
  }
  const prepareTimezone = read('NEXT_CAMPAIGN_PREPARE_TIMEZONE', 'Asia/Shanghai');
  try {
    new Intl.DateTimeFormat('en', { timeZone: prepareTimezone });
  } catch {
    problems.push(`NEXT_CAMPAIGN_PREPARE_TIMEZONE must be an IANA time zone such as Asia/Shanghai, got "${prepareTimezone}"`);
  }

  const uiDefault = env.NODE_ENV === 'production' ? undefined : 'http://127.0.0.1:8233';
  const temporalUiUrl = env.TEMPORAL_UI_URL?.trim() || uiDefault || null;
  if (temporalUiUrl && !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(temporalUiUrl)) problems.push(`TEMPORAL_UI_URL must be an http:// or https:// URL (the Temporal Web UI, e.g. http://127.0.0.1:8233), got "${temporalUiUrl}"`);
  const wholeNumber = (name: string, fallback: number, min: number, max: number): number => {
    const text = read(name, String(fallback));
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min || n > max) problems.push(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
    return n;
  };
  const failingAfterAttempts = wholeNumber('OPERATIONS_FAILING_ATTEMPTS', 3, 1, 1000);
  const stuckAfterSeconds = wholeNumber('OPERATIONS_STUCK_AFTER_SECONDS', 300, 1, 30 * 86400);
  const drawBatchDepartments = wholeNumber('DRAW_BATCH_DEPARTMENTS', 50, 1, 10_000);
  const updateWaitMs = wholeNumber('TEMPORAL_UPDATE_WAIT_MS', 10_000, 1, 600_000);

  // Temporal's core binds it as a socket address: an IP and a port, not a host name.
  const metricsText = read('WORKER_METRICS_ADDRESS', '127.0.0.1:9464');
  const metricsMatch = /^(?:\[([0-9A-Fa-f:.]+)\]|([0-9.]+)):(\d{1,5})$/.exec(metricsText);
  const metricsIp = metricsMatch ? (metricsMatch[1] ?? metricsMatch[2]) : '';
  const workerMetricsAddress = metricsText === 'off' ? null : metricsText;
  if (workerMetricsAddress && (!metricsMatch || isIP(metricsIp) !== (metricsMatch[1] ? 6 : 4) || Number(metricsMatch[3]) < 1 || Number(metricsMatch[3]) > 65535)) {
    problems.push(`WORKER_METRICS_ADDRESS must be an IP address and port to serve the worker's metrics on (e.g. 127.0.0.1:9464, 0.0.0.0:9464, [::1]:9464), or "off", got "${metricsText}"`);
  }

  const config: AppConfig = {
    port,
    host,
    databaseUrl,
    temporal: {
      address: read('TEMPORAL_ADDRESS', '127.0.0.1:7233'),
      namespace: read('TEMPORAL_NAMESPACE', 'default'),
      taskQueue: read('TEMPORAL_TASK_QUEUE', 'supervision-cycle'),
      updateWaitMs,
    },
    jwt: { secret, expiresIn: read('JWT_EXPIRES_IN', '8h') },
    bootstrapAdmin: adminUser && adminPassword ? { username: adminUser, password: adminPassword } : null,
    logLevel,
    webRoot,
    attachments: { maxBytes: maxMb * 1024 * 1024, storage },
    prepareNextCampaign: { month, dayOfMonth, hour, minute, timezone: prepareTimezone },
    operations: { temporalUiUrl: temporalUiUrl?.replace(/\/+$/, '') ?? null, failingAfterAttempts, stuckAfterSeconds },
    workerMetricsAddress,
    drawBatchDepartments,
  };
  // The development defaults are published (scripts/start.js, README): outside development they are refused.
  if (env.NODE_ENV === 'production') {
    if (DEVELOPMENT_SECRETS.includes(secret)) problems.push('JWT_SECRET is a published development default: set a secret of your own (at least 16 characters) in production');
    if (adminPassword && DEVELOPMENT_SECRETS.includes(adminPassword)) problems.push('BOOTSTRAP_ADMIN_PASSWORD is a published development default: set a password of your own in production');
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}
