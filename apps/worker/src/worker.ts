import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createActivities } from '@rol/activities';
import type { AttachmentStorage } from '@rol/files';
import type { YearlyScheduleSpec } from '@rol/contracts';
import { ACTIVITY_INTERCEPTORS } from './domain-errors';
import { createOutboxDispatcher, type OutboxDispatcherDeps } from './outbox-dispatcher';
import { ensurePrepareNextCampaignSchedule } from './schedules';
import { bundleWorkflows } from './bundle';

export interface WorkerDeps {
  dataSource: DataSource;
  /** Uploaded files (a catalogue import's file is read from here). */
  storage: AttachmentStorage;
  /** Departments per batch of the draw (config DRAW_BATCH_DEPARTMENTS). */
  drawBatchDepartments?: number;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  /** A prebuilt bundle (tests: one per run; the process: the build's file, or one bundled at start from the sources). */
  workflowBundle?: WorkflowBundleOption;
  log?: OutboxDispatcherDeps['log'];
  /** When next year's campaign draft is prepared each year (default 1 December 09:00 Asia/Shanghai). */
  /** The yearly schedule that prepares next year's draft; absent: none is created. */
  prepareSchedule?: YearlyScheduleSpec;
}

export { bundleWorkflows, WORKFLOWS_PATH } from './bundle';

/**
 * Builds a worker with its activities closed over their dependencies, and the outbox dispatcher.
 * `run()` runs both until the worker stops (shutdown, or a fatal error); `close` releases the connections.
 */
export async function createWorker(deps: WorkerDeps): Promise<{ worker: Worker; run: () => Promise<void>; close: () => Promise<void> }> {
  const nativeConnection = await NativeConnection.connect({ address: deps.temporalAddress });
  const clientConnection = await Connection.connect({ address: deps.temporalAddress }).catch(async (err: unknown) => {
    await nativeConnection.close();
    throw err;
  });
  const client = new Client({ connection: clientConnection, namespace: deps.namespace });
  // Before the worker holds the connection, so that a failure can release it. A server without
  // schedules (the time-skipping test server) is given none: no `prepareSchedule`.
  try {
    if (deps.prepareSchedule) await ensurePrepareNextCampaignSchedule(client, deps.taskQueue, deps.prepareSchedule);
  } catch (err) {
    await clientConnection.close();
    await nativeConnection.close();
    throw err;
  }
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    workflowBundle: deps.workflowBundle ?? (await bundleWorkflows()),
    activities: createActivities({ dataSource: deps.dataSource, storage: deps.storage, drawBatchDepartments: deps.drawBatchDepartments, client, taskQueue: deps.taskQueue }),
    interceptors: ACTIVITY_INTERCEPTORS,
  });
  const dispatcher = createOutboxDispatcher({ dataSource: deps.dataSource, client, taskQueue: deps.taskQueue, log: deps.log });
  return {
    worker,
    run: async () => {
      const stop = new AbortController();
      const draining = dispatcher.run(stop.signal);
      try {
        await worker.run();
      } finally {
        stop.abort();
        await draining;
      }
    },
    close: async () => {
      await clientConnection.close();
      await nativeConnection.close();
    },
  };
}
