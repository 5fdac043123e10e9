import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';

/**
 * Bundling the workflows: always from their TypeScript sources (development, tests, and `npm run build`,
 * which writes the bundle the compiled worker loads). This module imports no workspace, so that the
 * test set-up can bundle once without resolving the workspaces itself.
 */

/** The workflows package's sources: the worker never imports workflow code directly. */
export const WORKFLOWS_PATH = join(dirname(require.resolve('@rol/workflows/package.json')), 'src', 'index.ts');

/** The workspaces' source export condition (scripts/conditions.js), before webpack's own. */
const SOURCE_CONDITION = 'rol-source';

/** Bundles the workflows (or another checkout's, `workflowsPath`) with the workspaces resolved to their sources. */
export function bundleWorkflows(workflowsPath: string = WORKFLOWS_PATH): Promise<WorkflowBundle> {
  return bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: workflowInterceptorModules(workflowsPath),
    logger: quietBundlerLogger,
    webpackConfigHook: (config) => ({ ...config, resolve: { ...config.resolve, conditionNames: [SOURCE_CONDITION, '...'] } }),
  });
}

/**
 * The workflows' interceptors (the request id in their logs and their activities' headers), next to
 * their index. In the bundle: a worker given a prebuilt bundle ignores `interceptors.workflowModules`.
 * An older checkout (record-histories --code-from) may have none.
 */
function workflowInterceptorModules(workflowsPath: string): string[] {
  const interceptors = join(dirname(workflowsPath), 'interceptors.ts');
  return existsSync(interceptors) ? [interceptors] : [];
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string, meta?: unknown) => console.warn(message, meta ?? ''),
  error: (message: string, meta?: unknown) => console.error(message, meta ?? ''),
};
