import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  assessDepartment,
  canonicalJson,
  computeDeadline,
  DomainError,
  ErrorCode,
  GRADE_LABELS,
  gradeDistribution,
  indicatorLeaves,
  isOffice,
  leafSummary,
  rankAssessments,
  sha256Hex,
  validateIndicatorTree,
  validationFailed,
  type IndicatorTree,
  type RankedAssessment,
} from '@rol/domain';
import { AssessmentObjectionEntity, DepartmentEntity, loadCalendars, recordAudit, type CampaignEntity } from '@rol/db';
import type { AuthUser } from '../common/auth-user';
import { findCampaign, ownDepartment, requireCampaignDepartment } from '../common/lookups';
import type { Page } from '../common/paging';
import { collectFacts } from './assessment-facts';
import type {
  AssessmentDepartmentsQueryDto,
  AssessmentObjectionDto,
  AssessmentSummaryDto,
  AssessmentVersionDto,
  AsOfQueryDto,
  DepartmentAssessmentDto,
  DepartmentScoreDto,
  MyAssessmentDto,
  MyAssessmentListItemDto,
  NewObjectionDto,
  ObjectionDecisionBodyDto,
  OfficeScoreDto,
  OfficeScoreResultDto,
  PinTreeDto,
  PublishDto,
} from './assessments.dto';
import { Clock } from '../common/clock';

type Ranked = RankedAssessment & { code: string; name: string };
/** What a published version stores: the frozen results. */
export interface AssessmentResults {
  asOf: string;
  departments: Ranked[];
}
interface TreeRow {
  id: string;
  code: string;
  version: number;
  name: string;
  body: IndicatorTree;
  createdAt: Date;
}
interface Computed {
  tree: TreeRow;
  asOf: string;
  inputsHash: string;
  departments: Ranked[];
}

const lock = (m: EntityManager, campaignId: string) => m.query(`SELECT pg_advisory_xact_lock(hashtext('assessment:' || $1))`, [campaignId]);
const treeSummary = (t: TreeRow) => ({ id: t.id, code: t.code, version: t.version, name: t.name, createdAt: new Date(t.createdAt).toISOString() });

/**
 * 考核: computed as of a cut-off from what the cycle recorded, frozen when the office publishes
 * (with a hash of its inputs), open to one objection (异议) per department and version within the
 * tree's window; an upheld objection recomputes into a new version, the old ones kept.
 */
@Injectable()
export class AssessmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  // ——— 指标体系 ———

  async trees() {
    const rows: TreeRow[] = await this.dataSource.query(`SELECT id, code, version, name, created_at AS "createdAt" FROM indicator_trees ORDER BY code, version`);
    return rows.map(treeSummary);
  }

  async tree(code: string, version: number) {
    const [row] = await this.dataSource.query(`SELECT id, code, version, name, body, created_at AS "createdAt" FROM indicator_trees WHERE code = $1 AND version = $2`, [code, version]);
    if (!row) throw new DomainError(ErrorCode.NotFound, `指标体系 ${code} 第 ${version} 版不存在`);
    return { ...treeSummary(row), body: row.body };
  }

  /** A new version of a tree (campaigns keep the version they pinned). Publishing the same body again is not a new version. */
  async publishTree(actor: AuthUser, tree: IndicatorTree) {
    const errors = validateIndicatorTree(tree);
    if (errors.length > 0) throw validationFailed(errors, '指标体系不符合要求，请按提示修改');
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('indicator-tree:' || $1))`, [tree.code]);
      const [latest] = await m.query(`SELECT id, code, version, name, created_at AS "createdAt", body = $2::jsonb AS same FROM indicator_trees WHERE code = $1 ORDER BY version DESC LIMIT 1`, [tree.code, JSON.stringify(tree)]);
      if (latest?.same) return treeSummary(latest);
      const [row] = await m.query(
        `INSERT INTO indicator_trees (code, version, name, body, created_by) VALUES ($1, coalesce((SELECT max(version) FROM indicator_trees WHERE code = $1), 0) + 1, $2, $3, $4)
         RETURNING id, code, version, name, created_at AS "createdAt"`,
        [tree.code, tree.name, JSON.stringify(tree), actor.id],
      );
      await recordAudit(m, { actorId: actor.id, action: 'indicator_tree.publish', targetType: 'indicator_tree', targetId: row.id, detail: { code: row.code, version: row.version } });
      return treeSummary(row);
    });
  }

  /** Pins another tree version on a campaign, until its assessment is first published. */
  async pinTree(actor: AuthUser, campaignId: string, dto: PinTreeDto) {
    return this.dataSource.transaction(async (m) => {
      await lock(m, campaignId);
      const campaign = await findCampaign(m, campaignId);
      const [published] = await m.query(`SELECT 1 FROM assessment_versions WHERE campaign_id = $1 LIMIT 1`, [campaignId]);
      if (published) throw new DomainError(ErrorCode.AssessmentLocked, '考核结果已发布，不能再更换指标体系；如需调整请通过异议复核重新计算');
      const tree = await this.tree(dto.code, dto.version);
      if (campaign.indicatorTreeId !== tree.id) {
        await m.query(`UPDATE campaigns SET indicator_tree_id = $2 WHERE id = $1`, [campaignId, tree.id]);
        await recordAudit(m, { actorId: actor.id, action: 'assessment.pin_tree', targetType: 'campaign', targetId: campaignId, detail: { code: tree.code, version: tree.version } });
      }
      return { id: tree.id, code: tree.code, version: tree.version, name: tree.name, createdAt: tree.createdAt };
    });
  }

  // ——— computing ———

  private async pinnedTree(m: EntityManager, treeId: string): Promise<TreeRow> {
    const [row] = await m.query(`SELECT id, code, version, name, body, created_at AS "createdAt" FROM indicator_trees WHERE id = $1`, [treeId]);
    return row;
  }

  /** Every department's assessment as of `asOf`, ranked, with the hash of what went in. */
  private async compute(m: EntityManager, campaign: CampaignEntity, asOf: string, treeId = campaign.indicatorTreeId): Promise<Computed> {
    const tree = await this.pinnedTree(m, treeId);
    const [{ departments, facts }, calendars] = await Promise.all([collectFacts(m, campaign), loadCalendars(m)]);
    const names = new Map(departments.map((d) => [d.id, d]));
    const results = departments.map((d) => assessDepartment(tree.body, facts.get(d.id)!, asOf, calendars));
    const ranked = rankAssessments(results).map((r) => ({ ...r, code: names.get(r.departmentId)!.code, name: names.get(r.departmentId)!.name }));
    const inputsHash = sha256Hex(canonicalJson({ tree: tree.body, treeId: tree.id, asOf: new Date(asOf).toISOString(), facts: departments.map((d) => facts.get(d.id)) }));
    return { tree, asOf: new Date(asOf).toISOString(), inputsHash, departments: ranked };
  }

  private async version(m: EntityManager, campaignId: string, version?: number): Promise<(AssessmentVersionDto & { results: AssessmentResults }) | null> {
    const [row] = await m.query(
      `SELECT v.version, v.as_of, v.inputs_hash, v.published_at, u.display_name AS published_by, v.objection_due_at, v.reason, v.results,
              t.id AS tree_id, t.code, t.version AS tree_version, t.name, t.created_at
         FROM assessment_versions v JOIN indicator_trees t ON t.id = v.indicator_tree_id LEFT JOIN users u ON u.id = v.published_by
        WHERE v.campaign_id = $1 AND ($2::int IS NULL OR v.version = $2) ORDER BY v.version DESC LIMIT 1`,
      [campaignId, version ?? null],
    );
    if (!row) return null;
    return { ...toVersion(row), results: row.results };
  }

  private async versions(campaignId: string): Promise<AssessmentVersionDto[]> {
    const rows = await this.dataSource.query(
      `SELECT v.version, v.as_of, v.inputs_hash, v.published_at, u.display_name AS published_by, v.objection_due_at, v.reason,
              t.id AS tree_id, t.code, t.version AS tree_version, t.name, t.created_at
         FROM assessment_versions v JOIN indicator_trees t ON t.id = v.indicator_tree_id LEFT JOIN users u ON u.id = v.published_by
        WHERE v.campaign_id = $1 ORDER BY v.version DESC`,
      [campaignId],
    );
    return rows.map(toVersion);
  }

  /** Live (as of a date, default now) or a published version: the ranked departments. */
  private async ranked(campaignId: string, q: { asOf?: string; version?: number }) {
    const campaign = await findCampaign(this.dataSource.manager, campaignId);
    if (q.version !== undefined) {
      const v = await this.version(this.dataSource.manager, campaignId, q.version);
      if (!v) throw new DomainError(ErrorCode.NotFound, `考核结果第 ${q.version} 版不存在`);
      const tree = await this.pinnedTree(this.dataSource.manager, v.tree.id);
      return { campaign, tree, asOf: v.asOf, version: v.version as number | null, inputsHash: v.inputsHash, departments: v.results.departments };
    }
    const c = await this.compute(this.dataSource.manager, campaign, q.asOf ?? new Date(this.clock.now()).toISOString());
    return { campaign, tree: c.tree, asOf: c.asOf, version: null as number | null, inputsHash: c.inputsHash, departments: c.departments };
  }

  async summary(campaignId: string, q: AsOfQueryDto): Promise<AssessmentSummaryDto> {
    const r = await this.ranked(campaignId, q);
    const [{ pending }] = await this.dataSource.query(`SELECT count(*)::int AS pending FROM assessment_objections WHERE campaign_id = $1 AND decision IS NULL`, [campaignId]);
    const n = r.departments.length;
    return {
      asOf: r.asOf,
      version: r.version,
      tree: treeSummary(r.tree),
      areas: r.tree.body.indicators.map((i) => ({ code: i.code, name: i.name, points: i.points })),
      departments: n,
      averageScore: n ? Math.round((r.departments.reduce((s, d) => s + d.score, 0) / n) * 100) / 100 : 0,
      grades: gradeDistribution(r.departments),
      officeUnscored: r.departments.reduce((s, d) => s + leafSummary(d).officeUnscored, 0),
      inputsHash: r.inputsHash,
      versions: await this.versions(campaignId),
      pendingObjections: pending,
    };
  }

  /** One page of the ranking (考核得分表). */
  async departments(campaignId: string, q: AssessmentDepartmentsQueryDto): Promise<Page<DepartmentScoreDto>> {
    const r = await this.ranked(campaignId, q);
    const needle = q.q?.trim().toLowerCase();
    const rows = needle ? r.departments.filter((d) => d.code.toLowerCase().includes(needle) || d.name.toLowerCase().includes(needle)) : r.departments;
    const offset = q.offset ?? 0;
    return { items: rows.slice(offset, offset + (q.limit ?? 50)).map(toScore), total: rows.length };
  }

  /** One department's result with the explanation of every point. A department reads only its own, and only once published. */
  async department(actor: AuthUser, campaignId: string, departmentId: string, q: AsOfQueryDto): Promise<DepartmentAssessmentDto> {
    if (!isOffice(actor.role)) {
      if (actor.departmentId !== departmentId) throw new DomainError(ErrorCode.ForbiddenDepartment, '只能查看本部门的考核结果');
      const v = await this.version(this.dataSource.manager, campaignId, q.version);
      if (!v) throw new DomainError(ErrorCode.AssessmentNotPublished, '考核结果尚未发布，发布后可查看本部门得分和计分说明');
      return this.fromVersion(v, departmentId);
    }
    const r = await this.ranked(campaignId, q);
    const d = r.departments.find((x) => x.departmentId === departmentId);
    if (!d) throw new DomainError(ErrorCode.NotFound, '该部门不在本年度工作周期的考核范围内');
    return { ...toScore(d), indicators: d.indicators, asOf: r.asOf, version: r.version };
  }

  private fromVersion(v: AssessmentVersionDto & { results: AssessmentResults }, departmentId: string): DepartmentAssessmentDto {
    const d = v.results.departments.find((x) => x.departmentId === departmentId);
    if (!d) throw new DomainError(ErrorCode.NotFound, '本部门不在该年度工作周期的考核范围内');
    return { ...toScore(d), indicators: d.indicators, asOf: v.asOf, version: v.version };
  }

  // ——— the office's scores ———

  async score(actor: AuthUser, campaignId: string, departmentId: string, code: string, dto: OfficeScoreDto): Promise<OfficeScoreResultDto> {
    return this.dataSource.transaction(async (m) => {
      const campaign = await findCampaign(m, campaignId);
      await requireCampaignDepartment(m, campaignId, departmentId).catch(() => {
        throw new DomainError(ErrorCode.NotFound, '该部门不在本年度工作周期的考核范围内');
      });
      const tree = await this.pinnedTree(m, campaign.indicatorTreeId);
      const leaf = indicatorLeaves(tree.body).find(({ node }) => node.code === code)?.node;
      if (!leaf) throw validationFailed([{ field: 'indicatorCode', code: 'INDICATOR_UNKNOWN', message: `指标 ${code} 不是本周期指标体系的末级指标` }]);
      if (leaf.measure) throw validationFailed([{ field: 'indicatorCode', code: 'INDICATOR_COMPUTED', message: `指标 ${code}「${leaf.name}」由系统根据记录自动计算，不能人工评分` }]);
      if (dto.score > leaf.points) throw validationFailed([{ field: 'score', code: 'SCORE_ABOVE_POINTS', message: `score 不能超过该指标分值 ${leaf.points} 分` }]);
      if (dto.score < leaf.points && dto.note.trim() === '') throw validationFailed([{ field: 'note', code: 'NOTE_REQUIRED', message: 'note 扣分时须写明扣分理由' }]);
      const ids = dto.attachmentIds ?? [];
      const attachments: { id: string; file_name: string }[] = ids.length ? await m.query(`SELECT id, file_name FROM attachments WHERE id = ANY($1::uuid[])`, [ids]) : [];
      const missing = ids.filter((id) => !attachments.some((a) => a.id === id));
      if (missing.length) throw validationFailed(missing.map((id) => ({ field: 'attachmentIds', code: 'ATTACHMENT_NOT_FOUND', message: `附件 ${id} 不存在，请先上传` })));
      const stored = ids.map((id) => ({ id, fileName: attachments.find((a) => a.id === id)!.file_name }));
      const [row] = await m.query(
        `INSERT INTO assessment_scores (campaign_id, department_id, indicator_code, score, note, attachments, scored_at, scored_by)
         VALUES ($1, $2, $3, $4, $5, $6, now(), $7)
         ON CONFLICT (campaign_id, department_id, indicator_code) DO UPDATE SET score = EXCLUDED.score, note = EXCLUDED.note, attachments = EXCLUDED.attachments, scored_at = EXCLUDED.scored_at, scored_by = EXCLUDED.scored_by
           WHERE (assessment_scores.score, assessment_scores.note, assessment_scores.attachments) IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.note, EXCLUDED.attachments)
         RETURNING scored_at`,
        [campaignId, departmentId, code, dto.score, dto.note.trim(), JSON.stringify(stored), actor.id],
      );
      if (row) await recordAudit(m, { actorId: actor.id, action: 'assessment.score', targetType: 'department', targetId: departmentId, detail: { campaignId, indicatorCode: code, score: dto.score, note: dto.note.trim() } });
      const [current] = await m.query(`SELECT score, note, scored_at FROM assessment_scores WHERE campaign_id = $1 AND department_id = $2 AND indicator_code = $3`, [campaignId, departmentId, code]);
      return { indicatorCode: code, score: Number(current.score), note: current.note, scoredAt: new Date(current.scored_at).toISOString() };
    });
  }

  // ——— publishing and objections ———

  /** Freezes the assessment as of `asOf` into the next version. The same inputs again publish nothing new. */
  async publish(actor: AuthUser, campaignId: string, dto: PublishDto): Promise<AssessmentVersionDto> {
    return this.dataSource.transaction(async (m) => {
      await lock(m, campaignId);
      const campaign = await findCampaign(m, campaignId);
      const latest = await this.version(m, campaignId);
      const computed = await this.compute(m, campaign, dto.asOf);
      if (latest && latest.inputsHash === computed.inputsHash) return stripResults(latest);
      if (latest && !dto.reason?.trim()) throw validationFailed([{ field: 'reason', code: 'REASON_REQUIRED', message: 'reason 已发布过考核结果，重新发布须说明原因' }]);
      return this.insertVersion(m, actor, campaign, computed, latest ? latest.version + 1 : 1, dto.reason?.trim() ?? '');
    });
  }

  private async insertVersion(m: EntityManager, actor: AuthUser, campaign: CampaignEntity, c: Computed, version: number, reason: string): Promise<AssessmentVersionDto> {
    const calendars = await loadCalendars(m);
    const now = this.clock.now();
    const objectionDueAt = new Date(computeDeadline(now, c.tree.body.objectionWindow, calendars));
    const results: AssessmentResults = { asOf: c.asOf, departments: c.departments };
    await m.query(
      `INSERT INTO assessment_versions (campaign_id, version, as_of, indicator_tree_id, inputs_hash, results, published_at, published_by, objection_due_at, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [campaign.id, version, c.asOf, c.tree.id, c.inputsHash, JSON.stringify(results), new Date(now), actor.id, objectionDueAt, reason],
    );
    await recordAudit(m, {
      actorId: actor.id,
      action: 'assessment.publish',
      targetType: 'assessment',
      targetId: campaign.id,
      detail: { version, asOf: c.asOf, inputsHash: c.inputsHash, reason, grades: gradeDistribution(c.departments) },
    });
    return stripResults((await this.version(m, campaign.id, version))!);
  }

  /** The department's campaigns, each with its latest published result (if any). */
  async myList(actor: AuthUser): Promise<MyAssessmentListItemDto[]> {
    const departmentId = ownDepartment(actor, '查看本部门考核结果');
    const rows = await this.dataSource.query(
      `SELECT c.id, c.year, c.title, v.version, v.published_at, v.objection_due_at, d.r AS result
         FROM campaign_departments cd JOIN campaigns c ON c.id = cd.campaign_id
         LEFT JOIN LATERAL (SELECT version, published_at, objection_due_at, results FROM assessment_versions WHERE campaign_id = c.id ORDER BY version DESC LIMIT 1) v ON true
         LEFT JOIN LATERAL (SELECT x AS r FROM jsonb_array_elements(v.results->'departments') x WHERE x->>'departmentId' = cd.department_id::text) d ON true
        WHERE cd.department_id = $1 ORDER BY c.year DESC`,
      [departmentId],
    );
    return rows.map((r: Record<string, never>) => {
      const result = r.result as Ranked | null;
      return {
        campaignId: r.id, year: r.year, title: r.title, published: r.version !== null, version: r.version,
        publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null, objectionDueAt: r.objection_due_at ? new Date(r.objection_due_at).toISOString() : null,
        score: result?.score ?? null, grade: result?.grade ?? null, gradeLabel: result ? GRADE_LABELS[result.grade] : null, rank: result?.rank ?? null,
      };
    });
  }

  async mine(actor: AuthUser, campaignId: string): Promise<MyAssessmentDto> {
    const departmentId = ownDepartment(actor, '查看本部门考核结果');
    await findCampaign(this.dataSource.manager, campaignId);
    await requireCampaignDepartment(this.dataSource.manager, campaignId, departmentId);
    const v = await this.version(this.dataSource.manager, campaignId);
    const objections = await this.objections(actor, campaignId);
    if (!v) return { published: false, objections, canObject: false, objectionBlocked: '考核结果尚未发布' };
    const blocked = objectionBlock(v, objections, this.clock.now());
    return { published: true, result: this.fromVersion(v, departmentId), publication: stripResults(v), objections, canObject: blocked === undefined, ...(blocked ? { objectionBlocked: blocked } : {}) };
  }

  async object(actor: AuthUser, campaignId: string, dto: NewObjectionDto): Promise<AssessmentObjectionDto> {
    const departmentId = ownDepartment(actor, '对考核结果提出异议');
    return this.dataSource.transaction(async (m) => {
      await lock(m, campaignId);
      await findCampaign(m, campaignId);
      await requireCampaignDepartment(m, campaignId, departmentId);
      const v = await this.version(m, campaignId);
      if (!v) throw new DomainError(ErrorCode.AssessmentNotPublished, '考核结果尚未发布，发布后方可提出异议');
      const [own] = await m.query(`SELECT id FROM assessment_objections WHERE campaign_id = $1 AND version = $2 AND department_id = $3`, [campaignId, v.version, departmentId]);
      if (own) throw new DomainError(ErrorCode.ObjectionAlreadyFiled, `本部门已对第 ${v.version} 版考核结果提出异议，请等待监督科处理`);
      if (this.clock.now() > Date.parse(v.objectionDueAt)) throw new DomainError(ErrorCode.ObjectionWindowClosed, `异议期限已于 ${fmt(v.objectionDueAt)} 届满，不能再提出异议`);
      const result = v.results.departments.find((d) => d.departmentId === departmentId);
      if (dto.indicatorCode && result && !flatCodes(result.indicators).includes(dto.indicatorCode)) {
        throw validationFailed([{ field: 'indicatorCode', code: 'INDICATOR_UNKNOWN', message: `indicatorCode 指标 ${dto.indicatorCode} 不在本周期的指标体系中` }]);
      }
      const ids = dto.attachmentIds ?? [];
      const attachments: { id: string; file_name: string }[] = ids.length ? await m.query(`SELECT id, file_name FROM attachments WHERE id = ANY($1::uuid[]) AND department_id = $2`, [ids, departmentId]) : [];
      const missing = ids.filter((id) => !attachments.some((a) => a.id === id));
      if (missing.length) throw validationFailed(missing.map((id) => ({ field: 'attachmentIds', code: 'ATTACHMENT_NOT_FOUND', message: `附件 ${id} 不存在或不是本部门上传的，请先上传` })));
      const [row] = await m.query(
        `INSERT INTO assessment_objections (campaign_id, version, department_id, indicator_code, reason, attachments, filed_at, filed_by)
         VALUES ($1, $2, $3, $4, $5, $6, now(), $7) RETURNING id`,
        [campaignId, v.version, departmentId, dto.indicatorCode ?? null, dto.reason.trim(), JSON.stringify(ids.map((id) => ({ id, fileName: attachments.find((a) => a.id === id)!.file_name }))), actor.id],
      );
      await recordAudit(m, { actorId: actor.id, action: 'assessment.objection', targetType: 'assessment_objection', targetId: row.id, detail: { version: v.version, indicatorCode: dto.indicatorCode ?? null } });
      return (await this.objectionRows(m, campaignId, { id: row.id }))[0];
    });
  }

  async objections(actor: AuthUser, campaignId: string): Promise<AssessmentObjectionDto[]> {
    await findCampaign(this.dataSource.manager, campaignId);
    return this.objectionRows(this.dataSource.manager, campaignId, isOffice(actor.role) ? {} : { departmentId: ownDepartment(actor, '查看异议') });
  }

  private async objectionRows(m: EntityManager, campaignId: string, f: { id?: string; departmentId?: string }): Promise<AssessmentObjectionDto[]> {
    const rows = await m.query(
      `SELECT o.id, o.version, o.department_id, d.code, d.name, o.indicator_code, o.reason, o.attachments, o.filed_at, o.decision, o.decided_at, o.note,
              (SELECT min(v.version) FROM assessment_versions v WHERE v.campaign_id = o.campaign_id AND v.version > o.version AND o.decision = 'upheld') AS result_version
         FROM assessment_objections o JOIN departments d ON d.id = o.department_id
        WHERE o.campaign_id = $1 AND ($2::uuid IS NULL OR o.id = $2) AND ($3::uuid IS NULL OR o.department_id = $3)
        ORDER BY o.filed_at DESC`,
      [campaignId, f.id ?? null, f.departmentId ?? null],
    );
    return rows.map((r: Record<string, never>) => ({
      id: r.id, version: r.version, departmentId: r.department_id, departmentCode: r.code, departmentName: r.name, indicatorCode: r.indicator_code, reason: r.reason, attachments: r.attachments,
      filedAt: new Date(r.filed_at).toISOString(), decision: r.decision, decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null, note: r.note, resultVersion: r.result_version,
    }));
  }

  /** The office decides an objection once. Upheld: recompute (with what the office corrected meanwhile) into a new version, same cut-off. */
  async decide(actor: AuthUser, campaignId: string, objectionId: string, dto: ObjectionDecisionBodyDto): Promise<AssessmentObjectionDto> {
    return this.dataSource.transaction(async (m) => {
      await lock(m, campaignId);
      const campaign = await findCampaign(m, campaignId);
      const o = await m.findOne(AssessmentObjectionEntity, { select: { id: true, version: true, departmentId: true, decision: true }, where: { id: objectionId, campaignId } });
      if (!o) throw new DomainError(ErrorCode.NotFound, '异议不存在');
      if (o.decision) throw new DomainError(ErrorCode.RectificationStateConflict, '该异议已处理，不能重复处理');
      await m.update(AssessmentObjectionEntity, { id: objectionId }, { decision: dto.decision, decidedAt: () => 'now()', decidedBy: actor.id, note: dto.note.trim() });
      await recordAudit(m, { actorId: actor.id, action: dto.decision === 'upheld' ? 'assessment.objection_uphold' : 'assessment.objection_reject', targetType: 'assessment_objection', targetId: objectionId, detail: { note: dto.note.trim() } });
      if (dto.decision === 'upheld') {
        const latest = (await this.version(m, campaignId))!;
        const objected = (await this.version(m, campaignId, o.version))!;
        const computed = await this.compute(m, campaign, objected.asOf, objected.tree.id);
        const { name } = await m.findOneOrFail(DepartmentEntity, { select: { id: true, name: true }, where: { id: o.departmentId } });
        await this.insertVersion(m, actor, campaign, computed, latest.version + 1, `${name}异议成立：${dto.note.trim()}`);
      }
      return (await this.objectionRows(m, campaignId, { id: objectionId }))[0];
    });
  }

  versionsList(campaignId: string) {
    return findCampaign(this.dataSource.manager, campaignId).then(() => this.versions(campaignId));
  }
}

const fmt = (isoDate: string) => new Date(isoDate).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
const flatCodes = (xs: { code: string; children?: unknown[] }[]): string[] => xs.flatMap((x) => [x.code, ...flatCodes((x.children ?? []) as never)]);

function objectionBlock(v: AssessmentVersionDto, objections: AssessmentObjectionDto[], now: number): string | undefined {
  if (objections.some((o) => o.version === v.version)) return `已对第 ${v.version} 版提出异议`;
  if (now > Date.parse(v.objectionDueAt)) return `异议期限已于 ${fmt(v.objectionDueAt)} 届满`;
  return undefined;
}

function toScore(d: Ranked): DepartmentScoreDto {
  return { departmentId: d.departmentId, code: d.code, name: d.name, rank: d.rank, score: d.score, grade: d.grade, gradeLabel: GRADE_LABELS[d.grade], gradeNotes: d.gradeNotes, files: d.files, areaScores: d.indicators.map((i) => i.score) };
}

function toVersion(row: Record<string, never>): AssessmentVersionDto {
  return {
    version: row.version, asOf: new Date(row.as_of).toISOString(), inputsHash: String(row.inputs_hash).trim(), publishedAt: new Date(row.published_at).toISOString(), publishedBy: row.published_by ?? '',
    objectionDueAt: new Date(row.objection_due_at).toISOString(), reason: row.reason,
    tree: { id: row.tree_id, code: row.code, version: row.tree_version, name: row.name, createdAt: new Date(row.created_at).toISOString() },
  };
}

function stripResults(v: AssessmentVersionDto & { results?: unknown }): AssessmentVersionDto {
  const { results: _, ...rest } = v;
  void _;
  return rest;
}
