import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Runtime, makeTelemetryFilterString, type Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { loadConfig } from '@rol/config';
import { createDataSource } from '@rol/db';
import { createStorage } from '@rol/files';
import { createLogger, logFunction, temporalLogger } from './logging';
import { bundleWorkflows, createWorker } from './worker';

const logger = createLogger();
const log = logFunction(logger);

/**
 * The worker process: waits for PostgreSQL and Temporal (it never exits because one of them is not up
 * yet or restarts), builds the activities from their dependencies, and runs them with the outbox
 * dispatcher until SIGINT/SIGTERM. A worker that stops on an error is built again.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  logger.level = config.logLevel;
  // Our own signal handling decides between "restart" and "stop": the Runtime must not shut workers down by itself.
  // The SDK's, the workflows', the activities' and Core's (forwarded) lines all go through our logger.
  Runtime.install({
    logger: temporalLogger(logger),
    shutdownSignals: [],
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
      // Temporal's own worker metrics (task slots, schedule-to-start latencies, failures) for Prometheus at http://<address>/metrics.
      ...(config.workerMetricsAddress ? { metrics: { prometheus: { bindAddress: config.workerMetricsAddress } } } : {}),
    },
  });
  let stopping = false;
  let current: Worker | undefined;
  const stop = () => {
    stopping = true;
    log('info', 'stopping');
    if (current?.getState() === 'RUNNING') current.shutdown();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const workflowBundle = await loadWorkflowBundle();
  const dataSource = await untilUp('PostgreSQL', () => createDataSource(config.databaseUrl, { name: 'supervision-worker' }).initialize(), () => stopping);
  while (dataSource && !stopping) {
    const built = await untilUp(
      `Temporal at ${config.temporal.address}`,
      () => createWorker({ dataSource, storage: createStorage(config.attachments.storage), drawBatchDepartments: config.drawBatchDepartments, temporalAddress: config.temporal.address, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, workflowBundle, log, prepareSchedule: config.prepareNextCampaign }),
      () => stopping,
    );
    if (!built) break;
    current = built.worker;
    log('info', 'worker started', { taskQueue: config.temporal.taskQueue, temporal: config.temporal.address, metrics: config.workerMetricsAddress ? `http://${config.workerMetricsAddress}/metrics` : 'off', workflowBundle: 'codePath' in workflowBundle ? workflowBundle.codePath : 'bundled from the sources at start' });
    try {
      if (!stopping) await built.run();
    } catch (err) {
      log('error', 'worker stopped on an error; building it again', { error: err instanceof Error ? err.message : String(err) });
      await sleep(1000);
    } finally {
      await built.close().catch(() => undefined);
    }
  }
  await dataSource?.destroy();
  log('info', 'worker stopped');
}

/**
 * The compiled worker (apps/worker/dist/main.js) loads the bundle `npm run build` wrote beside it; run from
 * the sources (npm start), it bundles the workflows' sources at start.
 */
async function loadWorkflowBundle(): Promise<WorkflowBundleOption> {
  if (!__filename.endsWith('.js')) return bundleWorkflows();
  const codePath = join(__dirname, 'workflow-bundle.js');
  if (!existsSync(codePath)) throw new Error(`${codePath} is missing: build with \`npm run build\``);
  return { codePath };
}

/** Calls `connect` until it succeeds (backing off up to 5 s), or returns undefined once `giveUp()` is true. */
async function untilUp<T>(what: string, connect: () => Promise<T>, giveUp: () => boolean): Promise<T | undefined> {
  for (let attempt = 1; !giveUp(); attempt++) {
    try {
      const value = await connect();
      if (attempt > 1) log('info', `${what} is up`);
      return value;
    } catch (err) {
      if (attempt === 1 || attempt % 10 === 0) log('warn', `waiting for ${what}`, { attempt, error: err instanceof Error ? err.message : String(err) });
      await sleep(Math.min(5000, 250 * 2 ** Math.min(attempt, 5)));
    }
  }
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

main().catch((err) => {
  log('error', 'worker failed', { error: err instanceof Error ? err.stack : String(err) });
  logger.flush();
  process.exit(1);
});
