import { proxyActivities } from '@temporalio/workflow';
import type { CaseFileImportActivities, CaseFileImportOutcome, CaseFileImportWorkflowInput } from '@rol/contracts';
import { CATALOGUE_IMPORT, SHORT_WRITE } from './activity-options';

const importer = proxyActivities<CaseFileImportActivities>(CATALOGUE_IMPORT);
const acts = proxyActivities<CaseFileImportActivities>(SHORT_WRITE);

/**
 * 案卷目录导入: one uploaded file, imported in one activity that heartbeats its progress (rows read,
 * rows written) and writes all or nothing. A worker that dies mid-file is noticed by the missing
 * heartbeat and the file is read again from the start; once the retries are spent the job is marked
 * failed (nothing written) so that the clerk sees it and can submit the file again.
 */
export async function caseFileImportWorkflow(input: CaseFileImportWorkflowInput): Promise<CaseFileImportOutcome> {
  try {
    return await importer.importCaseFileCatalogue(input);
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause;
    await acts.markCaseFileImportFailed({ ...input, reason: cause?.message ?? (err as Error).message ?? String(err) });
    return 'failed';
  }
}
