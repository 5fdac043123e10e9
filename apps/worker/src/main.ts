import { Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { loadConfig } from '@rol/config';
import { createDataSource } from '@rol/db';
import { createWorker } from './worker';

/** The worker process: connects, builds the activities from their dependencies, runs until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  // The Runtime owns the shutdown signals: SIGINT/SIGTERM drain the worker, then run() resolves.
  Runtime.install({
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
  });
  const dataSource = await createDataSource(config.databaseUrl, { name: 'supervision-worker' }).initialize();
  const { worker, close } = await createWorker({
    dataSource,
    temporalAddress: config.temporal.address,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
  });
  log('info', 'worker started', { taskQueue: config.temporal.taskQueue, temporal: config.temporal.address });
  try {
    await worker.run();
  } finally {
    await close();
    await dataSource.destroy();
    log('info', 'worker stopped');
  }
}

function log(level: string, msg: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ time: new Date().toISOString(), level, service: 'worker', msg, ...extra }));
}

main().catch((err) => {
  log('error', 'worker failed', { error: err instanceof Error ? err.stack : String(err) });
  process.exit(1);
});
