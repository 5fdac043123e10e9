import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Worker } from '@temporalio/worker';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '@rol/config';
import { createApp, migrate, type Clock } from '@rol/api';
import { createLogger, createWorker, logFunction } from '@rol/worker';
import { testWorkflowBundle } from '../../workflows/test/bundle';
import { createStorage } from '@rol/files';
import { createTestDatabase } from './database';

export const ADMIN = { username: 'admin', password: 'admin-test-password' };

export interface Stack {
  baseUrl: string;
  config: AppConfig;
  databaseUrl: string;
  /** JSON over HTTP against the running API. */
  request<T = unknown>(method: string, path: string, options?: { token?: string; body?: unknown; raw?: string; contentType?: string; headers?: Record<string, string> }): Promise<{ status: number; body: T }>;
  login(username: string, password: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The real stack for end-to-end tests: a fresh migrated PostgreSQL database, a worker running
 * the real workflows and activities against the shared Temporal dev server (or `temporalAddress`:
 * the time-skipping server, with its `clock`), and the HTTP API.
 */
/**
 * Where the API's and the worker's log lines go (default: stdout, at warn). The workflows' and activities'
 * lines go through the Temporal Runtime's logger, which a spec installs itself (`Runtime.install`, once per file).
 */
export interface StackLogs {
  level: AppConfig['logLevel'];
  api: DestinationStream;
  worker: DestinationStream;
}

export async function startStack(options: { webRoot?: string; jwtExpiresIn?: string; attachments?: AppConfig['attachments']; temporalAddress?: string; clock?: Clock; schedules?: boolean; operations?: Partial<AppConfig['operations']>; logs?: StackLogs; drawBatchDepartments?: number; updateWaitMs?: number } = {}): Promise<Stack> {
  const database = await createTestDatabase();
  const taskQueue = `e2e-${Math.random().toString(36).slice(2, 10)}`;
  const config: AppConfig = {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: database.url,
    temporal: { address: options.temporalAddress ?? process.env.TEST_TEMPORAL_ADDRESS!, namespace: 'default', taskQueue, updateWaitMs: options.updateWaitMs ?? 10_000 },
    jwt: { secret: 'end-to-end-test-secret-0123456789', expiresIn: options.jwtExpiresIn ?? '1h' },
    bootstrapAdmin: ADMIN,
    logLevel: options.logs?.level ?? 'warn',
    webRoot: options.webRoot ?? null,
    attachments: options.attachments ?? { maxBytes: 2 * 1024 * 1024, storage: { kind: 'local', dir: join(tmpdir(), `attachments-${taskQueue}`) } },
    prepareNextCampaign: { month: 12, dayOfMonth: 1, hour: 9, minute: 0, timezone: 'Asia/Shanghai' },
    operations: { temporalUiUrl: 'http://127.0.0.1:8233', failingAfterAttempts: 3, stuckAfterSeconds: 300, ...options.operations },
    workerMetricsAddress: null, // the worker runs in the test process, without the Runtime's metrics
    drawBatchDepartments: options.drawBatchDepartments ?? 50,
  };
  const { worker, run, close } = await createWorker({
    dataSource: database.dataSource,
    storage: createStorage(config.attachments.storage),
    drawBatchDepartments: config.drawBatchDepartments,
    temporalAddress: config.temporal.address,
    namespace: config.temporal.namespace,
    taskQueue,
    workflowBundle: await testWorkflowBundle(),
    prepareSchedule: options.schedules === false ? undefined : config.prepareNextCampaign,
    log: options.logs ? logFunction(createLogger(options.logs.level, options.logs.worker)) : undefined,
  });
  const running = run();
  const app: INestApplication = await createApp(config, { clock: options.clock, logDestination: options.logs?.api });
  await migrate(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}/api/v1`;

  const request: Stack['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
      headers['content-type'] = options.contentType ?? 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  return {
    baseUrl,
    config,
    databaseUrl: database.url,
    request,
    login: async (username, password) => {
      const res = await request<{ accessToken: string }>('POST', '/auth/token', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken;
    },
    stop: async () => {
      await app.close();
      (worker as Worker).shutdown();
      await running;
      await close();
      await database.drop();
      if (config.attachments.storage.kind === 'local') await rm(config.attachments.storage.dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (not undefined) or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 30000, what = 'condition'): Promise<T> {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
