import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/client';
import { ApiConfig } from '../common/api-config';
import { DataSource } from 'typeorm';
import {
  decideExtensionUpdate,
  decideObjectionUpdate,
  decideReportUpdate,
  fileObjectionUpdate,
  rectificationWorkflowId,
  reopenUpdate,
  requestExtensionUpdate,
  submitReportUpdate,
  CampaignIdKey,
  CampaignYearKey,
  DepartmentIdKey,
  PhaseKey,
  StatusKey,
  summaries,
  type RectificationState,
  type RectificationWorkflowInput,
} from '@rol/contracts';
import { DEFAULT_RECTIFICATION_RULES, Phase, DomainError, ErrorCode, RECTIFICATION_STATUS_LABELS, isOffice, ladderSchedule, validationFailed, type RectificationRules, type RectificationStatus } from '@rol/domain';
import { AttachmentsService } from '../attachments/attachments.service';
import type { AuthUser } from '../common/auth-user';
import type { Page } from '../common/paging';
import { findCampaign, ownDepartment } from '../common/lookups';
import { WorkflowHealth } from '../temporal/workflow-health';
import { WorkflowUpdates } from '../temporal/workflow-updates';
import { loadCalendars } from '@rol/db';
import { checkItemDeadline, resolveDeadline, schedule } from './deadlines';
import type { ApproveDto, CampaignRectificationsQueryDto, ExtensionDto, ObjectionDecisionDto, RectificationItemDto, ReopenDto, ReportDecisionDto, ReportDto } from './opinions.dto';
import { Clock } from '../common/clock';

interface ItemRow {
  id: string;
  campaign_id: string;
  department_id: string;
  letter_id: string;
  status: RectificationStatus;
  round: number;
  deadline_at: Date;
  original_deadline_at: Date;
  closed_at: Date | null;
  closed_on_time: boolean | null;
  objection: string | null;
}

const ITEM_VIEW = `
  SELECT r.*, i.problem, i.rule, i.action, i.position, l.document_number, d.name AS department_name, c.year AS item_year,
         (SELECT coalesce(array_agg(x.to_year ORDER BY x.to_year), '{}') FROM rectification_carryovers x WHERE x.item_id = r.id) AS carried_to_years
    FROM rectification_items r
    JOIN opinion_items i ON i.id = r.id
    JOIN opinion_letters l ON l.id = r.letter_id
    JOIN departments d ON d.id = r.department_id
    JOIN campaigns c ON c.id = r.campaign_id`;

/** The campaign's own items and those carried into its year (still being rectified): `$1` campaign, `$2` its year. */
const OF_THE_YEAR = `(r.campaign_id = $1 OR EXISTS (SELECT 1 FROM rectification_carryovers x WHERE x.item_id = r.id AND x.to_year = $2))`;

/** 整改: every step goes to the item's workflow as an Update; reads come from the database. */
@Injectable()
export class RectificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly updates: WorkflowUpdates,
    private readonly health: WorkflowHealth,
    private readonly attachments: AttachmentsService,
    private readonly clock: Clock,
    private readonly temporal: Client,
    private readonly config: ApiConfig,
  ) {}

  async mine(actor: AuthUser, status?: string) {
    const rows = await this.dataSource.query(`${ITEM_VIEW} WHERE r.department_id = $1 AND ($2::text IS NULL OR r.status = $2) ORDER BY r.deadline_at`, [ownDepartment(actor), status ?? null]);
    return rows.map((r: SummaryRow) => summary(r));
  }

  /** One page of the campaign's items (and those carried into its year, first), by department code, 文号 and position. */
  async forCampaign(campaignId: string, q: CampaignRectificationsQueryDto): Promise<Page<RectificationItemDto>> {
    const campaign = await findCampaign(this.dataSource.manager, campaignId);
    const where = `${OF_THE_YEAR} AND ($3::uuid IS NULL OR r.department_id = $3) AND ($4::text IS NULL OR r.status = $4)`;
    const params = [campaignId, campaign.year, q.departmentId ?? null, q.status ?? null];
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`${ITEM_VIEW} WHERE ${where} ORDER BY d.code, c.year, l.document_number, i.position LIMIT $5 OFFSET $6`, [...params, q.limit ?? 100, q.offset ?? 0]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM rectification_items r WHERE ${where}`, params) as Promise<{ total: number }[]>,
    ]);
    return { items: rows.map((r: SummaryRow) => summary(r, campaign.year)), total };
  }

  /** The whole history: reports, extension requests, objection, reopenings, escalations. */
  async get(actor: AuthUser, id: string) {
    const item = await this.visible(actor, id);
    const [[row], reports, extensions, objections, reopenings, escalations, processingTrouble] = await Promise.all([
      this.dataSource.query(`${ITEM_VIEW} WHERE r.id = $1`, [id]),
      this.dataSource.query(`SELECT version, round, report, evidence, submitted_at AS "submittedAt", decision, decided_at AS "decidedAt", reason FROM rectification_reports WHERE item_id = $1 ORDER BY version`, [id]),
      this.dataSource.query(`SELECT seq, reason, requested_deadline_at AS "requestedDeadlineAt", requested_at AS "requestedAt", decision, decided_at AS "decidedAt", note FROM extension_requests WHERE item_id = $1 ORDER BY seq`, [id]),
      this.dataSource.query(`SELECT reason, filed_at AS "filedAt", decision, decided_at AS "decidedAt", note FROM objections WHERE item_id = $1`, [id]),
      this.dataSource.query(`SELECT round, reason, deadline_at AS "deadlineAt", reopened_at AS "reopenedAt" FROM reopenings WHERE item_id = $1 ORDER BY round`, [id]),
      this.dataSource.query(`SELECT kind, round, at FROM escalations WHERE target_type = 'rectification_item' AND target_id = $1 ORDER BY at, kind`, [id]),
      this.health.isFailing(rectificationWorkflowId(item.id)),
    ]);
    return { ...summary(row), reports, extensions, objectionRecord: objections[0] ?? null, reopenings, escalations, processingTrouble };
  }

  async report(actor: AuthUser, id: string, dto: ReportDto, idempotencyKey?: string) {
    const item = await this.visible(actor, id);
    await this.update(item, submitReportUpdate, { departmentId: ownDepartment(actor), actorId: actor.id, report: dto.report, evidence: await this.attachments.resolveEvidence(actor, dto.evidence) }, idempotencyKey);
    return this.get(actor, id);
  }

  async decide(actor: AuthUser, id: string, dto: ReportDecisionDto, idempotencyKey?: string) {
    if (dto.decision === 'return' && !dto.reason?.trim()) throw validationFailed([{ field: 'reason', code: 'REASON_REQUIRED', message: '退回整改报告须写明理由' }]);
    const item = await this.visible(actor, id);
    await this.update(item, decideReportUpdate, { actorId: actor.id, decision: dto.decision === 'accept' ? 'accepted' : 'returned', reason: dto.reason ?? '' }, idempotencyKey);
    return this.get(actor, id);
  }

  async requestExtension(actor: AuthUser, id: string, dto: ExtensionDto, idempotencyKey?: string) {
    const item = await this.visible(actor, id);
    const calendars = await loadCalendars(this.dataSource.manager);
    const requestedDeadlineAtMs = resolveDeadline(this.clock.now(), { date: dto.newDeadline }, DEFAULT_RECTIFICATION_RULES.defaultDeadline, calendars);
    if (requestedDeadlineAtMs <= item.deadline_at.getTime()) throw validationFailed([{ field: 'newDeadline', code: 'EXTENSION_NOT_LATER', message: 'newDeadline 须晚于当前整改期限' }]);
    const [c] = await this.dataSource.query(`SELECT rectification_rules FROM campaigns WHERE id = $1`, [item.campaign_id]);
    schedule(() => ladderSchedule(c.rectification_rules ?? DEFAULT_RECTIFICATION_RULES, requestedDeadlineAtMs, calendars));
    await this.update(item, requestExtensionUpdate, { departmentId: ownDepartment(actor), actorId: actor.id, reason: dto.reason, requestedDeadlineAtMs }, idempotencyKey);
    return this.get(actor, id);
  }

  async decideExtension(actor: AuthUser, id: string, dto: ApproveDto, idempotencyKey?: string) {
    const item = await this.visible(actor, id);
    await this.update(item, decideExtensionUpdate, { actorId: actor.id, approve: dto.approve, note: dto.note ?? '' }, idempotencyKey);
    return this.get(actor, id);
  }

  async object(actor: AuthUser, id: string, reason: string, idempotencyKey?: string) {
    const item = await this.visible(actor, id);
    await this.update(item, fileObjectionUpdate, { departmentId: ownDepartment(actor), actorId: actor.id, reason }, idempotencyKey);
    return this.get(actor, id);
  }

  async decideObjection(actor: AuthUser, id: string, dto: ObjectionDecisionDto, idempotencyKey?: string) {
    const item = await this.visible(actor, id);
    await this.update(item, decideObjectionUpdate, { actorId: actor.id, uphold: dto.uphold, note: dto.note ?? '' }, idempotencyKey);
    return this.get(actor, id);
  }

  /** 回头看: a later check reopens a closed item with a new deadline; its history stays. */
  async reopen(actor: AuthUser, id: string, dto: ReopenDto, idempotencyKey?: string) {
    checkItemDeadline(dto.deadline, 'deadline');
    const item = await this.visible(actor, id);
    const [c] = await this.dataSource.query(`SELECT rectification_rules FROM campaigns WHERE id = $1`, [item.campaign_id]);
    const rules: RectificationRules = c.rectification_rules ?? DEFAULT_RECTIFICATION_RULES;
    const calendars = await loadCalendars(this.dataSource.manager);
    const deadlineAtMs = resolveDeadline(this.clock.now(), dto.deadline, rules.defaultDeadline, calendars);
    schedule(() => ladderSchedule(rules, deadlineAtMs, calendars));
    const request = { actorId: actor.id, reason: dto.reason, deadlineAtMs };
    if (item.status === 'closed') await this.resumeIfEnded(item);
    try {
      await this.update(item, reopenUpdate, request, idempotencyKey, item.status === 'closed' ? () => new WorkflowEnded() : undefined);
    } catch (err) {
      // The run was still completing its 销号 when we looked: it has ended now, start the new run and ask again.
      if (!(err instanceof WorkflowEnded)) throw err;
      await this.resumeIfEnded(item);
      await this.update(item, reopenUpdate, request, idempotencyKey);
    }
    return this.get(actor, id);
  }

  /** Progress per department and overall: letters issued / acknowledged, items by state, rates. */
  async status(campaignId: string) {
    const campaign = await findCampaign(this.dataSource.manager, campaignId);
    const rows: { department_id: string | null; code: string | null; name: string | null; letters_issued: number; letters_acknowledged: number; items: number; open: number; closed: number; withdrawn: number; overdue: number; extended: number; escalated: number; closed_on_time: number; reports_to_decide: number; pending_extensions: number; pending_objections: number; carried_over: number; carried_in: number }[] = await this.dataSource.query(
      `WITH items AS (
         SELECT r.*, (r.status IN ('open', 'submitted', 'returned') AND r.deadline_at < $3) AS is_overdue,
                EXISTS (SELECT 1 FROM extension_requests x WHERE x.item_id = r.id AND x.decision = 'approved') AS is_extended,
                EXISTS (SELECT 1 FROM escalations e WHERE e.target_type = 'rectification_item' AND e.target_id = r.id::text AND e.kind <> 'remind') AS is_escalated,
                EXISTS (SELECT 1 FROM extension_requests x WHERE x.item_id = r.id AND x.decision IS NULL) AS has_pending_extension,
                EXISTS (SELECT 1 FROM rectification_carryovers x WHERE x.item_id = r.id AND x.from_year = $2) AS is_carried_over,
                EXISTS (SELECT 1 FROM rectification_carryovers x WHERE x.item_id = r.id AND x.to_year = $2) AS is_carried_in
           FROM rectification_items r WHERE ${OF_THE_YEAR}),
       letters AS (SELECT department_id, count(*) FILTER (WHERE status <> 'draft') AS issued, count(*) FILTER (WHERE status = 'acknowledged') AS acknowledged FROM opinion_letters WHERE campaign_id = $1 GROUP BY department_id),
       concerned AS (SELECT department_id FROM letters UNION SELECT department_id FROM items)
       SELECT d.id AS department_id, d.code, d.name,
              coalesce(max(l.issued), 0)::int AS letters_issued, coalesce(max(l.acknowledged), 0)::int AS letters_acknowledged,
              count(i.id)::int AS items,
              count(i.id) FILTER (WHERE i.status IN ('open', 'submitted', 'returned'))::int AS open,
              count(i.id) FILTER (WHERE i.status = 'closed')::int AS closed,
              count(i.id) FILTER (WHERE i.status = 'withdrawn')::int AS withdrawn,
              count(i.id) FILTER (WHERE i.is_overdue)::int AS overdue,
              count(i.id) FILTER (WHERE i.is_extended)::int AS extended,
              count(i.id) FILTER (WHERE i.is_escalated)::int AS escalated,
              count(i.id) FILTER (WHERE i.closed_on_time)::int AS closed_on_time,
              count(i.id) FILTER (WHERE i.status = 'submitted')::int AS reports_to_decide,
              count(i.id) FILTER (WHERE i.has_pending_extension)::int AS pending_extensions,
              count(i.id) FILTER (WHERE i.objection = 'pending')::int AS pending_objections,
              count(i.id) FILTER (WHERE i.is_carried_over)::int AS carried_over,
              count(i.id) FILTER (WHERE i.is_carried_in)::int AS carried_in
         FROM concerned x JOIN departments d ON d.id = x.department_id
         LEFT JOIN letters l ON l.department_id = x.department_id
         LEFT JOIN items i ON i.department_id = x.department_id
        GROUP BY GROUPING SETS ((d.id, d.code, d.name), ())
        ORDER BY d.code NULLS FIRST`,
      [campaignId, campaign.year, new Date(this.clock.now())],
    );
    const shape = (r: (typeof rows)[number]) => {
      const countable = r.items - r.withdrawn;
      return {
        lettersIssued: r.letters_issued,
        lettersAcknowledged: r.letters_acknowledged,
        items: r.items,
        open: r.open,
        closed: r.closed,
        withdrawn: r.withdrawn,
        overdue: r.overdue,
        extended: r.extended,
        escalated: r.escalated,
        closureRate: countable > 0 ? Math.round((r.closed / countable) * 10000) / 10000 : 0,
        onTimeRate: r.closed > 0 ? Math.round((r.closed_on_time / r.closed) * 10000) / 10000 : 0,
        reportsToDecide: r.reports_to_decide,
        pendingExtensions: r.pending_extensions,
        pendingObjections: r.pending_objections,
        carriedOver: r.carried_over,
        carriedIn: r.carried_in,
      };
    };
    const [overall, ...departments] = rows;
    const totals = overall ?? { department_id: null, code: null, name: null, letters_issued: 0, letters_acknowledged: 0, items: 0, open: 0, closed: 0, withdrawn: 0, overdue: 0, extended: 0, escalated: 0, closed_on_time: 0, reports_to_decide: 0, pending_extensions: 0, pending_objections: 0, carried_over: 0, carried_in: 0 };
    const [letters] = await this.dataSource.query(`SELECT count(*) FILTER (WHERE status <> 'draft')::int AS issued, count(*) FILTER (WHERE status = 'acknowledged')::int AS acknowledged FROM opinion_letters WHERE campaign_id = $1`, [campaignId]);
    return {
      overall: { ...shape(totals), lettersIssued: letters.issued, lettersAcknowledged: letters.acknowledged },
      departments: departments.map((r) => ({ departmentId: r.department_id, code: r.code, name: r.name, ...shape(r) })),
    };
  }

  /**
   * A closed (销号) item's workflow ends (before issue 10: when its campaign closes); 回头看 afterwards starts a new run with the
   * same id, its state taken from the database (closed, its round, reports, extensions and objection),
   * and the reopen goes to that run as usual. A run still there (closed before the campaign ended) is used as it is.
   */
  private async resumeIfEnded(item: ItemRow): Promise<void> {
    const workflowId = rectificationWorkflowId(item.id);
    try {
      const { status } = await this.temporal.workflow.getHandle(workflowId).describe();
      if (status.name === 'RUNNING') return;
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) return; // unreachable: the update below answers 503
    }
    const [row]: { year: number; objection_due_at: Date | null; report_version: number; extension_seq: number; document_number: string | null; department_name: string; problem: string }[] = await this.dataSource.query(
      `SELECT c.year, l.objection_due_at, l.document_number, d.name AS department_name, i.problem,
              (SELECT coalesce(max(version), 0) FROM rectification_reports WHERE item_id = r.id)::int AS report_version,
              (SELECT coalesce(max(seq), 0) FROM extension_requests WHERE item_id = r.id)::int AS extension_seq
         FROM rectification_items r JOIN campaigns c ON c.id = r.campaign_id JOIN opinion_letters l ON l.id = r.letter_id
         JOIN departments d ON d.id = r.department_id JOIN opinion_items i ON i.id = r.id WHERE r.id = $1`,
      [item.id],
    );
    const input: RectificationWorkflowInput = {
      itemId: item.id,
      letterId: item.letter_id,
      campaignId: item.campaign_id,
      year: row.year,
      departmentId: item.department_id,
      deadlineAtMs: item.deadline_at.getTime(),
      objectionDueAtMs: row.objection_due_at?.getTime() ?? 0,
      schedule: [],
      campaignClosed: true,
      resumedForReopen: true,
      state: {
        status: 'closed',
        round: item.round,
        deadlineAtMs: item.deadline_at.getTime(),
        schedule: [],
        fired: [],
        reportVersion: row.report_version,
        extensionSeq: row.extension_seq,
        extensionPending: null,
        objection: (item.objection as RectificationState['objection']) ?? null,
        busy: false,
      },
    };
    await this.temporal.workflow.start('rectificationWorkflow', {
      taskQueue: this.config.value.temporal.taskQueue,
      workflowId,
      workflowIdConflictPolicy: 'USE_EXISTING',
      args: [input],
      staticSummary: summaries.rectification(row.year, row.department_name, row.document_number ?? undefined, row.problem.slice(0, 60)),
      staticDetails: '回头看：已销号事项重新打开',
      typedSearchAttributes: [
        { key: CampaignIdKey, value: item.campaign_id },
        { key: CampaignYearKey, value: row.year },
        { key: DepartmentIdKey, value: item.department_id },
        { key: PhaseKey, value: Phase.Rectification },
        { key: StatusKey, value: 'closed' },
      ],
    });
  }

  private async update<A>(item: ItemRow, definition: UpdateDefinition<RectificationState, [A]>, arg: A, idempotencyKey?: string, whenFinished?: () => Error): Promise<void> {
    if (item.status === 'withdrawn') throw new DomainError(ErrorCode.RectificationStateConflict, '该意见已在复查后撤销，无需再办理');
    await this.updates.execute(rectificationWorkflowId(item.id), definition, arg, {
      whenFinished: whenFinished ?? (() => new DomainError(ErrorCode.RectificationStateConflict, '该整改事项已办结，不能再办理')),
      idempotencyKey,
    });
  }

  private async visible(actor: AuthUser, id: string): Promise<ItemRow> {
    const [item]: ItemRow[] = await this.dataSource.query(`SELECT * FROM rectification_items WHERE id = $1`, [id]);
    if (!item) throw new DomainError(ErrorCode.NotFound, '整改事项不存在');
    if (!isOffice(actor.role) && item.department_id !== actor.departmentId) throw new DomainError(ErrorCode.ForbiddenDepartment, '不能查看或办理其他部门的整改事项');
    return item;
  }
}

/** The item's workflow had ended between our look and the Update (reopen asks again after starting its new run). */
class WorkflowEnded extends Error {}

type SummaryRow = ItemRow & { problem: string; rule: string; action: string; position: number; document_number: string; department_name: string; item_year: number; carried_to_years: number[] };

/**
 * One item as lists show it. Viewed from a campaign year (`viewYear`), an item carried into it is
 * 上年度结转 and one carried out of it 已结转至 next year; without a year (the department's own list),
 * the item's own year and the last year it was carried into.
 */
function summary(r: SummaryRow, viewYear?: number) {
  const years = r.carried_to_years ?? [];
  const carriedInFrom = viewYear !== undefined ? (years.includes(viewYear) ? viewYear - 1 : null) : years.length > 0 ? years.at(-1)! - 1 : null;
  const carriedOverTo = viewYear !== undefined ? (years.includes(viewYear + 1) ? viewYear + 1 : null) : null;
  const carryLabel = carriedInFrom !== null ? `上年度结转（${carriedInFrom} 年度）` : carriedOverTo !== null ? `已结转至 ${carriedOverTo} 年度` : null;
  return {
    id: r.id,
    campaignId: r.campaign_id,
    year: r.item_year,
    carriedInFrom,
    carriedOverTo,
    carryLabel,
    departmentId: r.department_id,
    departmentName: r.department_name,
    letterId: r.letter_id,
    documentNumber: r.document_number,
    position: r.position,
    problem: r.problem,
    rule: r.rule,
    action: r.action,
    status: r.status,
    statusLabel: RECTIFICATION_STATUS_LABELS[r.status],
    round: r.round,
    deadlineAt: r.deadline_at,
    originalDeadlineAt: r.original_deadline_at,
    overdue: ['open', 'submitted', 'returned'].includes(r.status) && r.deadline_at.getTime() < Date.now(),
    closedAt: r.closed_at,
    closedOnTime: r.closed_on_time,
    objection: r.objection,
  };
}
