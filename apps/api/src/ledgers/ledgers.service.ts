import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, ESCALATION_KINDS, ErrorCode, LEDGER_KINDS, LEDGER_TITLES, Role, isLedgerKind, ledgerFileName, shanghaiDate, validationFailed, workingDaysBetween, type LedgerKind, type OfficialCalendars, type ScoreSheet, type ScoringStandard } from '@rol/domain';
import { DepartmentEntity, loadCalendars } from '@rol/db';
import type { AuthUser } from '../common/auth-user';
import { findCampaign, requireCampaignDepartment } from '../common/lookups';
import { combineFile, type FileReviewRow } from '../reviews/file-result';
import {
  LETTER_COLUMNS,
  RECTIFICATION_COLUMNS,
  REVIEW_RESULT_COLUMNS,
  SELF_CHECK_COLUMNS,
  TASK_COLUMNS,
  assessmentColumns,
  type AssessmentRow,
  type Column,
  type ReviewResultRow,
  type TaskRow,
} from './ledger-columns';

/** Rows fetched from the cursor at a time: the most a ledger holds in memory, whatever its size. */
export const LEDGER_BATCH = 500;

export interface Ledger<R = unknown> {
  fileName: string;
  sheetName: string;
  columns: Column<R>[];
  batches: AsyncIterable<R[]>;
}

/** The kind in the path, or 400 naming the field and the kinds there are. */
export function parseLedgerKind(value: string): LedgerKind {
  if (isLedgerKind(value)) return value;
  throw validationFailed([{ field: 'kind', code: 'NOT_ALLOWED_VALUE', message: `kind 取值不在允许范围内（可选：${LEDGER_KINDS.map((k) => `${k}（${LEDGER_TITLES[k]}）`).join('、')}）` }], '没有这种台账：请按 errors 中的说明选择');
}

/**
 * 台账: each ledger is read through a server-side cursor (DECLARE … FETCH, in one read-only
 * REPEATABLE READ transaction: a consistent snapshot) and handed on batch by batch, so a ledger of
 * a million rows never sits in memory. The office gets every department; a department user only its own.
 */
@Injectable()
export class LedgersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Everything that can refuse the download is checked here, before the first byte is sent. */
  async open(actor: AuthUser, campaignId: string, kind: LedgerKind): Promise<Ledger> {
    const campaign = await findCampaign(this.dataSource.manager, campaignId);
    let scope: string | null = null;
    let departmentName: string | undefined;
    if (actor.role === Role.DepartmentUser) {
      if (!actor.departmentId) throw new DomainError(ErrorCode.Forbidden, '您的账号未关联部门，不能导出台账；请联系监督科');
      await requireCampaignDepartment(this.dataSource.manager, campaignId, actor.departmentId);
      scope = actor.departmentId;
      departmentName = (await this.dataSource.manager.findOne(DepartmentEntity, { select: { id: true, name: true }, where: { id: scope } }))?.name;
    }
    const base = { fileName: ledgerFileName(campaign.year, kind, departmentName), sheetName: LEDGER_TITLES[kind] };
    const params = [campaignId, scope];
    switch (kind) {
      case 'tasks':
        return { ...base, columns: TASK_COLUMNS, batches: this.tasks(params) } as Ledger;
      case 'self-checks':
        return { ...base, columns: SELF_CHECK_COLUMNS, batches: this.cursor(SELF_CHECKS_SQL, params) } as Ledger;
      case 'review-results':
        return { ...base, columns: REVIEW_RESULT_COLUMNS, batches: this.reviewResults(params) } as Ledger;
      case 'letters':
        return { ...base, columns: LETTER_COLUMNS, batches: this.cursor(LETTERS_SQL, params) } as Ledger;
      case 'rectification':
        return { ...base, columns: RECTIFICATION_COLUMNS, batches: this.cursor(RECTIFICATION_SQL, [...params, campaign.year, ESCALATION_KINDS]) } as Ledger;
      case 'assessment':
        return { ...base, ...(await this.assessment(campaignId, scope)) } as Ledger;
    }
  }

  /** Batches of rows of `sql` through a server-side cursor; the cursor and its connection are released when the reader stops. */
  private async *cursor<T>(sql: string, params: unknown[]): AsyncGenerator<T[]> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`);
      await runner.query(`DECLARE ledger_rows NO SCROLL CURSOR FOR ${sql}`, params);
      for (;;) {
        const rows: T[] = await runner.query(`FETCH ${LEDGER_BATCH} FROM ledger_rows`);
        if (rows.length === 0) break;
        yield rows;
        if (rows.length < LEDGER_BATCH) break;
      }
    } finally {
      await runner.query(`ROLLBACK`).catch(() => undefined);
      await runner.release();
    }
  }

  private async *tasks(params: unknown[]): AsyncGenerator<TaskRow[]> {
    const calendars = await loadCalendars(this.dataSource.manager);
    const now = Date.now();
    for await (const batch of this.cursor<TaskRow & { completed_late: boolean | null }>(TASKS_SQL, params)) {
      yield batch.map((r) => taskRow(r, now, calendars));
    }
  }

  /** Rows are ordered by file, so a file's assignments arrive together (a file cut by a batch is completed by the next). */
  private async *reviewResults(params: unknown[]): AsyncGenerator<ReviewResultRow[]> {
    const standards = new Map<string, ScoringStandard>();
    let current: { head: FileRow; reviews: FileReviewRow[] } | null = null;
    const finish = ({ head, reviews }: { head: FileRow; reviews: FileReviewRow[] }): ReviewResultRow => {
      const file = combineFile(reviews);
      return {
        department_code: head.department_code, department_name: head.department_name, case_number: head.case_number, title: head.title, case_type: head.case_type, decision_date: head.decision_date,
        reviewed: file.reviewed, reviewers: file.sheets.length, score: file.score, grade: file.grade, vetoes: file.vetoes, reviewed_at: file.reviewedAt,
      };
    };
    for await (const batch of this.cursor<FileRow>(REVIEW_RESULTS_SQL, params)) {
      const missing = [...new Set(batch.map((r) => r.standard_id).filter((id): id is string => !!id && !standards.has(id)))];
      if (missing.length) {
        for (const s of await this.dataSource.query(`SELECT id, body FROM scoring_standards WHERE id = ANY($1::uuid[])`, [missing])) standards.set(s.id, s.body);
      }
      const out: ReviewResultRow[] = [];
      for (const r of batch) {
        if (current && current.head.case_file_id !== r.case_file_id) {
          out.push(finish(current));
          current = null;
        }
        current ??= { head: r, reviews: [] };
        if (r.assignment_id) current.reviews.push({ review_id: r.review_id, sheet: r.sheet, standard: r.standard_id ? standards.get(r.standard_id)! : null, submitted: r.submitted === true, submitted_at: r.submitted_at });
        else current.reviews.push({ review_id: null, sheet: null, standard: null, submitted: false }); // drawn, not yet assigned: pending
      }
      if (out.length) yield out;
    }
    if (current) yield [finish(current)];
  }

  /** 考核得分表 from the latest published version; 409 while none is published. */
  private async assessment(campaignId: string, scope: string | null): Promise<Pick<Ledger<AssessmentRow>, 'columns' | 'batches'>> {
    const [latest]: { version: number; as_of: Date; results: { asOf: string; departments: (AssessmentRow & { departmentId: string })[] } }[] = await this.dataSource.query(
      `SELECT version, as_of, results FROM assessment_versions WHERE campaign_id = $1 ORDER BY version DESC LIMIT 1`,
      [campaignId],
    );
    if (!latest) throw new DomainError(ErrorCode.AssessmentNotPublished, '本年度考核结果尚未发布，发布后才能导出考核得分表');
    const departments = latest.results.departments ?? [];
    const levelOne = (departments[0]?.indicators ?? []).map(({ code, name, points }) => ({ code, name, points }));
    const rows = departments.filter((d) => scope === null || d.departmentId === scope).sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
    async function* batches() {
      for (let i = 0; i < rows.length; i += LEDGER_BATCH) yield rows.slice(i, i + LEDGER_BATCH);
    }
    return { columns: assessmentColumns(levelOne, latest.version, latest.results.asOf ?? latest.as_of.toISOString()), batches: batches() };
  }
}

interface FileRow {
  case_file_id: string;
  department_code: string;
  department_name: string;
  case_number: string;
  title: string;
  case_type: ReviewResultRow['case_type'];
  decision_date: string;
  assignment_id: string | null;
  review_id: string | null;
  sheet: ScoreSheet | null;
  standard_id: string | null;
  submitted: boolean | null;
  submitted_at: Date | null;
}

/** Late: completed after its deadline, or still open past it; working days late counted on the official calendar. */
export function taskRow(r: TaskRow & { completed_late: boolean | null }, nowMs: number, calendars?: OfficialCalendars): TaskRow {
  const due = new Date(r.due_at).getTime();
  const end = r.completed_at ? new Date(r.completed_at).getTime() : nowMs;
  const overdue = r.completed_at ? (r.completed_late ?? end > due) : nowMs > due;
  let days: number | null = null;
  if (overdue) {
    try {
      days = workingDaysBetween(shanghaiDate(due), shanghaiDate(end), calendars);
    } catch {
      days = null; // a year the official calendar does not have yet
    }
  }
  return { ...r, overdue, overdue_working_days: days };
}

// `$1` the campaign, `$2` the department a department user is limited to (null: every department).
const TASKS_SQL = `
  SELECT d.code AS department_code, d.name AS department_name, p.code AS priority_code, p.title AS priority_title, t.title, t.due_at, t.status,
         t.completed_at, t.completed_late, t.completion_note, t.reminded_at
    FROM tasks t
    JOIN departments d ON d.id = t.department_id
    JOIN work_priorities p ON p.id = t.priority_id
   WHERE t.campaign_id = $1 AND ($2::uuid IS NULL OR t.department_id = $2)
   ORDER BY d.code COLLATE "C", p.code COLLATE "C", t.due_at, t.id`;

const SELF_CHECKS_SQL = `
  SELECT d.code AS department_code, d.name AS department_name, sc.status, coalesce(n.versions, 0) AS versions,
         lv.submitted_at, lv.late, lv.decision, lv.decided_at, lv.comment,
         (SELECT count(*)::int FROM findings f WHERE f.campaign_id = cd.campaign_id AND f.department_id = cd.department_id AND f.source = 'verification') AS findings
    FROM campaign_departments cd
    JOIN departments d ON d.id = cd.department_id
    LEFT JOIN self_checks sc ON sc.campaign_id = cd.campaign_id AND sc.department_id = cd.department_id
    LEFT JOIN LATERAL (SELECT submitted_at, late, decision, decided_at, comment FROM self_check_versions WHERE self_check_id = sc.id ORDER BY version DESC LIMIT 1) lv ON true
    LEFT JOIN LATERAL (SELECT count(*)::int AS versions FROM self_check_versions WHERE self_check_id = sc.id) n ON true
   WHERE cd.campaign_id = $1 AND ($2::uuid IS NULL OR cd.department_id = $2)
   ORDER BY d.code COLLATE "C"`;

const REVIEW_RESULTS_SQL = `
  SELECT s.case_file_id, d.code AS department_code, d.name AS department_name, cf.case_number, cf.title, cf.case_type,
         to_char(cf.decision_date, 'YYYY-MM-DD') AS decision_date,
         a.id AS assignment_id, r.id AS review_id, r.sheet, r.standard_id, (r.status = 'submitted') AS submitted, r.submitted_at
    FROM sampled_files s
    JOIN departments d ON d.id = s.department_id
    JOIN case_files cf ON cf.id = s.case_file_id
    LEFT JOIN review_assignments a ON a.campaign_id = s.campaign_id AND a.case_file_id = s.case_file_id AND a.active
    LEFT JOIN reviews r ON r.assignment_id = a.id
   WHERE s.campaign_id = $1 AND ($2::uuid IS NULL OR s.department_id = $2)
   ORDER BY d.code COLLATE "C", cf.case_number COLLATE "C", s.case_file_id, a.slot`;

const LETTERS_SQL = `
  SELECT l.document_number, d.code AS department_code, d.name AS department_name, l.status, l.issued_at, l.acknowledge_due_at, l.acknowledged_at,
         i.position, i.problem, i.rule, i.action, i.deadline, i.deadline_at
    FROM opinion_letters l
    JOIN departments d ON d.id = l.department_id
    LEFT JOIN opinion_items i ON i.letter_id = l.id AND NOT i.dropped
   WHERE l.campaign_id = $1 AND l.status <> 'draft' AND ($2::uuid IS NULL OR l.department_id = $2)
   ORDER BY l.year, l.sequence, i.position`;

// `$3` the campaign's year (items carried over into it are listed too, with their own 文号), `$4` the escalation kinds.
const RECTIFICATION_SQL = `
  SELECT d.code AS department_code, d.name AS department_name, l.document_number, i.position, i.problem, i.action,
         r.original_deadline_at, r.deadline_at, r.status, r.round, r.objection, r.closed_at, r.closed_on_time,
         (SELECT max(rr.submitted_at) FROM rectification_reports rr WHERE rr.item_id = r.id) AS last_report_at,
         coalesce((SELECT json_agg(json_build_object('decision', e.decision, 'requested_deadline_at', e.requested_deadline_at, 'decided_at', e.decided_at) ORDER BY e.seq)
                     FROM extension_requests e WHERE e.item_id = r.id), '[]') AS extensions,
         coalesce((SELECT json_agg(json_build_object('kind', x.kind, 'at', x.at) ORDER BY x.at)
                     FROM escalations x WHERE x.kind = ANY($4::text[]) AND x.target_type = 'rectification_item' AND x.target_id = r.id::text), '[]') AS escalations,
         (SELECT max(co.from_year) FROM rectification_carryovers co WHERE co.item_id = r.id AND co.to_year = $3) AS carried_from,
         (SELECT max(co.to_year) FROM rectification_carryovers co WHERE co.item_id = r.id AND co.from_year = $3) AS carried_to
    FROM rectification_items r
    JOIN opinion_items i ON i.id = r.id
    JOIN opinion_letters l ON l.id = r.letter_id
    JOIN departments d ON d.id = r.department_id
   WHERE (r.campaign_id = $1 OR r.id IN (SELECT item_id FROM rectification_carryovers WHERE to_year = $3))
     AND ($2::uuid IS NULL OR r.department_id = $2)
   ORDER BY d.code COLLATE "C", l.year, l.sequence, i.position, r.id`;
