import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CASE_TYPE_LABELS,
  DomainError,
  ErrorCode,
  GRADE_LABELS,
  REVIEW_STATUS_LABELS,
  Role,
  assignReviewers,
  criterionBasis,
  isOffice,
  scoreSheet,
  summarizeDepartment,
  validateSheet,
  validateStandard,
  validationFailed,
  type CaseType,
  type DrawRules,
  type Grade,
  type ScoreSheet,
  type ScoringStandard,
} from '@rol/domain';
import { CampaignEntity, CaseFileEntity, DepartmentEntity, ReviewAssignmentEntity, UserEntity, poolRecusals, poolReviewers, recordAudit } from '@rol/db';
import type { AuthUser } from '../common/auth-user';
import { findCampaign } from '../common/lookups';
import { insertFinding } from '../self-checks/self-checks.service';
import type { Page } from '../common/paging';
import { combineFile, type FileReviewRow } from './file-result';
import type { ConflictDto, DepartmentResultDto, DepartmentResultsQueryDto, FileResultDto, FileResultsQueryDto, NewStandardDto, ReviewResultsDto } from './reviews.dto';
import { Clock } from '../common/clock';

interface AssignmentRow {
  id: string;
  campaign_id: string;
  case_file_id: string;
  reviewer_id: string;
  department_id: string;
  case_number: string;
  case_type: string;
  title: string;
  decision_date: string;
  review_id: string | null;
  status: string | null;
  sheet: ScoreSheet | null;
  score: string | null;
  grade: string | null;
  version: number | null;
  standard_id: string | null;
  department_name: string;
  campaign_title: string;
  campaign_year: number;
  review_opens_at: string | null;
  review_closes_at: string | null;
  last_return: { reason: string; at: string } | null;
  scan_count: number;
}

const ASSIGNMENT_VIEW = `
  SELECT a.id, a.campaign_id, a.case_file_id, a.reviewer_id, cf.department_id, cf.case_number, cf.case_type, cf.title,
         to_char(cf.decision_date, 'YYYY-MM-DD') AS decision_date,
         r.id AS review_id, r.status, r.sheet, r.score, r.grade, r.version, r.standard_id,
         d.name AS department_name, c.title AS campaign_title, c.year AS campaign_year,
         c.calendar->>'reviewOpensAt' AS review_opens_at, c.calendar->>'reviewClosesAt' AS review_closes_at,
         (SELECT json_build_object('reason', v.return_reason, 'at', v.returned_at) FROM review_versions v
           WHERE v.review_id = r.id AND v.returned_at IS NOT NULL ORDER BY v.version DESC LIMIT 1) AS last_return,
         (SELECT count(*)::int FROM case_file_scans sc WHERE sc.case_file_id = a.case_file_id) AS scan_count
    FROM review_assignments a
    JOIN case_files cf ON cf.id = a.case_file_id
    JOIN departments d ON d.id = cf.department_id
    JOIN campaigns c ON c.id = a.campaign_id
    LEFT JOIN reviews r ON r.assignment_id = a.id`;

@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** 我的评查任务: only what is assigned to the caller. */
  async mine(actor: AuthUser, campaignId?: string) {
    const rows: AssignmentRow[] = await this.dataSource.query(
      `${ASSIGNMENT_VIEW} WHERE a.reviewer_id = $1 AND a.active AND ($2::uuid IS NULL OR a.campaign_id = $2) ORDER BY cf.case_number`,
      [actor.id, campaignId ?? null],
    );
    return rows.map(toAssignmentView);
  }

  async get(actor: AuthUser, assignmentId: string) {
    const row = await this.assignment(actor, assignmentId, false);
    const standard = await this.standardFor(row);
    return { ...toAssignmentView(row), standard };
  }

  /** Save the scoring sheet as a draft (一卷一表). The standard version is fixed at the first save. */
  async saveDraft(actor: AuthUser, assignmentId: string, sheet: ScoreSheet) {
    return this.dataSource.transaction(async (m) => {
      const row = await this.editable(m, actor, assignmentId);
      const { standardId, standard } = await this.standardRow(m, row);
      const errors = validateSheet(standard, sheet);
      if (errors.length > 0) throw validationFailed(errors);
      const [review] = await m.query(
        `INSERT INTO reviews (assignment_id, campaign_id, case_file_id, reviewer_id, standard_id, status, sheet)
         VALUES ($1, $2, $3, $4, $5, 'draft', $6)
         ON CONFLICT (assignment_id) DO UPDATE SET sheet = excluded.sheet, updated_at = now()
         RETURNING id`,
        [row.id, row.campaign_id, row.case_file_id, actor.id, standardId, JSON.stringify(sheet)],
      );
      await recordAudit(m, { actorId: actor.id, action: 'review.draft', targetType: 'review', targetId: review.id });
      return { reviewId: review.id, ...scoreSheet(standard, sheet) };
    });
  }

  /** Submit: scored, graded, final unless returned for a second pass (复核); every deduction becomes a finding. */
  async submit(actor: AuthUser, assignmentId: string, sheet: ScoreSheet) {
    return this.dataSource.transaction(async (m) => {
      const row = await this.editable(m, actor, assignmentId);
      const { standardId, standard } = await this.standardRow(m, row);
      const errors = validateSheet(standard, sheet);
      if (errors.length > 0) throw validationFailed(errors);
      const result = scoreSheet(standard, sheet);
      const version = (row.version ?? 0) + 1;
      const [review] = await m.query(
        `INSERT INTO reviews (assignment_id, campaign_id, case_file_id, reviewer_id, standard_id, status, sheet, score, grade, version, submitted_at)
         VALUES ($1, $2, $3, $4, $5, 'submitted', $6, $7, $8, $9, now())
         ON CONFLICT (assignment_id) DO UPDATE SET status = 'submitted', sheet = excluded.sheet, score = excluded.score,
           grade = excluded.grade, version = excluded.version, submitted_at = now(), updated_at = now()
         RETURNING id`,
        [row.id, row.campaign_id, row.case_file_id, actor.id, standardId, JSON.stringify(sheet), result.score, result.grade, version],
      );
      await m.query(`INSERT INTO review_versions (review_id, version, sheet, score, grade, submitted_at) VALUES ($1, $2, $3, $4, $5, now())`, [
        review.id,
        version,
        JSON.stringify(sheet),
        result.score,
        result.grade,
      ]);
      await this.recordFindings(m, row, review.id, standard, sheet);
      await recordAudit(m, { actorId: actor.id, action: 'review.submit', targetType: 'review', targetId: review.id, detail: { version, score: result.score, grade: result.grade } });
      return { reviewId: review.id, version, ...result, gradeLabel: GRADE_LABELS[result.grade] };
    });
  }

  /** 复核: the office returns a submitted review to its reviewer, with the reason. */
  async returnForSecondPass(actor: AuthUser, reviewId: string, reason: string) {
    return this.dataSource.transaction(async (m) => {
      const [review] = await m.query(`SELECT id, status, version FROM reviews WHERE id = $1 FOR UPDATE`, [reviewId]);
      if (!review) throw new DomainError(ErrorCode.NotFound, '评查记录不存在');
      if (review.status !== 'submitted') throw new DomainError(ErrorCode.ReviewNotEditable, '只能退回已提交的评查');
      await m.query(`UPDATE reviews SET status = 'returned', updated_at = now() WHERE id = $1`, [reviewId]);
      await m.query(`UPDATE review_versions SET returned_at = now(), returned_by = $3, return_reason = $4 WHERE review_id = $1 AND version = $2`, [reviewId, review.version, actor.id, reason]);
      await recordAudit(m, { actorId: actor.id, action: 'review.return', targetType: 'review', targetId: reviewId, detail: { reason } });
      return { reviewId, status: 'returned' };
    });
  }

  /** 回避: declared before the draw it is respected by it; declared after, the reviewer's unfinished files go to someone else. */
  async declareConflict(actor: AuthUser, dto: ConflictDto) {
    const reviewerId = actor.role === Role.Reviewer ? actor.id : dto.reviewerId;
    if (!reviewerId) throw validationFailed([{ field: 'reviewerId', code: 'REVIEWER_REQUIRED', message: '监督科代为申明回避时须指定 reviewerId' }]);
    if (Boolean(dto.departmentId) === Boolean(dto.caseFileId)) {
      throw validationFailed([{ field: 'departmentId', code: 'ONE_TARGET', message: 'departmentId 与 caseFileId 须且只须填一个' }]);
    }
    return this.dataSource.transaction(async (m) => {
      if (!(await m.existsBy(UserEntity, { id: reviewerId, role: Role.Reviewer }))) throw validationFailed([{ field: 'reviewerId', code: 'REVIEWER_UNKNOWN', message: '评查人员不存在' }]);
      if (dto.departmentId && !(await m.existsBy(DepartmentEntity, { id: dto.departmentId }))) {
        throw validationFailed([{ field: 'departmentId', code: 'DEPARTMENT_UNKNOWN', message: '回避的部门不存在' }]);
      }
      if (dto.caseFileId && !(await m.existsBy(CaseFileEntity, { id: dto.caseFileId }))) {
        throw validationFailed([{ field: 'caseFileId', code: 'CASE_FILE_UNKNOWN', message: '回避的案卷不存在' }]);
      }
      const [conflict] = await m.query(
        `INSERT INTO reviewer_conflicts (reviewer_id, department_id, case_file_id, reason, declared_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ON CONSTRAINT reviewer_conflicts_once DO NOTHING RETURNING id`,
        [reviewerId, dto.departmentId ?? null, dto.caseFileId ?? null, dto.reason, actor.id],
      );
      if (!conflict) {
        // Declared before (a retry, or twice): the first declaration stands and already released its files.
        const [earlier] = await m.query(
          `SELECT id FROM reviewer_conflicts WHERE reviewer_id = $1 AND department_id IS NOT DISTINCT FROM $2 AND case_file_id IS NOT DISTINCT FROM $3`,
          [reviewerId, dto.departmentId ?? null, dto.caseFileId ?? null],
        );
        return { conflictId: earlier.id as string, released: 0, reassigned: 0 };
      }
      const affected: { id: string; campaign_id: string; case_file_id: string; department_id: string; slot: number; rank_key: string }[] = await m.query(
        `SELECT a.id, a.campaign_id, a.case_file_id, cf.department_id, a.slot, s.rank_key
           FROM review_assignments a
           JOIN case_files cf ON cf.id = a.case_file_id
           JOIN sampled_files s ON s.campaign_id = a.campaign_id AND s.case_file_id = a.case_file_id
           LEFT JOIN reviews r ON r.assignment_id = a.id
          WHERE a.reviewer_id = $1 AND a.active AND (r.id IS NULL OR r.status <> 'submitted')
            AND (cf.department_id = $2 OR cf.id = $3)
          FOR UPDATE OF a`,
        [reviewerId, dto.departmentId ?? null, dto.caseFileId ?? null],
      );
      let reassigned = 0;
      for (const a of affected) {
        await m.update(ReviewAssignmentEntity, { id: a.id }, { active: false, endedAt: () => 'now()', endReason: 'conflict' });
        reassigned += await this.reassign(m, a);
      }
      await recordAudit(m, { actorId: actor.id, action: 'reviewer.conflict', targetType: 'user', targetId: reviewerId, detail: { conflictId: conflict.id, departmentId: dto.departmentId, caseFileId: dto.caseFileId, released: affected.length, reassigned } });
      return { conflictId: conflict.id, released: affected.length, reassigned };
    });
  }

  /** The combined result of each drawn file matching `filter` (SQL over sampled_files s, case_files cf, departments d; `$1` is the campaign). */
  private async fileResults(campaignId: string, filter: string, params: unknown[]): Promise<FileResultDto[]> {
    const rows: { case_file_id: string; department_id: string; code: string; name: string; case_number: string; title: string; review_id: string | null; sheet: ScoreSheet; standard: ScoringStandard; submitted: boolean }[] = await this.dataSource.query(
      `SELECT s.case_file_id, s.department_id, d.code, d.name, cf.case_number, cf.title, r.id AS review_id, r.sheet, st.body AS standard, (r.status = 'submitted') AS submitted
         FROM sampled_files s
         JOIN departments d ON d.id = s.department_id
         JOIN case_files cf ON cf.id = s.case_file_id
         LEFT JOIN review_assignments a ON a.campaign_id = s.campaign_id AND a.case_file_id = s.case_file_id AND a.active
         LEFT JOIN reviews r ON r.assignment_id = a.id
         LEFT JOIN scoring_standards st ON st.id = r.standard_id
        WHERE s.campaign_id = $1 AND ${filter}
        ORDER BY d.code COLLATE "C", cf.case_number COLLATE "C"`,
      [campaignId, ...params],
    );
    const byFile = new Map<string, { row: (typeof rows)[number]; reviews: FileReviewRow[] }>();
    for (const r of rows) {
      const file = byFile.get(r.case_file_id) ?? { row: r, reviews: [] };
      file.reviews.push(r);
      byFile.set(r.case_file_id, file);
    }
    return [...byFile.values()].map(({ row, reviews }) => {
      const { reviewed, score, grade, gradeLabel, reviewIds } = combineFile(reviews);
      return {
        caseFileId: row.case_file_id, departmentId: row.department_id, departmentCode: row.code, departmentName: row.name, caseNumber: row.case_number, title: row.title,
        reviewed, score, grade, gradeLabel, reviewIds,
      };
    });
  }

  /** The campaign's review figures over every drawn file, and how many went past their deadline to the office. */
  async results(campaignId: string): Promise<ReviewResultsDto> {
    await findCampaign(this.dataSource.manager, campaignId);
    const files = await this.fileResults(campaignId, 'true', []);
    const reviewed = files.filter((f) => f.reviewed).map((f) => ({ caseFileId: f.caseFileId, departmentId: f.departmentId, score: f.score!, grade: f.grade as Grade }));
    const [{ escalated }] = await this.dataSource.query(`SELECT count(*)::int AS escalated FROM escalations WHERE campaign_id = $1 AND kind = 'review_overdue'`, [campaignId]);
    return { overall: { sampled: files.length, reviewed: reviewed.length, pending: files.length - reviewed.length, escalated, ...summarizeDepartment(reviewed) } };
  }

  /** One page of departments with drawn files: average score, rates, files still under review. */
  async departmentResults(campaignId: string, q: DepartmentResultsQueryDto): Promise<Page<DepartmentResultDto>> {
    await findCampaign(this.dataSource.manager, campaignId);
    const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const where = `d.id IN (SELECT department_id FROM sampled_files WHERE campaign_id = $1) AND ($2::text IS NULL OR d.code ILIKE $2 OR d.name ILIKE $2)`;
    const [page, [{ total }]] = await Promise.all([
      this.dataSource.query(`SELECT d.id FROM departments d WHERE ${where} ORDER BY d.code COLLATE "C" LIMIT $3 OFFSET $4`, [campaignId, like, q.limit ?? 50, q.offset ?? 0]) as Promise<{ id: string }[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM departments d WHERE ${where}`, [campaignId, like]) as Promise<{ total: number }[]>,
    ]);
    const files = await this.fileResults(campaignId, 's.department_id = ANY($2::uuid[])', [page.map((d) => d.id)]);
    const items = page.map(({ id }) => {
      const own = files.filter((f) => f.departmentId === id);
      const done = own.filter((f) => f.reviewed).map((f) => ({ caseFileId: f.caseFileId, departmentId: id, score: f.score!, grade: f.grade as Grade }));
      return { departmentId: id, code: own[0].departmentCode, name: own[0].departmentName, pending: own.length - done.length, ...summarizeDepartment(done) };
    });
    return { items, total };
  }

  /** One page of drawn files with their combined score and grade. */
  async fileResultsPage(campaignId: string, q: FileResultsQueryDto): Promise<Page<FileResultDto>> {
    await findCampaign(this.dataSource.manager, campaignId);
    const reviewed = `NOT EXISTS (SELECT 1 FROM review_assignments a LEFT JOIN reviews r ON r.assignment_id = a.id AND r.status = 'submitted'
                        WHERE a.campaign_id = s.campaign_id AND a.case_file_id = s.case_file_id AND a.active AND r.id IS NULL)
                      AND EXISTS (SELECT 1 FROM review_assignments a WHERE a.campaign_id = s.campaign_id AND a.case_file_id = s.case_file_id AND a.active)`;
    const status = q.status === 'reviewed' ? `AND ${reviewed}` : q.status === 'pending' ? `AND NOT (${reviewed})` : '';
    const where = `s.campaign_id = $1 AND ($2::uuid IS NULL OR s.department_id = $2) ${status}`;
    const [page, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT s.case_file_id FROM sampled_files s JOIN departments d ON d.id = s.department_id JOIN case_files cf ON cf.id = s.case_file_id
          WHERE ${where} ORDER BY d.code COLLATE "C", cf.case_number COLLATE "C" LIMIT $3 OFFSET $4`,
        [campaignId, q.departmentId ?? null, q.limit ?? 50, q.offset ?? 0],
      ) as Promise<{ case_file_id: string }[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM sampled_files s WHERE ${where}`, [campaignId, q.departmentId ?? null]) as Promise<{ total: number }[]>,
    ]);
    return { items: await this.fileResults(campaignId, 's.case_file_id = ANY($2::uuid[])', [page.map((f) => f.case_file_id)]), total };
  }

  async standards() {
    return this.dataSource.query(`SELECT id, code, version, name, created_at AS "createdAt" FROM scoring_standards ORDER BY code, version`);
  }

  async standard(code: string, version: number) {
    const [row] = await this.dataSource.query(`SELECT id, code, version, name, body FROM scoring_standards WHERE code = $1 AND version = $2`, [code, version]);
    if (!row) throw new DomainError(ErrorCode.NotFound, '评查标准不存在');
    return row;
  }

  /** A new version of a standard; reviews already started keep the version they began with. */
  async publishStandard(actor: AuthUser, dto: NewStandardDto) {
    const standard = dto as unknown as ScoringStandard;
    const errors = validateStandard(standard);
    if (errors.length > 0) throw validationFailed(errors);
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [dto.code]);
      // Publishing the same standard again (a retry, a double click) is not a new version.
      const [latest] = await m.query(`SELECT id, code, version, name, body = $2::jsonb AS same FROM scoring_standards WHERE code = $1 ORDER BY version DESC LIMIT 1`, [dto.code, JSON.stringify(standard)]);
      if (latest?.same && latest.name === dto.name) {
        return { id: latest.id, code: latest.code, version: latest.version, name: latest.name };
      }
      const [{ next }] = await m.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM scoring_standards WHERE code = $1`, [dto.code]);
      const [row] = await m.query(`INSERT INTO scoring_standards (code, version, name, body, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id, code, version, name`, [
        dto.code,
        next,
        dto.name,
        JSON.stringify(standard),
        actor.id,
      ]);
      await recordAudit(m, { actorId: actor.id, action: 'scoring_standard.publish', targetType: 'scoring_standard', targetId: row.id, detail: { code: dto.code, version: next } });
      return row;
    });
  }

  private async reassign(m: EntityManager, a: { campaign_id: string; case_file_id: string; department_id: string; slot: number; rank_key: string }): Promise<number> {
    const [draw] = await m.query(`SELECT seed, rules FROM sample_draws WHERE campaign_id = $1`, [a.campaign_id]);
    const reviewers = await poolReviewers(m, a.campaign_id);
    const conflicts = await poolRecusals(m, reviewers);
    const loads: { reviewer_id: string; n: number }[] = await m.query(`SELECT reviewer_id, count(*)::int AS n FROM review_assignments WHERE campaign_id = $1 AND active GROUP BY reviewer_id`, [a.campaign_id]);
    const onFile: { reviewer_id: string }[] = await m.query(`SELECT reviewer_id FROM review_assignments WHERE campaign_id = $1 AND case_file_id = $2`, [a.campaign_id, a.case_file_id]);
    const { assignments } = assignReviewers({
      files: [{ caseFileId: a.case_file_id, departmentId: a.department_id, rankKey: a.rank_key }],
      reviewers: reviewers.map((r) => ({ reviewerId: r.id, departmentId: r.department_id })),
      conflicts,
      perFile: (draw.rules as DrawRules).reviewersPerFile,
      seed: draw.seed,
      load: Object.fromEntries(loads.map((l) => [l.reviewer_id, l.n])),
      existing: { [a.case_file_id]: onFile.map((o) => o.reviewer_id) },
      slots: { [a.case_file_id]: [a.slot] },
    });
    for (const next of assignments) {
      await m.query(`INSERT INTO review_assignments (campaign_id, case_file_id, reviewer_id, slot) VALUES ($1, $2, $3, $4)`, [a.campaign_id, next.caseFileId, next.reviewerId, next.slot]);
    }
    return assignments.length;
  }

  private async recordFindings(m: EntityManager, row: AssignmentRow, reviewId: string, standard: ScoringStandard, sheet: ScoreSheet): Promise<void> {
    // The latest submitted sheet is what counts: findings of criteria no longer deducted are withdrawn.
    await m.query(`DELETE FROM findings WHERE source = 'review' AND source_key LIKE $1`, [`review:${reviewId}:%`]);
    for (const d of sheet.deductions) {
      await insertFinding(m, { campaignId: row.campaign_id, departmentId: row.department_id, source: 'review', sourceKey: `review:${reviewId}:${d.criterionCode}`, caseFileId: row.case_file_id, criterionCode: d.criterionCode, description: `案卷 ${row.case_number}：${d.note}`, rule: criterionBasis(standard, d.criterionCode) ?? null, points: d.points });
    }
    for (const v of sheet.vetoes) {
      await insertFinding(m, { campaignId: row.campaign_id, departmentId: row.department_id, source: 'review', sourceKey: `review:${reviewId}:${v.criterionCode}`, caseFileId: row.case_file_id, criterionCode: v.criterionCode, description: `案卷 ${row.case_number}：${v.note}`, rule: criterionBasis(standard, v.criterionCode) ?? null });
    }
  }

  /** The assignment, if the caller is its reviewer (or office, when reading). */
  private async assignment(actor: AuthUser, id: string, forUpdate: boolean, m: EntityManager = this.dataSource.manager): Promise<AssignmentRow> {
    const [row]: AssignmentRow[] = await m.query(`${ASSIGNMENT_VIEW} WHERE a.id = $1 AND a.active${forUpdate ? ' FOR UPDATE OF a' : ''}`, [id]);
    if (!row) throw new DomainError(ErrorCode.NotFound, '评查任务不存在');
    if (row.reviewer_id !== actor.id && !(isOffice(actor.role) && !forUpdate)) throw new DomainError(ErrorCode.NotAssigned, '该案卷未分配给您评查');
    return row;
  }

  private async editable(m: EntityManager, actor: AuthUser, id: string): Promise<AssignmentRow> {
    const row = await this.assignment(actor, id, true, m);
    const campaign = await m.getRepository(CampaignEntity).findOneByOrFail({ id: row.campaign_id });
    const now = this.clock.now();
    const { reviewOpensAt, reviewClosesAt } = campaign.calendar;
    if (campaign.closedAt || !reviewOpensAt || now < Date.parse(reviewOpensAt) || (reviewClosesAt && now > Date.parse(reviewClosesAt))) {
      throw new DomainError(ErrorCode.ReviewWindowClosed, '不在评查期间内');
    }
    if (row.status === 'submitted') throw new DomainError(ErrorCode.ReviewNotEditable, '评查已提交；如需修改，须由监督科退回复核');
    return row;
  }

  /** The standard a review uses: the one it started with, else the newest version of the campaign's standard. */
  private async standardRow(m: EntityManager, row: AssignmentRow): Promise<{ standardId: string; standard: ScoringStandard }> {
    if (row.standard_id) {
      const [s] = await m.query(`SELECT id, body FROM scoring_standards WHERE id = $1`, [row.standard_id]);
      return { standardId: s.id, standard: s.body };
    }
    const [{ rules }] = await m.query(`SELECT rules FROM sample_draws WHERE campaign_id = $1`, [row.campaign_id]);
    const [s] = await m.query(`SELECT id, body FROM scoring_standards WHERE code = $1 ORDER BY version DESC LIMIT 1`, [(rules as DrawRules).standardCode]);
    return { standardId: s.id, standard: s.body };
  }

  private async standardFor(row: AssignmentRow) {
    const { standardId, standard } = await this.standardRow(this.dataSource.manager, row);
    const [meta] = await this.dataSource.query(`SELECT code, version FROM scoring_standards WHERE id = $1`, [standardId]);
    return { ...standard, id: standardId, code: meta.code, version: meta.version };
  }
}

function toAssignmentView(r: AssignmentRow) {
  const status = (r.status ?? 'pending') as keyof typeof REVIEW_STATUS_LABELS;
  return {
    assignmentId: r.id,
    campaignId: r.campaign_id,
    campaign: { title: r.campaign_title, year: r.campaign_year, reviewOpensAt: r.review_opens_at, reviewClosesAt: r.review_closes_at },
    status,
    statusLabel: REVIEW_STATUS_LABELS[status],
    caseFile: {
      id: r.case_file_id, departmentId: r.department_id, departmentName: r.department_name, caseNumber: r.case_number,
      caseType: r.case_type, caseTypeLabel: CASE_TYPE_LABELS[r.case_type as CaseType] ?? r.case_type, title: r.title, decisionDate: r.decision_date, scanCount: r.scan_count,
    },
    review: r.review_id
      ? {
          id: r.review_id, status: r.status, sheet: r.sheet, score: r.score === null ? null : Number(r.score), grade: r.grade, gradeLabel: r.grade ? GRADE_LABELS[r.grade as Grade] : null, version: r.version,
          returned: r.status === 'returned' && r.last_return ? { reason: r.last_return.reason, at: new Date(r.last_return.at).toISOString() } : null,
        }
      : null,
  };
}
