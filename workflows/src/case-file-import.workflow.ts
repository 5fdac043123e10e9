import { CancellationScope, proxyActivities } from '@temporalio/workflow';
import type { CaseFileImportActivities, CaseFileImportOutcome, CaseFileImportWorkflowInput } from '@rol/contracts';
import { CATALOGUE_IMPORT, SHORT_WRITE } from './activity-options';
import { trackTrouble } from './trouble';

const importer = proxyActivities<CaseFileImportActivities>(CATALOGUE_IMPORT);
const acts = proxyActivities<CaseFileImportActivities>(SHORT_WRITE);

/**
 * 案卷目录导入: one uploaded file, imported in one activity that heartbeats its progress (rows read,
 * rows written) and writes all or nothing. A worker that dies mid-file is noticed by the missing
 * heartbeat and the file is read again from the start; once the retries are spent (or an operator
 * cancels it) the job is marked failed (nothing written) so that the clerk sees it and can submit the
 * file again. That mark is a background step: it outlasts a cancellation and, while PostgreSQL is down,
 * waits in trouble (运行监控) instead of leaving the job shown as running.
 */
export async function caseFileImportWorkflow(input: CaseFileImportWorkflowInput): Promise<CaseFileImportOutcome> {
  const trouble = trackTrouble();
  try {
    return await importer.importCaseFileCatalogue(input);
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause;
    const reason = cause?.message ?? (err as Error).message ?? String(err);
    // The job's state as it ends: 'failed', or what an earlier attempt already recorded (it may have committed).
    return CancellationScope.nonCancellable(() => trouble.background(() => acts.markCaseFileImportFailed({ ...input, reason })));
  }
}
