/** 案卷目录导入: one uploaded catalogue file, imported by the worker (the API only stores the file and records the job). */

export function caseFileImportWorkflowId(importId: string): string {
  return `case-file-import-${importId}`;
}

export interface CaseFileImportWorkflowInput {
  importId: string;
}

/** How a job ended: written (all rows), refused (not a row written; the errors are on the job), or failed on a fault. */
export type CaseFileImportOutcome = 'succeeded' | 'rejected' | 'failed';

export interface CaseFileImportActivities {
  /**
   * Reads the stored file, checks every row, and writes the catalogue in one transaction, recording
   * progress on the job as it goes. A job already finished is left as it is (run twice, writes once);
   * a retry after a fault starts the file again (the earlier attempt's transaction rolled back).
   */
  importCaseFileCatalogue(input: CaseFileImportWorkflowInput): Promise<CaseFileImportOutcome>;
  /**
   * After the retries are spent: the job, if still open, is marked failed (nothing was written); its file is
   * removed. Answers the job's final state (an earlier attempt may have finished it).
   */
  markCaseFileImportFailed(input: CaseFileImportWorkflowInput & { reason: string }): Promise<CaseFileImportOutcome>;
}
