import type { EntityManager } from 'typeorm';

/** What the outbox can ask the worker to start, by the row it follows from. */
export type OutboxSubject = 'campaign' | 'opinion_letter' | 'case_file_import';

/**
 * Records, in the caller's transaction, that the workflow of `subject` must be started: it commits
 * or rolls back with the state it follows from, and the worker's dispatcher starts it (at least once;
 * the start itself is idempotent by workflow id). Enqueuing the same workflow twice is a no-op.
 */
export async function enqueueWorkflowStart(m: EntityManager, subject: OutboxSubject, subjectId: string, workflowId: string): Promise<void> {
  await m.query(
    `INSERT INTO outbox (kind, subject_type, subject_id, workflow_id) VALUES ('start_workflow', $1, $2, $3)
     ON CONFLICT (kind, workflow_id) DO NOTHING`,
    [subject, subjectId, workflowId],
  );
}

/** Whether the start of this workflow is still waiting in the outbox. */
export async function workflowStartPending(m: EntityManager, workflowId: string): Promise<boolean> {
  const [row] = await m.query(`SELECT 1 FROM outbox WHERE kind = 'start_workflow' AND workflow_id = $1 AND dispatched_at IS NULL`, [workflowId]);
  return Boolean(row);
}
