import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import {
  CampaignIdKey,
  CampaignYearKey,
  DepartmentIdKey,
  PhaseKey,
  campaignClosedSignal,
  departmentWorkflowId,
  summaries,
  type CycleActivities,
  type RectificationActivities,
  type AnnualReportActivities,
  type CaseFileImportActivities,
  type FanOutPage,
  type FanOutResult,
  type TaskSchedule,
} from '@rol/contracts';
import { Phase, TaskStatus, reminderAt } from '@rol/domain';
import { CampaignEntity, TaskEntity, execute, recordAudit, recordAudits } from '@rol/db';
import type { AttachmentStorage } from '@rol/files';
import { createAnnualReportActivities } from './annual-report.activities';
import { createCaseFileImportActivities } from './case-file-import.activities';
import { createRectificationActivities } from './rectification.activities';
import { createReviewActivities } from './review.activities';
import { createSelfCheckActivities } from './self-check.activities';
import { createTurnOfYearActivities } from './turn-of-year.activities';

export interface ActivityDeps {
  dataSource: DataSource;
  client: Client;
  taskQueue: string;
  /** Where uploaded files are (the API stores a catalogue import's file there, the import activity reads it). */
  storage: AttachmentStorage;
  /** Departments per batch of the draw (default 50). */
  drawBatchDepartments?: number;
  /** How many workflow starts or signals one activity keeps in flight. */
  concurrency?: number;
}

/**
 * The side effects of the cycle. Each activity is idempotent: conditional updates and
 * unique keys make a retry (or a second worker) write nothing twice.
 */
export function createActivities(deps: ActivityDeps): CycleActivities & RectificationActivities & AnnualReportActivities & CaseFileImportActivities {
  return {
    ...createTaskActivities(deps),
    ...createSelfCheckActivities(deps.dataSource),
    ...createReviewActivities(deps.dataSource, { drawBatchDepartments: deps.drawBatchDepartments }),
    ...createRectificationActivities(deps.dataSource, deps),
    ...createTurnOfYearActivities(deps),
    ...createAnnualReportActivities(deps.dataSource),
    ...createCaseFileImportActivities(deps.dataSource, deps.storage),
  };
}

/** Fan-out of department workflows, campaign phases, and the tasks of the work priorities. */
type TaskActivities = Pick<
  CycleActivities,
  | 'startDepartmentWorkflows'
  | 'signalCampaignClosed'
  | 'recordCampaignPhase'
  | 'closeCampaign'
  | 'createDepartmentTasks'
  | 'recordTaskReminder'
  | 'markTaskOverdue'
  | 'recordTaskCompletion'
>;

function createTaskActivities(deps: ActivityDeps): TaskActivities {
  const { dataSource, client, taskQueue } = deps;
  const concurrency = deps.concurrency ?? 16;

  /** Keyset page over the departments a campaign covers. */
  async function departmentPage(page: FanOutPage): Promise<string[]> {
    const rows: { department_id: string }[] = await dataSource.query(
      `SELECT department_id FROM campaign_departments
        WHERE campaign_id = $1 AND ($2::uuid IS NULL OR department_id > $2::uuid)
        ORDER BY department_id LIMIT $3`,
      [page.campaignId, page.after, page.limit],
    );
    return rows.map((r) => r.department_id);
  }

  async function forEachDepartment(page: FanOutPage, act: (departmentId: string) => Promise<void>): Promise<FanOutResult> {
    const ids = await departmentPage(page);
    for (let i = 0; i < ids.length; i += concurrency) {
      await Promise.all(ids.slice(i, i + concurrency).map(act));
      Context.current().heartbeat(i);
    }
    return { count: ids.length, last: ids.at(-1) ?? null, done: ids.length < page.limit };
  }

  return {
    async startDepartmentWorkflows(page) {
      const { calendar } = await dataSource.getRepository(CampaignEntity).findOneByOrFail({ id: page.campaignId });
      // The page's names (the same keyset page), for the workflows' human summaries.
      const named: { id: string; name: string }[] = await dataSource.query(
        `SELECT d.id, d.name FROM campaign_departments cd JOIN departments d ON d.id = cd.department_id
          WHERE cd.campaign_id = $1 AND ($2::uuid IS NULL OR cd.department_id > $2::uuid) ORDER BY cd.department_id LIMIT $3`,
        [page.campaignId, page.after, page.limit],
      );
      const names = new Map(named.map((r) => [r.id, r.name]));
      return forEachDepartment(page, async (departmentId) => {
        // Same workflow id on a retry: USE_EXISTING returns the running one instead of starting another.
        await client.workflow.start('departmentWorkflow', {
          taskQueue,
          workflowId: departmentWorkflowId(page.campaignId, departmentId),
          workflowIdConflictPolicy: 'USE_EXISTING',
          args: [{ campaignId: page.campaignId, year: page.year, departmentId, calendar }],
          staticSummary: summaries.department(page.year, names.get(departmentId)),
          typedSearchAttributes: [
            { key: CampaignIdKey, value: page.campaignId },
            { key: CampaignYearKey, value: page.year },
            { key: DepartmentIdKey, value: departmentId },
            { key: PhaseKey, value: Phase.Priorities },
          ],
        });
      });
    },

    async signalCampaignClosed(page) {
      return forEachDepartment(page, async (departmentId) => {
        try {
          await client.workflow.getHandle(departmentWorkflowId(page.campaignId, departmentId)).signal(campaignClosedSignal);
        } catch (err) {
          if (!(err instanceof WorkflowNotFoundError)) throw err; // already finished: nothing to tell
        }
      });
    },

    async recordCampaignPhase({ campaignId, phase }) {
      await dataSource.transaction(async (m) => {
        // Only a change of phase is recorded: a retry, or a phase already recorded, writes nothing.
        const { affected } = await execute(m, `UPDATE campaigns SET phase = $2 WHERE id = $1 AND phase <> $2 AND closed_at IS NULL`, [campaignId, phase]);
        if (affected) {
          await recordAudit(m, { actorId: null, action: 'campaign.phase', targetType: 'campaign', targetId: campaignId, detail: { phase } });
        }
      });
    },

    async closeCampaign({ campaignId, actorId, closedAt }) {
      await dataSource.transaction(async (m) => {
        const result = await m
          .createQueryBuilder()
          .update(CampaignEntity)
          .set({ phase: Phase.Closed, closedAt: new Date(closedAt) })
          .where('id = :campaignId AND closed_at IS NULL', { campaignId })
          .execute();
        if (result.affected) {
          await recordAudit(m, { actorId, action: 'campaign.close', targetType: 'campaign', targetId: campaignId, at: new Date(closedAt) });
        }
      });
    },

    async createDepartmentTasks({ campaignId, departmentId }) {
      // Three statements (a launch runs this once per department: 10,000 times): the priorities that apply,
      // the tasks (natural key (priority, department): a retry inserts none), their audit rows.
      return dataSource.transaction(async (m) => {
        const priorities: { id: string; title: string; due_at: Date; evidence_required: boolean; reminder_days_before: number; campaign_created_at: Date }[] = await m.query(
          `SELECT p.id, p.title, p.due_at, p.evidence_required, c.reminder_days_before, c.created_at AS campaign_created_at
             FROM campaigns c JOIN work_priorities p ON p.campaign_id = c.id
            WHERE c.id = $1 AND (p.department_ids IS NULL OR $2::uuid = ANY (p.department_ids))`,
          [campaignId, departmentId],
        );
        if (priorities.length === 0) await m.findOneByOrFail(CampaignEntity, { id: campaignId }); // none apply, or no such campaign (a fault)
        const remindAt = priorities.map((p) => {
          const at = reminderAt(p.due_at.getTime(), p.reminder_days_before, p.campaign_created_at.getTime());
          return at === undefined ? null : new Date(at);
        });
        const created: { id: string }[] = await m.query(
          `INSERT INTO tasks (campaign_id, priority_id, department_id, title, due_at, remind_at, evidence_required, status)
           SELECT $1, p, $2, t, d, r, e, $8 FROM unnest($3::uuid[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::boolean[]) AS x(p, t, d, r, e)
           ON CONFLICT DO NOTHING RETURNING id`,
          [campaignId, departmentId, priorities.map((p) => p.id), priorities.map((p) => p.title), priorities.map((p) => p.due_at), remindAt, priorities.map((p) => p.evidence_required), TaskStatus.Open],
        );
        await recordAudits(m, created.map(({ id }) => ({ actorId: null, action: 'task.create', targetType: 'task', targetId: id, detail: { campaignId, departmentId } })));
        const tasks: { id: string; due_at: Date; remind_at: Date | null; status: TaskStatus; completed_at: Date | null }[] = await m.query(
          `SELECT id, due_at, remind_at, status, completed_at FROM tasks WHERE campaign_id = $1 AND department_id = $2 ORDER BY due_at`,
          [campaignId, departmentId],
        );
        return tasks.map(
          (t): TaskSchedule => ({
            taskId: t.id,
            dueAt: t.due_at.toISOString(),
            remindAt: t.remind_at?.toISOString() ?? null,
            status: t.status as TaskSchedule['status'],
            completedAt: t.completed_at?.toISOString() ?? null,
          }),
        );
      });
    },

    async recordTaskReminder({ taskId, at }) {
      await dataSource.transaction(async (m) => {
        const result = await m
          .createQueryBuilder()
          .update(TaskEntity)
          .set({ remindedAt: new Date(at) })
          .where('id = :taskId AND reminded_at IS NULL', { taskId })
          .execute();
        if (result.affected) {
          await recordAudit(m, { actorId: null, action: 'task.remind', targetType: 'task', targetId: taskId, at: new Date(at) });
        }
      });
    },

    async markTaskOverdue({ taskId, at }) {
      await dataSource.transaction(async (m) => {
        const result = await m
          .createQueryBuilder()
          .update(TaskEntity)
          .set({ overdueAt: new Date(at) })
          .where('id = :taskId AND overdue_at IS NULL AND status = :open', { taskId, open: TaskStatus.Open })
          .execute();
        if (result.affected) {
          await recordAudit(m, { actorId: null, action: 'task.overdue', targetType: 'task', targetId: taskId, at: new Date(at) });
        }
      });
    },

    async recordTaskCompletion(input) {
      const recorded = await dataSource.transaction(async (m) => {
        const result = await m
          .createQueryBuilder()
          .update(TaskEntity)
          .set({
            status: TaskStatus.Completed,
            completedAt: new Date(input.completedAt),
            completedLate: input.late,
            completedBy: input.actorId,
            completionNote: input.note,
            evidence: input.evidence,
          })
          .where('id = :taskId AND status = :open', { taskId: input.taskId, open: TaskStatus.Open })
          .execute();
        if (result.affected) {
          await recordAudit(m, {
            actorId: input.actorId,
            action: input.late ? 'task.complete_late' : 'task.complete',
            targetType: 'task',
            targetId: input.taskId,
            at: new Date(input.completedAt),
            detail: { note: input.note, evidence: input.evidence },
          });
        }
        return !!result.affected;
      });
      // An id and flags only: the note and the evidence are the department's words, never logged.
      Context.current().log.info(recorded ? 'task completion recorded' : 'task completion already recorded', { taskId: input.taskId, late: input.late });
    },
  };
}
