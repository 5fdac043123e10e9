import { readFileSync } from 'node:fs';
import type { WorkflowBundle } from '@temporalio/worker';
import { bundleWorkflows } from '@rol/worker';

/**
 * The workflow bundle for a test file: the one `test/setup/global-setup.ts` built once for the whole
 * `jest` run (TEST_WORKFLOW_BUNDLE), else a fresh one (a single spec run outside that set-up).
 */
export async function testWorkflowBundle(): Promise<WorkflowBundle> {
  const path = process.env.TEST_WORKFLOW_BUNDLE;
  return path ? { code: readFileSync(path, 'utf8') } : bundleWorkflows();
}
