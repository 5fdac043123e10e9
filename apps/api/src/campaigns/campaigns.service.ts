import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource, type EntityManager } from 'typeorm';
import { campaignStateQuery, campaignWorkflowId, closeCampaignUpdate } from '@rol/contracts';
import {
  defaultAnnualReportDueAt,
  validateAnnualReportDueAt,
  DEFAULT_REMINDER_DAYS_BEFORE,
  DEFAULT_SELF_CHECK_TEMPLATE,
  DomainError,
  ErrorCode,
  PHASE_LABELS,
  Phase,
  phaseAt,
  validateCalendar,
  validationFailed,
  type FieldError,
} from '@rol/domain';
import { CampaignDepartmentEntity, CampaignEntity, DepartmentEntity, SelfCheckTemplateEntity, WorkPriorityEntity, enqueueWorkflowStart, latestIndicatorTreeId, recordAudit, workflowStartPending } from '@rol/db';
import type { AuthUser } from '../common/auth-user';
import { Coalescer } from '../common/coalesce';
import type { Page } from '../common/paging';
import { findCampaign } from '../common/lookups';
import type { CampaignStatusDto, CampaignSummaryDto, CreateCampaignDto, DepartmentProgressDto, DepartmentProgressQueryDto, SelfCheckCounts, WorkflowStatusDto } from './campaigns.dto';
import { WorkflowUpdates } from '../temporal/workflow-updates';
import { countTasksSql, toTaskCounts, type TaskCountRow } from './task-counts';
import { Clock } from '../common/clock';

@Injectable()
export class CampaignsService {
  private readonly logger = new Logger(CampaignsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly updates: WorkflowUpdates,
    private readonly clock: Clock,
  ) {}

  private readonly statusReads = new Coalescer<CampaignStatusDto>();

  /**
   * 发布年度工作周期. Stores the campaign, its priorities, the departments it covers and the start of
   * its workflow (outbox) in one transaction; the worker starts the workflow from the outbox. A retry
   * with the same Idempotency-Key returns the campaign already launched; any other second launch for
   * the year is refused (409).
   */
  async launch(actor: AuthUser, dto: CreateCampaignDto, idempotencyKey?: string): Promise<CampaignStatusDto> {
    const campaign = await this.dataSource.transaction((m) => this.launchIn(m, actor, dto, { idempotencyKey }));
    return this.status(campaign.id);
  }

  /**
   * The launch itself, inside the caller's transaction (POST /campaigns, and a confirmed next-year
   * draft together with what it copies): checks, campaign, priorities, default 自查表, departments
   * covered, the outbox row that starts its workflow, the audit row.
   */
  async launchIn(m: EntityManager, actor: AuthUser, dto: CreateCampaignDto, options: { idempotencyKey?: string; indicatorTreeId?: string } = {}): Promise<CampaignEntity> {
    const { idempotencyKey } = options;
    this.checkDates(dto);
    const existing = await m.findOneBy(CampaignEntity, { year: dto.year });
    if (existing) {
      if (idempotencyKey && existing.idempotencyKey === idempotencyKey) return existing;
      throw new DomainError(ErrorCode.CampaignYearTaken, `${dto.year} 年度工作周期已发布，不能重复发布`);
    }
    await this.checkDepartments(m.getRepository(DepartmentEntity), dto);
    const created = m.create(CampaignEntity, {
      year: dto.year,
      title: dto.title,
      calendar: { ...dto.calendar },
      reminderDaysBefore: dto.reminderDaysBefore ?? DEFAULT_REMINDER_DAYS_BEFORE,
      phase: phaseAt(dto.calendar, this.clock.now()),
      createdBy: actor.id,
      idempotencyKey: idempotencyKey ?? null,
      workflowId: '',
      indicatorTreeId: options.indicatorTreeId ?? (await latestIndicatorTreeId(m)),
      annualReportDueAt: dto.annualReportDueAt ? new Date(dto.annualReportDueAt) : defaultAnnualReportDueAt(dto.year),
    });
    created.id = (await m.query('SELECT gen_random_uuid() AS id'))[0].id;
    created.workflowId = campaignWorkflowId(created.id);
    await m.insert(CampaignEntity, created);
    await m.insert(
      WorkPriorityEntity,
      dto.priorities.map((p) => ({
        campaignId: created.id,
        code: p.code,
        title: p.title,
        description: p.description ?? '',
        departmentIds: p.departmentIds === 'all' ? null : p.departmentIds,
        dueAt: new Date(p.dueAt),
        evidenceRequired: p.evidenceRequired,
      })),
    );
    await m.insert(SelfCheckTemplateEntity, { campaignId: created.id, template: DEFAULT_SELF_CHECK_TEMPLATE, updatedAt: new Date(), updatedBy: actor.id });
    const coversAll = dto.priorities.some((p) => p.departmentIds === 'all');
    const listed = [...new Set(dto.priorities.flatMap((p) => (p.departmentIds === 'all' ? [] : p.departmentIds)))];
    await m.query(
      `INSERT INTO campaign_departments (campaign_id, department_id)
       SELECT $1, id FROM departments WHERE ($2 AND active) OR id = ANY ($3::uuid[])`,
      [created.id, coversAll, listed],
    );
    await enqueueWorkflowStart(m, 'campaign', created.id, created.workflowId);
    await recordAudit(m, {
      actorId: actor.id,
      action: 'campaign.launch',
      targetType: 'campaign',
      targetId: created.id,
      detail: { year: dto.year, title: dto.title, priorities: dto.priorities.map((p) => p.code) },
    });
    return created;
  }

  async list(): Promise<CampaignSummaryDto[]> {
    const campaigns = await this.dataSource.getRepository(CampaignEntity).find({ order: { year: 'DESC' } });
    return campaigns.map(toSummary);
  }

  /**
   * Phase and counts: figures from the database, live detail from the campaign workflow. The office's
   * consoles poll it together: concurrent requests share one read (never one from before they asked).
   */
  status(id: string): Promise<CampaignStatusDto> {
    return this.statusReads.run(id, () => this.readStatus(id));
  }

  private async readStatus(id: string): Promise<CampaignStatusDto> {
    const campaign = await findCampaign(this.dataSource.manager, id);
    const [departments, [counts], [selfChecks], workflow] = await Promise.all([
      this.dataSource.getRepository(CampaignDepartmentEntity).countBy({ campaignId: id }),
      this.dataSource.query<TaskCountRow[]>(`${countTasksSql} WHERE campaign_id = $1`, [id]),
      // Only the departments past 填报中 have a status worth counting; the rest (no row yet, or draft) are drafts.
      // Self-checks exist only for the campaign's departments (each department workflow opens its own).
      this.dataSource.query<Omit<SelfCheckCounts, 'draft'>[]>(
        `SELECT count(*) FILTER (WHERE status = 'submitted')::int AS submitted,
                count(*) FILTER (WHERE status = 'returned')::int AS returned,
                count(*) FILTER (WHERE status = 'accepted')::int AS accepted,
                count(*) FILTER (WHERE status = 'not_submitted')::int AS "notSubmitted"
           FROM self_checks WHERE campaign_id = $1 AND status <> 'draft'`,
        [id],
      ),
      this.workflowStatus(campaign),
    ]);
    return {
      ...toSummary(campaign),
      phase: workflow.phase ?? campaign.phase,
      phaseLabel: PHASE_LABELS[workflow.phase ?? campaign.phase],
      calendar: campaign.calendar,
      reminderDaysBefore: campaign.reminderDaysBefore,
      departments,
      tasks: toTaskCounts(counts),
      selfChecks: { draft: departments - selfChecks.submitted - selfChecks.returned - selfChecks.accepted - selfChecks.notSubmitted, ...selfChecks },
      workflow: workflow.detail,
    };
  }

  /** Progress per department, for chasing the late ones (催办). */
  async departmentProgress(id: string, query: DepartmentProgressQueryDto): Promise<Page<DepartmentProgressDto>> {
    await findCampaign(this.dataSource.manager, id);
    const search = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows = await this.dataSource.query<(TaskCountRow & { department_id: string; code: string; name: string; total_rows: number })[]>(
      `SELECT d.id AS department_id, d.code, d.name, counts.*, count(*) OVER ()::int AS total_rows
         FROM campaign_departments cd
         JOIN departments d ON d.id = cd.department_id
         CROSS JOIN LATERAL (${countTasksSql} WHERE campaign_id = cd.campaign_id AND department_id = cd.department_id) counts
        WHERE cd.campaign_id = $1
          AND ($2::text IS NULL OR d.code ILIKE $2 OR d.name ILIKE $2)
          AND (NOT $3 OR counts.overdue > 0)
        ORDER BY ${query.sort === 'overdue' ? 'counts.overdue DESC, d.code' : 'd.code'}
        LIMIT $4 OFFSET $5`,
      [id, search, query.overdueOnly === 'true', query.limit ?? 100, query.offset ?? 0],
    );
    const total = rows[0]?.total_rows ?? (query.offset ? (await this.departmentProgress(id, { ...query, offset: 0, limit: 1 })).total : 0);
    return { items: rows.map((r) => ({ departmentId: r.department_id, code: r.code, name: r.name, tasks: toTaskCounts(r) })), total };
  }

  /** The office closes the campaign before its calendar date; open tasks can no longer be completed. */
  async close(actor: AuthUser, id: string, idempotencyKey?: string): Promise<CampaignStatusDto> {
    const campaign = await findCampaign(this.dataSource.manager, id);
    if (campaign.closedAt) throw new DomainError(ErrorCode.CampaignClosed, '本年度工作周期已结束');
    await this.updates.execute(campaign.workflowId, closeCampaignUpdate, { actorId: actor.id }, { idempotencyKey });
    return this.status(id);
  }

  private async workflowStatus(campaign: CampaignEntity): Promise<{ phase?: Phase; detail: WorkflowStatusDto }> {
    try {
      const handle = this.temporal.workflow.getHandle(campaign.workflowId);
      const [description, state] = await Promise.all([handle.describe(), handle.query(campaignStateQuery)]);
      return {
        phase: state.phase,
        detail: {
          status: description.status.name,
          departmentsStarted: state.departmentsStarted,
          fanOutDone: state.fanOutDone,
          draw: state.draw,
          reviewsEscalated: state.reviewsEscalated,
        },
      };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError && (await workflowStartPending(this.dataSource.manager, campaign.workflowId))) return { detail: { status: 'STARTING' } };
      this.logger.warn(`campaign workflow ${campaign.workflowId} not readable: ${String(err)}`);
      return { detail: { status: 'UNAVAILABLE' } };
    }
  }


  checkDates(dto: CreateCampaignDto): void {
    const errors: FieldError[] = validateCalendar(dto.calendar);
    if (dto.annualReportDueAt !== undefined) errors.push(...validateAnnualReportDueAt(dto.year, dto.annualReportDueAt));
    const closesAt = Date.parse(dto.calendar.closesAt);
    dto.priorities.forEach((p, i) => {
      if (Date.parse(p.dueAt) > closesAt) {
        errors.push({ field: `priorities[${i}].dueAt`, code: 'DUE_AFTER_CLOSE', message: `priorities[${i}].dueAt 不能晚于周期结束时间 calendar.closesAt` });
      }
    });
    if (closesAt <= this.clock.now()) {
      errors.push({ field: 'calendar.closesAt', code: 'CLOSES_IN_PAST', message: 'calendar.closesAt 必须晚于当前时间' });
    }
    const seen = new Map<string, number>();
    dto.priorities.forEach((p, i) => {
      const first = seen.get(p.code);
      if (first !== undefined) {
        errors.push({ field: `priorities[${i}].code`, code: 'PRIORITY_CODE_DUPLICATED', message: `priorities[${i}].code 与 priorities[${first}].code 重复` });
      } else seen.set(p.code, i);
    });
    if (errors.length > 0) throw validationFailed(errors);
  }

  private async checkDepartments(repo: ReturnType<DataSource['getRepository']>, dto: CreateCampaignDto): Promise<void> {
    const errors: FieldError[] = [];
    const listed = [...new Set(dto.priorities.flatMap((p) => (p.departmentIds === 'all' ? [] : p.departmentIds)))];
    const found = new Set(
      listed.length === 0
        ? []
        : ((await repo.query('SELECT id FROM departments WHERE id = ANY ($1::uuid[]) AND active', [listed])) as { id: string }[]).map((r) => r.id),
    );
    dto.priorities.forEach((p, i) => {
      if (p.departmentIds === 'all') return;
      const missing = p.departmentIds.filter((d) => !found.has(d));
      if (missing.length > 0) {
        errors.push({ field: `priorities[${i}].departmentIds`, code: 'DEPARTMENT_NOT_FOUND', message: `priorities[${i}].departmentIds 含不存在或已停用的部门：${missing.join(', ')}` });
      }
    });
    if (dto.priorities.some((p) => p.departmentIds === 'all') && (await repo.query('SELECT 1 FROM departments WHERE active LIMIT 1')).length === 0) {
      errors.push({ field: 'priorities', code: 'NO_ACTIVE_DEPARTMENTS', message: '没有启用的部门，请先导入部门' });
    }
    if (errors.length > 0) throw validationFailed(errors);
  }
}

function toSummary(c: CampaignEntity): CampaignSummaryDto {
  return { id: c.id, year: c.year, title: c.title, phase: c.phase, phaseLabel: PHASE_LABELS[c.phase], workflowId: c.workflowId, createdAt: c.createdAt, closedAt: c.closedAt };
}
