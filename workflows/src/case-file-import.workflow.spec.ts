/** 案卷目录导入's workflow on the time-skipping server: the import's outcome, and a job marked failed once its attempts are spent. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import type { CaseFileImportActivities } from '@rol/contracts';
import { testWorkflowBundle } from '../test/bundle';
import { timeSkippingEnvironment } from '../test/time-skipping';
import type { caseFileImportWorkflow } from './case-file-import.workflow';

describe('caseFileImportWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundle;
  beforeAll(async () => {
    [env, bundle] = await Promise.all([timeSkippingEnvironment(), testWorkflowBundle()]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  async function run(taskQueue: string, importCaseFileCatalogue: CaseFileImportActivities['importCaseFileCatalogue']) {
    const failed: { importId: string; reason: string }[] = [];
    const activities: CaseFileImportActivities = { importCaseFileCatalogue, markCaseFileImportFailed: async (input) => (failed.push(input), 'failed') };
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities });
    const outcome = await worker.runUntil(
      env.client.workflow.execute<typeof caseFileImportWorkflow>('caseFileImportWorkflow', { taskQueue, workflowId: `import-${taskQueue}`, args: [{ importId: 'job-1' }] }),
    );
    return { outcome, failed };
  }

  it('answers the import’s outcome and marks nothing failed', async () => {
    expect(await run('import-ok', async () => 'rejected')).toEqual({ outcome: 'rejected', failed: [] });
  });

  it('after five failed attempts marks the job failed, with the last fault as the reason', async () => {
    let attempts = 0;
    const result = await run('import-fault', async () => {
      attempts++;
      throw new Error(`connection lost (attempt ${attempts})`);
    });
    expect(attempts).toBe(5);
    expect(result).toEqual({ outcome: 'failed', failed: [{ importId: 'job-1', reason: 'connection lost (attempt 5)' }] });
  });
});
