import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { decideSelfCheckUpdate, departmentWorkflowId, submitSelfCheckUpdate } from '@rol/contracts';
import {
  answerLabel,
  DEFAULT_SELF_CHECK_TEMPLATE,
  DomainError,
  ErrorCode,
  SELF_CHECK_STATUS_LABELS,
  SelfCheckStatus,
  isEditable,
  isOffice,
  validateAnswers,
  validateTemplate,
  validationFailed,
  type SelfCheckAnswers,
  type SelfCheckTemplate,
} from '@rol/domain';
import { DepartmentEntity, SelfCheckEntity, SelfCheckTemplateEntity, SelfCheckVersionEntity, recordAudit } from '@rol/db';
import { AttachmentsService } from '../attachments/attachments.service';
import type { AuthUser } from '../common/auth-user';
import { findCampaign, ownDepartment, requireCampaignDepartment } from '../common/lookups';
import { WorkflowUpdates } from '../temporal/workflow-updates';
import type { SelfCheckQueryDto, SelfCheckSummaryDto, DecisionDto, SelfCheckDto, VerificationDto } from './self-checks.dto';
import { Clock } from '../common/clock';

@Injectable()
export class SelfChecksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly updates: WorkflowUpdates,
    private readonly attachments: AttachmentsService,
    private readonly clock: Clock,
  ) {}

  async template(campaignId: string, actor?: AuthUser): Promise<SelfCheckTemplate> {
    await findCampaign(this.dataSource.manager, campaignId);
    if (actor && !isOffice(actor.role)) await requireCampaignDepartment(this.dataSource.manager, campaignId, ownDepartment(actor, '填报自查'));
    const row = await this.dataSource.getRepository(SelfCheckTemplateEntity).findOneBy({ campaignId });
    return row?.template ?? DEFAULT_SELF_CHECK_TEMPLATE;
  }

  /** The office edits the template until the self-check window opens, not after. */
  async replaceTemplate(actor: AuthUser, campaignId: string, template: SelfCheckTemplate): Promise<SelfCheckTemplate> {
    const errors = validateTemplate(template);
    if (errors.length > 0) throw validationFailed(errors);
    const campaign = await findCampaign(this.dataSource.manager, campaignId);
    const opensAt = campaign.calendar.selfCheckOpensAt;
    if (campaign.closedAt || (opensAt && Date.parse(opensAt) <= this.clock.now())) {
      throw new DomainError(ErrorCode.SelfCheckTemplateLocked, '自查已开始，自查表不能再修改');
    }
    await this.dataSource.transaction(async (m) => {
      await m.upsert(SelfCheckTemplateEntity, { campaignId, template, updatedAt: new Date(), updatedBy: actor.id }, ['campaignId']);
      await recordAudit(m, { actorId: actor.id, action: 'self_check.template', targetType: 'campaign', targetId: campaignId });
    });
    return template;
  }

  async mine(actor: AuthUser, campaignId: string): Promise<SelfCheckDto> {
    const departmentId = ownDepartment(actor, '填报自查');
    await findCampaign(this.dataSource.manager, campaignId);
    await requireCampaignDepartment(this.dataSource.manager, campaignId, departmentId);
    return this.view(campaignId, departmentId);
  }

  /** 保存草稿: partial answers are fine; they are checked against the template as far as they go. */
  async saveDraft(actor: AuthUser, campaignId: string, answers: SelfCheckAnswers): Promise<SelfCheckDto> {
    const departmentId = ownDepartment(actor, '填报自查');
    const campaign = await findCampaign(this.dataSource.manager, campaignId);
    await requireCampaignDepartment(this.dataSource.manager, campaignId, departmentId);
    if (campaign.closedAt) throw new DomainError(ErrorCode.CampaignClosed, '本年度工作周期已结束');
    const errors = validateAnswers(await this.template(campaignId), answers, false);
    if (errors.length > 0) throw validationFailed(errors);
    answers = await this.withAttachments(actor, answers);
    await this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO self_checks (campaign_id, department_id, status, answers) VALUES ($1, $2, 'draft', $3)
         ON CONFLICT (campaign_id, department_id) DO UPDATE SET answers = excluded.answers, updated_at = now()
           WHERE self_checks.status IN ('draft', 'returned')
         RETURNING id`,
        [campaignId, departmentId, JSON.stringify(answers)],
      );
      if (!row) throw new DomainError(ErrorCode.SelfCheckNotEditable, '自查已报送、已通过或已逾期，不能再修改');
      await recordAudit(m, { actorId: actor.id, action: 'self_check.draft', targetType: 'self_check', targetId: row.id });
    });
    return this.view(campaignId, departmentId);
  }

  /** Uploaded evidence (by attachment id, the department's own) stored with its download URL and checksum. */
  private async withAttachments(actor: AuthUser, answers: SelfCheckAnswers): Promise<SelfCheckAnswers> {
    const resolved: SelfCheckAnswers = {};
    for (const [code, answer] of Object.entries(answers)) {
      resolved[code] = answer.evidence ? { ...answer, evidence: await this.attachments.resolveEvidence(actor, answer.evidence, `answers.${code}.evidence`) } : answer;
    }
    return resolved;
  }

  /** 报送: the saved draft, complete, goes to the department workflow, which decides on the window. */
  async submit(actor: AuthUser, campaignId: string, idempotencyKey?: string): Promise<SelfCheckDto> {
    const departmentId = ownDepartment(actor, '填报自查');
    const campaign = await findCampaign(this.dataSource.manager, campaignId);
    await requireCampaignDepartment(this.dataSource.manager, campaignId, departmentId);
    if (campaign.closedAt) throw new DomainError(ErrorCode.CampaignClosed, '本年度工作周期已结束');
    const current = await this.dataSource.getRepository(SelfCheckEntity).findOneBy({ campaignId, departmentId });
    if (current && !isEditable(current.status)) {
      const code = current.status === SelfCheckStatus.NotSubmitted ? ErrorCode.SelfCheckWindowClosed : ErrorCode.SelfCheckNotEditable;
      throw new DomainError(code, code === ErrorCode.SelfCheckWindowClosed ? '自查报送已截止（逾期未报）' : '自查已报送或已通过，不能重复报送');
    }
    const answers = current?.answers ?? {};
    const errors = validateAnswers(await this.template(campaignId), answers, true);
    if (errors.length > 0) throw validationFailed(errors, '自查表尚未填写完整');
    await this.updates.execute(departmentWorkflowId(campaignId, departmentId), submitSelfCheckUpdate, { departmentId, actorId: actor.id, answers }, { idempotencyKey });
    return this.view(campaignId, departmentId);
  }

  /** Every department of the campaign with its self-check status (the office's overview), filtered and paged. */
  async list(campaignId: string, query: SelfCheckQueryDto): Promise<{ items: SelfCheckSummaryDto[]; total: number }> {
    await findCampaign(this.dataSource.manager, campaignId);
    const where = `cd.campaign_id = $1
        AND ($2::text IS NULL OR coalesce(s.status, 'draft') = $2)
        AND ($3::text IS NULL OR d.code ILIKE $3 ESCAPE '\\' OR d.name ILIKE $3 ESCAPE '\\')`;
    const from = `FROM campaign_departments cd JOIN departments d ON d.id = cd.department_id
         LEFT JOIN self_checks s ON s.campaign_id = cd.campaign_id AND s.department_id = cd.department_id`;
    const params = [campaignId, query.status ?? null, query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null];
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT d.id AS department_id, d.code, d.name, s.id, coalesce(s.status, 'draft') AS status, coalesce(s.version, 0) AS version,
                (SELECT max(v.submitted_at) FROM self_check_versions v WHERE v.self_check_id = s.id) AS submitted_at
           ${from} WHERE ${where} ORDER BY d.code LIMIT $4 OFFSET $5`,
        [...params, query.limit ?? 100, query.offset ?? 0],
      ) as Promise<{ department_id: string; code: string; name: string; id: string | null; status: SelfCheckStatus; version: number; submitted_at: Date | null }[]>,
      this.dataSource.query(`SELECT count(*)::int AS total ${from} WHERE ${where}`, params) as Promise<{ total: number }[]>,
    ]);
    return {
      total,
      items: rows.map((r) => ({ departmentId: r.department_id, code: r.code, name: r.name, selfCheckId: r.id, status: r.status, statusLabel: SELF_CHECK_STATUS_LABELS[r.status], version: r.version, submittedAt: r.submitted_at })),
    };
  }

  async get(actor: AuthUser, id: string): Promise<SelfCheckDto> {
    const row = await this.find(actor, id);
    return this.view(row.campaignId, row.departmentId);
  }

  /** 审核: accept, or return with the office's comments; the department then resubmits. */
  async decide(actor: AuthUser, id: string, dto: DecisionDto, idempotencyKey?: string): Promise<SelfCheckDto> {
    const row = await this.find(actor, id);
    if (row.status !== SelfCheckStatus.Submitted) throw new DomainError(ErrorCode.SelfCheckNotSubmitted, '只能审核已报送且尚未审核的自查');
    await this.updates.execute(
      departmentWorkflowId(row.campaignId, row.departmentId),
      decideSelfCheckUpdate,
      { actorId: actor.id, decision: dto.decision === 'accept' ? 'accepted' : 'returned', comment: dto.comment ?? '' },
      { idempotencyKey },
    );
    return this.view(row.campaignId, row.departmentId);
  }

  /** 核查: the office checks claims of a submitted self-check; each discrepancy becomes a finding. */
  /** With an Idempotency-Key, a retry of the same verification returns it instead of recording it (and its findings) again. */
  async verify(actor: AuthUser, id: string, dto: VerificationDto, idempotencyKey?: string): Promise<{ verificationId: string; findings: number }> {
    const row = await this.find(actor, id);
    if (row.version === 0) throw new DomainError(ErrorCode.SelfCheckNotSubmitted, '自查尚未报送，无法核查');
    const template = await this.template(row.campaignId);
    const items = new Map(template.sections.flatMap((s) => s.items.map((i) => [i.code, i] as const)));
    const unknown = dto.claims.map((c, i) => [c, i] as const).filter(([c]) => !items.has(c.itemCode));
    if (unknown.length > 0) {
      throw validationFailed(unknown.map(([c, i]) => ({ field: `claims[${i}].itemCode`, code: 'ITEM_UNKNOWN', message: `自查表中没有项目 ${c.itemCode}` })));
    }
    const discrepancies = dto.claims.filter((c) => c.discrepancy);
    return this.dataSource.transaction(async (m) => {
      const [inserted] = await m.query(
        `INSERT INTO verifications (self_check_id, campaign_id, department_id, claims, note, recorded_by, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (self_check_id, recorded_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING RETURNING id`,
        [row.id, row.campaignId, row.departmentId, JSON.stringify(dto.claims), dto.note ?? '', actor.id, idempotencyKey ?? null],
      );
      if (!inserted) {
        const [earlier] = await m.query(`SELECT id, claims FROM verifications WHERE self_check_id = $1 AND recorded_by = $2 AND idempotency_key = $3`, [row.id, actor.id, idempotencyKey]);
        return { verificationId: earlier.id as string, findings: (earlier.claims as { discrepancy: boolean }[]).filter((c) => c.discrepancy).length };
      }
      const verificationId = inserted.id as string;
      for (const claim of discrepancies) {
        const item = items.get(claim.itemCode)!;
        const claimed = row.answers[claim.itemCode]?.value;
        await insertFinding(m, {
          campaignId: row.campaignId,
          departmentId: row.departmentId,
          source: 'verification',
          sourceKey: `verification:${verificationId}:${claim.itemCode}`,
          description: `自查中「${item.title}」填报为「${answerLabel(claimed)}」，经核查：${claim.found}`,
          rule: claim.rule ?? null,
        });
      }
      await recordAudit(m, { actorId: actor.id, action: 'self_check.verify', targetType: 'self_check', targetId: row.id, detail: { verificationId, discrepancies: discrepancies.length } });
      return { verificationId, findings: discrepancies.length };
    });
  }

  private async view(campaignId: string, departmentId: string): Promise<SelfCheckDto> {
    const row = await this.dataSource.getRepository(SelfCheckEntity).findOneBy({ campaignId, departmentId });
    const versions = row ? await this.dataSource.getRepository(SelfCheckVersionEntity).find({ where: { selfCheckId: row.id }, order: { version: 'ASC' } }) : [];
    const status = row?.status ?? SelfCheckStatus.Draft;
    const [campaign, department] = await Promise.all([findCampaign(this.dataSource.manager, campaignId), this.dataSource.getRepository(DepartmentEntity).findOneByOrFail({ id: departmentId })]);
    return {
      id: row?.id ?? null,
      campaignId,
      departmentId,
      departmentName: department.name,
      opensAt: campaign.calendar.selfCheckOpensAt ?? null,
      closesAt: campaign.calendar.selfCheckClosesAt ?? null,
      status,
      statusLabel: SELF_CHECK_STATUS_LABELS[status],
      answers: row?.answers ?? {},
      version: row?.version ?? 0,
      versions: versions.map((v) => ({ version: v.version, answers: v.answers, submittedAt: v.submittedAt, submittedBy: v.submittedBy, decision: v.decision, decidedAt: v.decidedAt, comment: v.comment })),
    };
  }

  private async find(actor: AuthUser, id: string): Promise<SelfCheckEntity> {
    const row = await this.dataSource.getRepository(SelfCheckEntity).findOneBy({ id });
    if (!row) throw new DomainError(ErrorCode.NotFound, '自查不存在');
    if (!isOffice(actor.role) && row.departmentId !== actor.departmentId) throw new DomainError(ErrorCode.ForbiddenDepartment, '不能查看其他部门的自查');
    return row;
  }

}


/** A finding (问题) for the opinion stage; its source key makes recording it twice impossible. */
export async function insertFinding(
  m: EntityManager,
  f: { campaignId: string; departmentId: string; source: 'verification' | 'review'; sourceKey: string; description: string; rule?: string | null; caseFileId?: string | null; criterionCode?: string | null; points?: number | null },
): Promise<void> {
  await m.query(
    `INSERT INTO findings (campaign_id, department_id, source, source_key, case_file_id, criterion_code, description, rule, points)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (source_key) DO NOTHING`,
    [f.campaignId, f.departmentId, f.source, f.sourceKey, f.caseFileId ?? null, f.criterionCode ?? null, f.description, f.rule ?? null, f.points ?? null],
  );
}
