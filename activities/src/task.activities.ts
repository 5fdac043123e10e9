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
import { CampaignEntity, TaskEntity, WorkPriorityEntity, execute, recordAudit } from '@rol/db';
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
      return dataSource.transaction(async (m) => {
        const campaign = await m.findOneByOrFail(CampaignEntity, { id: campaignId });
        const priorities: WorkPriorityEntity[] = await m
          .createQueryBuilder(WorkPriorityEntity, 'p')
          .where('p.campaign_id = :campaignId', { campaignId })
          .andWhere('(p.department_ids IS NULL OR :departmentId = ANY (p.department_ids))', { departmentId })
          .getMany();
        const created: { id: string }[] = [];
        for (const p of priorities) {
          const remindAtMs = reminderAt(p.dueAt.getTime(), campaign.reminderDaysBefore, campaign.createdAt.getTime());
          const inserted = await m
            .createQueryBuilder()
            .insert()
            .into(TaskEntity)
            .values({
              campaignId,
              priorityId: p.id,
              departmentId,
              title: p.title,
              dueAt: p.dueAt,
              remindAt: remindAtMs === undefined ? null : new Date(remindAtMs),
              evidenceRequired: p.evidenceRequired,
              status: TaskStatus.Open,
            })
            .orIgnore() // ON CONFLICT DO NOTHING: (priority_id, department_id) is the natural key
            .returning(['id'])
            .execute();
          created.push(...(inserted.raw as { id: string }[]));
        }
        for (const { id } of created) {
          await recordAudit(m, { actorId: null, action: 'task.create', targetType: 'task', targetId: id, detail: { campaignId, departmentId } });
        }
        const tasks = await m.find(TaskEntity, { where: { campaignId, departmentId }, order: { dueAt: 'ASC' } });
        return tasks.map(
          (t): TaskSchedule => ({
            taskId: t.id,
            dueAt: t.dueAt.toISOString(),
            remindAt: t.remindAt?.toISOString() ?? null,
            status: t.status,
            completedAt: t.completedAt?.toISOString() ?? null,
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
