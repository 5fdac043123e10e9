import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowStartOptions } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { CampaignIdKey, CampaignYearKey, PhaseKey, summaries, type CampaignWorkflowInput, type CaseFileImportWorkflowInput, type LetterWorkflowInput } from '@rol/contracts';
import { DEFAULT_RECTIFICATION_RULES, ladderSchedule, type CampaignCalendar, type Phase, type RectificationRules } from '@rol/domain';
import { loadCalendars, type OutboxSubject } from '@rol/db';

export interface OutboxDispatcherDeps {
  dataSource: DataSource;
  client: Client;
  taskQueue: string;
  /** Pause between looks at an empty outbox. */
  idleMs?: number;
  log?: (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;
}

interface OutboxRow {
  id: string;
  subject_type: OutboxSubject;
  subject_id: string;
  workflow_id: string;
  attempts: number;
}

const BATCH = 50;
const CONCURRENCY = 8;

/**
 * Drains the transactional outbox (libs/db/src/outbox.ts): for each pending row, starts the workflow
 * it asks for, then marks the row dispatched. Safe to run twice or in several workers at once: a
 * start is refused by Temporal when the workflow id exists (REJECT_DUPLICATE), which counts as done,
 * and the mark is conditional. A start that fails is retried later with a growing pause (at most 10 s,
 * so the outbox catches up within seconds once Temporal is back).
 */
export function createOutboxDispatcher(deps: OutboxDispatcherDeps) {
  const { dataSource, client, taskQueue } = deps;
  const idleMs = deps.idleMs ?? 250;
  const log = deps.log ?? (() => undefined);

  /** What to start for a row: built from the committed state, so the outbox row carries only ids. */
  async function startOptions(row: OutboxRow): Promise<{ type: string; options: WorkflowStartOptions } | null> {
    if (row.subject_type === 'campaign') {
      const [c]: { id: string; year: number; calendar: CampaignCalendar; phase: Phase; workflow_id: string }[] = await dataSource.query(
        `SELECT id, year, calendar, phase, workflow_id FROM campaigns WHERE id = $1`,
        [row.subject_id],
      );
      if (!c) return null;
      const input: CampaignWorkflowInput = { campaignId: c.id, year: c.year, calendar: c.calendar };
      return {
        type: 'campaignWorkflow',
        options: {
          taskQueue,
          workflowId: row.workflow_id,
          args: [input],
          staticSummary: summaries.campaign(c.year),
          typedSearchAttributes: [
            { key: CampaignIdKey, value: c.id },
            { key: CampaignYearKey, value: c.year },
            { key: PhaseKey, value: c.phase },
          ],
        },
      };
    }
    if (row.subject_type === 'case_file_import') {
      const [job]: { id: string; file_name: string; department_name: string | null }[] = await dataSource.query(
        `SELECT j.id, j.file_name, d.name AS department_name FROM case_file_imports j LEFT JOIN departments d ON d.id = j.department_id WHERE j.id = $1`,
        [row.subject_id],
      );
      if (!job) return null;
      const input: CaseFileImportWorkflowInput = { importId: job.id };
      return { type: 'caseFileImportWorkflow', options: { taskQueue, workflowId: row.workflow_id, args: [input], staticSummary: summaries.caseFileImport(job.file_name, job.department_name ?? undefined) } };
    }
    const [letter]: { id: string; campaign_id: string; department_id: string; year: number; acknowledge_due_at: Date; objection_due_at: Date; rules: RectificationRules | null; document_number: string | null; department_name: string }[] = await dataSource.query(
      `SELECT l.id, l.campaign_id, l.department_id, c.year, l.acknowledge_due_at, l.objection_due_at, c.rectification_rules AS rules, l.document_number, d.name AS department_name
         FROM opinion_letters l JOIN campaigns c ON c.id = l.campaign_id JOIN departments d ON d.id = l.department_id WHERE l.id = $1 AND l.status <> 'draft'`,
      [row.subject_id],
    );
    if (!letter) return null;
    const items: { id: string; deadline_at: Date; problem: string }[] = await dataSource.query(
      `SELECT r.id, r.deadline_at, i.problem FROM rectification_items r JOIN opinion_items i ON i.id = r.id WHERE r.letter_id = $1 ORDER BY r.id`,
      [letter.id],
    );
    const rules = letter.rules ?? DEFAULT_RECTIFICATION_RULES;
    const calendars = await loadCalendars(dataSource.manager);
    const input: LetterWorkflowInput = {
      letterId: letter.id,
      campaignId: letter.campaign_id,
      year: letter.year,
      departmentId: letter.department_id,
      acknowledgeDueAtMs: letter.acknowledge_due_at.getTime(),
      schedule: ladderSchedule(rules, letter.acknowledge_due_at.getTime(), calendars).filter((s) => s.kind === 'remind' || s.kind === 'urge'),
      items: items.map((i) => ({ itemId: i.id, deadlineAtMs: i.deadline_at.getTime(), schedule: ladderSchedule(rules, i.deadline_at.getTime(), calendars), title: i.problem.slice(0, 60) })),
      objectionDueAtMs: letter.objection_due_at.getTime(),
      documentNumber: letter.document_number ?? undefined,
      departmentName: letter.department_name,
    };
    return { type: 'letterWorkflow', options: { taskQueue, workflowId: row.workflow_id, args: [input], staticSummary: summaries.letter(letter.year, letter.department_name, letter.document_number ?? undefined) } };
  }

  async function dispatch(row: OutboxRow): Promise<void> {
    try {
      const start = await startOptions(row);
      if (start) {
        await client.workflow.start(start.type, { ...start.options, workflowIdReusePolicy: 'REJECT_DUPLICATE' }).catch((err: unknown) => {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err; // started before: done
        });
      } else {
        log('warn', 'outbox row has nothing to start', { id: row.id, subject: row.subject_type, subjectId: row.subject_id });
      }
      await dataSource.query(`UPDATE outbox SET dispatched_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1 AND dispatched_at IS NULL`, [row.id]);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log('warn', 'workflow start failed; will retry', { id: row.id, workflowId: row.workflow_id, attempts: row.attempts + 1, error: message });
      await dataSource.query(
        `UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + least(power(2, attempts), 10) * interval '1 second'
          WHERE id = $1 AND dispatched_at IS NULL`,
        [row.id, message.slice(0, 2000)],
      );
    }
  }

  /** One pass: dispatches up to a batch of due rows; returns how many it found. */
  async function drainOnce(): Promise<number> {
    const rows: OutboxRow[] = await dataSource.query(
      `SELECT id, subject_type, subject_id, workflow_id, attempts FROM outbox
        WHERE dispatched_at IS NULL AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT $1`,
      [BATCH],
    );
    for (let i = 0; i < rows.length; i += CONCURRENCY) await Promise.all(rows.slice(i, i + CONCURRENCY).map(dispatch));
    return rows.length;
  }

  /** Drains until `signal` aborts; waits and retries while PostgreSQL or Temporal is down. */
  async function run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      let found = 0;
      try {
        found = await drainOnce();
        if (failures > 0) log('info', 'outbox dispatcher recovered');
        failures = 0;
      } catch (err) {
        failures++;
        if (failures === 1 || failures % 20 === 0) log('warn', 'outbox not readable; retrying', { error: err instanceof Error ? err.message : String(err) });
      }
      if (found < BATCH) await sleep(failures > 0 ? Math.min(5000, 250 * 2 ** Math.min(failures, 5)) : idleMs, signal);
    }
  }

  return { drainOnce, run };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
