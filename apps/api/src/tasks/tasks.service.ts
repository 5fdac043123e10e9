import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { completeTaskUpdate, departmentWorkflowId } from '@rol/contracts';
import { DomainError, ErrorCode, TaskStatus, isOffice, validationFailed } from '@rol/domain';
import { CampaignEntity } from '@rol/db';
import { AttachmentsService, type StoredEvidence } from '../attachments/attachments.service';
import type { AuthUser } from '../common/auth-user';
import { ownDepartment } from '../common/lookups';
import { WorkflowHealth } from '../temporal/workflow-health';
import { WorkflowUpdates } from '../temporal/workflow-updates';
import type { CompleteTaskDto, CompleteTaskResultDto, TaskDetailDto, TaskDto, TaskQueryDto } from './tasks.dto';

const TASK_VIEW = `
  SELECT t.id, t.campaign_id, t.department_id, p.code AS priority_code, t.title, p.description, t.due_at,
         t.evidence_required, t.status, t.overdue_at, t.completed_late, t.reminded_at, t.completed_at,
         t.completion_note, t.evidence
    FROM tasks t JOIN work_priorities p ON p.id = t.priority_id`;

interface TaskRow {
  id: string;
  campaign_id: string;
  department_id: string;
  priority_code: string;
  title: string;
  description: string;
  due_at: Date;
  evidence_required: boolean;
  status: TaskStatus;
  overdue_at: Date | null;
  completed_late: boolean | null;
  reminded_at: Date | null;
  completed_at: Date | null;
  completion_note: string | null;
  evidence: StoredEvidence[];
}

@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly updates: WorkflowUpdates,
    private readonly health: WorkflowHealth,
    private readonly attachments: AttachmentsService,
  ) {}

  /** 待办：the caller's own department's tasks, nothing else. */
  async inbox(actor: AuthUser, query: TaskQueryDto): Promise<TaskDto[]> {
    const rows = await this.dataSource.query<TaskRow[]>(
      `${TASK_VIEW}
        WHERE t.department_id = $1 AND ($2::text IS NULL OR t.status = $2) AND ($3::uuid IS NULL OR t.campaign_id = $3)
        ORDER BY t.due_at, p.code LIMIT $4 OFFSET $5`,
      [ownDepartment(actor, '办理任务'), query.status ?? null, query.campaignId ?? null, query.limit ?? 100, query.offset ?? 0],
    );
    return rows.map(toTaskDto);
  }

  async get(actor: AuthUser, id: string): Promise<TaskDetailDto> {
    const task = await this.findVisible(actor, id);
    return { ...toTaskDto(task), processingTrouble: await this.health.isFailing(departmentWorkflowId(task.campaign_id, task.department_id)) };
  }

  /**
   * 报送完成情况. Checked here first (ownership, state) for a fast, clear answer; then sent to the
   * department workflow as an Update whose validator decides for good, and whose handler
   * persists the completion exactly once.
   */
  async complete(actor: AuthUser, id: string, dto: CompleteTaskDto, idempotencyKey?: string): Promise<CompleteTaskResultDto> {
    const task = await this.findVisible(actor, id);
    if (task.evidence_required && dto.evidence.length === 0) {
      throw validationFailed([{ field: 'evidence', code: 'EVIDENCE_REQUIRED', message: '该任务须附佐证材料（evidence 至少 1 项）' }]);
    }
    const campaign = await this.dataSource.getRepository(CampaignEntity).findOneByOrFail({ id: task.campaign_id });
    if (campaign.closedAt) throw new DomainError(ErrorCode.CampaignClosed, '本年度工作周期已结束，不能再报送完成情况');
    if (task.status !== TaskStatus.Open) throw new DomainError(ErrorCode.TaskAlreadyCompleted, '该任务已报送完成，不能重复报送');

    return this.updates.execute(
      departmentWorkflowId(task.campaign_id, task.department_id),
      completeTaskUpdate,
      { taskId: id, departmentId: ownDepartment(actor, '办理任务'), actorId: actor.id, note: dto.note, evidence: await this.attachments.resolveEvidence(actor, dto.evidence) },
      { idempotencyKey },
    );
  }

  /** A department user reaches only their own department's tasks; the office reaches all. */
  private async findVisible(actor: AuthUser, id: string): Promise<TaskRow> {
    const [task] = await this.dataSource.query<TaskRow[]>(`${TASK_VIEW} WHERE t.id = $1`, [id]);
    if (!task) throw new DomainError(ErrorCode.TaskNotFound, '任务不存在');
    if (!isOffice(actor.role) && task.department_id !== actor.departmentId) {
      throw new DomainError(ErrorCode.ForbiddenDepartment, '不能查看或办理其他部门的任务');
    }
    return task;
  }
}


function toTaskDto(r: TaskRow): TaskDto {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    departmentId: r.department_id,
    priorityCode: r.priority_code,
    title: r.title,
    description: r.description,
    dueAt: r.due_at,
    evidenceRequired: r.evidence_required,
    status: r.status,
    overdue: r.status === TaskStatus.Open && r.overdue_at !== null,
    late: r.completed_late,
    remindedAt: r.reminded_at,
    completedAt: r.completed_at,
    completionNote: r.completion_note,
    evidence: r.evidence,
  };
}
