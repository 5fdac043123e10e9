/**
 * The whole system as separate processes in a scratch directory, each of which can be killed hard
 * and started again: an embedded PostgreSQL, a Temporal dev server persisted in a file, the API and
 * the worker (as `npm start` runs them). Used by `npm run chaos` (faults) and `npm run demo` (a cycle
 * on its own database, so nothing touches the data of a system you run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const temporal = require('../temporal.js') as {
  ROOT: string;
  startDevServer(options: { port: number; dbFilename: string; stdio?: unknown; detached?: boolean; timeoutMs?: number }): Promise<ChildProcess>;
  freePort(): Promise<number>;
};
const { freePort } = temporal;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEV_NODE_ARGS } = require('../conditions.js') as { DEV_NODE_ARGS: string[] };

export type Part = 'postgres' | 'temporal' | 'api' | 'worker';

export const ADMIN = { username: 'admin', password: 'admin-password-1' };

export interface ProcessStack {
  dir: string;
  api: string;
  databaseUrl: string;
  temporalAddress: string;
  /** SIGKILL: no shutdown hooks, no flush, as when a machine dies. */
  kill(part: Part): Promise<void>;
  start(part: Part): Promise<void>;
  isUp(part: Part): boolean;
  stop(options?: { keepFiles?: boolean }): Promise<void>;
}


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Signals a detached child's whole process group (the child and what it spawned, e.g. the postgres
 * server) and waits for it to exit; after `graceMs` it is killed.
 */
function killGroup(child: ChildProcess | undefined, signal: NodeJS.Signals, graceMs = 20_000): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const group = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // already gone
    }
  };
  return new Promise((resolve) => {
    const timer = setTimeout(() => group('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    group(signal);
  });
}

export async function startProcessStack(options: { log?: (msg: string) => void; taskQueue?: string } = {}): Promise<ProcessStack> {
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'supervision-stack-'));
  mkdirSync(join(dir, 'logs'));
  const [pgPort, temporalPort, apiPort, workerMetricsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${pgPort}/supervision`;
  const temporalAddress = `127.0.0.1:${temporalPort}`;
  const api = `http://127.0.0.1:${apiPort}/api/v1`;
  const children = new Map<Part, ChildProcess>();
  const logs = new Map<Part, WriteStream>();
  const logOf = (part: Part) => logs.get(part) ?? logs.set(part, createWriteStream(join(dir, 'logs', `${part}.log`), { flags: 'a' })).get(part)!;
  const env = {
    ...process.env,
    PORT: String(apiPort),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: options.taskQueue ?? 'supervision-cycle',
    JWT_SECRET: 'process-stack-secret-0123456789',
    BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'info', // its files in logs/ are the record of a run, and the worker's start is read from its line
    WORKER_METRICS_ADDRESS: `127.0.0.1:${workerMetricsPort}`, // not the default port, which a worker of `npm start` may hold
  };

  function spawnLogged(part: Part, command: string, args: string[]): ChildProcess {
    const child = spawn(command, args, { cwd: temporal.ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout!.pipe(logOf(part), { end: false });
    child.stderr!.pipe(logOf(part), { end: false });
    children.set(part, child);
    return child;
  }

  async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (await check().catch(() => false)) return;
      await sleep(250);
    }
    throw new Error(`${what} did not come up within ${timeoutMs / 1000} s (logs in ${join(dir, 'logs')})`);
  }

  const starters: Record<Part, () => Promise<void>> = {
    postgres: async () => {
      const child = spawnLogged('postgres', process.execPath, [join(temporal.ROOT, 'scripts', 'embedded-postgres.js'), join(dir, 'pg'), String(pgPort), 'supervision']);
      await new Promise<void>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (chunk) => {
          out += chunk;
          if (out.includes('READY')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited with ${code}`)));
      });
    },
    temporal: async () => {
      const child = await temporal.startDevServer({ port: temporalPort, dbFilename: join(dir, 'temporal.db'), stdio: ['ignore', 'ignore', 'ignore'], detached: true, timeoutMs: 120_000 });
      children.set('temporal', child);
    },
    api: async () => {
      spawnLogged('api', process.execPath, [...DEV_NODE_ARGS, join(temporal.ROOT, 'apps', 'api', 'src', 'main.ts')]);
      await waitFor('the API', async () => (await fetch(`${api}/health`)).status > 0);
    },
    worker: async () => {
      const child = spawnLogged('worker', process.execPath, [...DEV_NODE_ARGS, join(temporal.ROOT, 'apps', 'worker', 'src', 'main.ts')]);
      await new Promise<void>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`the worker did not start within 120 s (logs in ${join(dir, 'logs')})`)), 120_000);
        child.stdout!.on('data', (chunk) => {
          out += chunk;
          if (out.includes('"worker started"')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`worker exited with ${code}`));
        });
      });
    },
  };

  const stack: ProcessStack = {
    dir,
    api,
    databaseUrl,
    temporalAddress,
    async kill(part) {
      await killGroup(children.get(part), 'SIGKILL');
      children.delete(part);
      log(`killed ${part}`);
    },
    async start(part) {
      for (let attempt = 1; ; attempt++) {
        try {
          await starters[part]();
          log(`started ${part}`);
          return;
        } catch (err) {
          // A killed PostgreSQL may still be releasing its shared memory: try again shortly.
          if (attempt >= 5) throw err;
          await killGroup(children.get(part), 'SIGKILL');
          await sleep(1000 * attempt);
        }
      }
    },
    isUp: (part) => {
      const child = children.get(part);
      return Boolean(child && child.exitCode === null && child.signalCode === null);
    },
    async stop({ keepFiles = false } = {}) {
      for (const part of ['worker', 'api', 'temporal', 'postgres'] as const) {
        await killGroup(children.get(part), 'SIGTERM');
        children.delete(part);
      }
      for (const stream of logs.values()) stream.end();
      if (!keepFiles) rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await Promise.all([stack.start('postgres'), stack.start('temporal')]);
    await stack.start('api');
    await stack.start('worker');
  } catch (err) {
    await stack.stop({ keepFiles: true });
    throw err;
  }
  return stack;
}
