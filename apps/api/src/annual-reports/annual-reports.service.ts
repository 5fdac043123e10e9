import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ANNUAL_REPORT_SECTIONS,
  DomainError,
  ErrorCode,
  annualReportFigures,
  annualReportTitle,
  combineReviews,
  defaultSectionDraft,
  emptyCounts,
  figureValueText,
  fillSection,
  isAnnualReportSection,
  isOffice,
  quotedFigures,
  scoreSheet,
  shanghaiDate,
  validateSectionBody,
  validationFailed,
  type AnnualReportCounts,
  type AnnualReportFigure,
  type AnnualReportScope,
  type Grade,
  type ScoreSheet,
  type ScoringStandard,
  type SheetResult,
} from '@rol/domain';
import { execute, recordAudit, type CampaignEntity } from '@rol/db';
import type { AuthUser } from '../common/auth-user';
import { findCampaign, ownDepartment, requireCampaignDepartment } from '../common/lookups';
import { OfficeSettingsService } from '../office-settings/office-settings.service';
import { renderAnnualReportDocx } from './annual-report.docx';
import type { AnnualReportDto, AnnualReportFiguresDto, MyAnnualReportDto, SectionVersionBodyDto } from './annual-reports.dto';

interface Scope {
  campaign: CampaignEntity;
  /** null: the office's report for its whole area. */
  departmentId: string | null;
}

const scopeOf = (s: Scope): AnnualReportScope => (s.departmentId ? 'department' : 'office');
/** The key of a report in the audit log and its notifications: '<campaign>' or '<campaign>:<department>'. */
const targetId = (s: Scope) => (s.departmentId ? `${s.campaign.id}:${s.departmentId}` : s.campaign.id);

@Injectable()
export class AnnualReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly office: OfficeSettingsService,
  ) {}

  /** Whose report a caller reads: the office any (the area's by default), a department user only its own. */
  private async readScope(actor: AuthUser, campaignId: string, departmentId?: string): Promise<Scope> {
    const m = this.dataSource.manager;
    const campaign = await findCampaign(m, campaignId);
    if (isOffice(actor.role)) {
      if (departmentId) {
        const [row] = await m.query(`SELECT 1 FROM campaign_departments WHERE campaign_id = $1 AND department_id = $2`, [campaignId, departmentId]);
        if (!row) throw new DomainError(ErrorCode.NotFound, '该部门不在本年度工作周期的范围内，没有年度报告');
      }
      return { campaign, departmentId: departmentId ?? null };
    }
    if (!actor.departmentId) throw new DomainError(ErrorCode.Forbidden, '只有监督科和部门用户可以查看年度报告');
    if (departmentId && departmentId !== actor.departmentId) throw new DomainError(ErrorCode.ForbiddenDepartment, '不能查看其他部门的年度报告');
    await requireCampaignDepartment(m, campaignId, actor.departmentId);
    return { campaign, departmentId: actor.departmentId };
  }

  /** Whose report a caller writes: the office its own, a department user its department's draft. */
  private async writeScope(actor: AuthUser, campaignId: string): Promise<Scope> {
    const campaign = await findCampaign(this.dataSource.manager, campaignId);
    if (isOffice(actor.role)) return { campaign, departmentId: null };
    if (!actor.departmentId) throw new DomainError(ErrorCode.Forbidden, '只有监督科和部门用户可以撰写年度报告');
    await requireCampaignDepartment(this.dataSource.manager, campaignId, actor.departmentId);
    return { campaign, departmentId: actor.departmentId };
  }

  /** The campaigns covering the caller's department, newest first, with its draft's 报送 state. */
  async mine(actor: AuthUser): Promise<MyAnnualReportDto[]> {
    const departmentId = ownDepartment(actor, '查看本单位年度报告');
    const rows: { id: string; year: number; title: string; annual_report_due_at: Date; submitted_at: Date | null }[] = await this.dataSource.query(
      `SELECT c.id, c.year, c.title, c.annual_report_due_at, r.submitted_at
         FROM campaigns c JOIN campaign_departments cd ON cd.campaign_id = c.id AND cd.department_id = $1
         LEFT JOIN annual_reports r ON r.campaign_id = c.id AND r.department_id = $1
        ORDER BY c.year DESC`,
      [departmentId],
    );
    return rows.map((r) => ({ campaignId: r.id, year: r.year, campaignTitle: r.title, dueAt: r.annual_report_due_at.toISOString(), submittedAt: r.submitted_at ? r.submitted_at.toISOString() : null }));
  }

  async figures(actor: AuthUser, campaignId: string, departmentId?: string): Promise<AnnualReportFiguresDto> {
    const scope = await this.readScope(actor, campaignId, departmentId);
    return { scope: scopeOf(scope), departmentId: scope.departmentId, figures: await this.computeFigures(scope) };
  }

  private async computeFigures(scope: Scope): Promise<AnnualReportFigure[]> {
    return annualReportFigures(await this.counts(this.dataSource.manager, scope), scopeOf(scope));
  }

  /** Every figure counted from the recorded rows, for the area ($2 null) or one department. */
  async counts(m: EntityManager, { campaign, departmentId }: Scope): Promise<AnnualReportCounts> {
    const p = [campaign.id, departmentId];
    const dept = (column: string) => `($2::uuid IS NULL OR ${column} = $2::uuid)`;
    const c = emptyCounts();
    const [[covered], [tasks], [selfChecks], [findings], [letters], [items], [rect], [carry], escalations, [assessment]] = await Promise.all([
      m.query(`SELECT count(*)::int AS n FROM campaign_departments WHERE campaign_id = $1 AND ${dept('department_id')}`, p),
      m.query(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'completed')::int AS completed,
                count(*) FILTER (WHERE status = 'completed' AND NOT coalesce(completed_late, false))::int AS on_time,
                count(*) FILTER (WHERE (status = 'completed' AND completed_late) OR (status = 'open' AND overdue_at IS NOT NULL))::int AS overdue
           FROM tasks WHERE campaign_id = $1 AND ${dept('department_id')}`, p),
      m.query(
        `SELECT count(*) FILTER (WHERE first.late IS NOT NULL)::int AS submitted, count(*) FILTER (WHERE first.late = false)::int AS on_time,
                count(*) FILTER (WHERE sc.status = 'accepted')::int AS accepted, count(*) FILTER (WHERE sc.status = 'not_submitted')::int AS not_submitted
           FROM self_checks sc
           LEFT JOIN LATERAL (SELECT v.late FROM self_check_versions v WHERE v.self_check_id = sc.id ORDER BY v.version LIMIT 1) first ON true
          WHERE sc.campaign_id = $1 AND ${dept('sc.department_id')}`, p),
      m.query(`SELECT count(*)::int AS n FROM findings WHERE campaign_id = $1 AND ${dept('department_id')}`, p),
      m.query(
        `SELECT count(*)::int AS issued, count(*) FILTER (WHERE acknowledged_at <= acknowledge_due_at)::int AS in_time
           FROM opinion_letters WHERE campaign_id = $1 AND status <> 'draft' AND ${dept('department_id')}`, p),
      m.query(
        `SELECT count(*)::int AS n FROM opinion_items oi JOIN opinion_letters l ON l.id = oi.letter_id
          WHERE l.campaign_id = $1 AND l.status <> 'draft' AND NOT oi.dropped AND ${dept('l.department_id')}`, p),
      m.query(
        `SELECT count(*) FILTER (WHERE status <> 'withdrawn')::int AS total, count(*) FILTER (WHERE status = 'closed')::int AS closed,
                count(*) FILTER (WHERE status = 'closed' AND closed_on_time)::int AS on_time
           FROM rectification_items WHERE campaign_id = $1 AND ${dept('department_id')}`, p),
      m.query(
        `SELECT count(*) FILTER (WHERE c.from_year = $2)::int AS carried_over, count(*) FILTER (WHERE c.to_year = $2)::int AS carried_in
           FROM rectification_carryovers c JOIN rectification_items ri ON ri.id = c.item_id
          WHERE (c.from_year = $2 OR c.to_year = $2) AND ($1::uuid IS NULL OR ri.department_id = $1::uuid)`, [departmentId, campaign.year]),
      m.query(`SELECT kind, count(*)::int AS n FROM escalations WHERE campaign_id = $1 AND ${dept('department_id')} AND kind IN ('remind', 'urge', 'interview', 'notice') GROUP BY kind`, p),
      m.query(`SELECT version, results FROM assessment_versions WHERE campaign_id = $1 ORDER BY version DESC LIMIT 1`, [campaign.id]),
    ]);
    c.departmentsCovered = covered.n;
    c.tasks = { total: tasks.total, completed: tasks.completed, onTime: tasks.on_time, overdue: tasks.overdue };
    c.selfChecks = { submitted: selfChecks.submitted, onTime: selfChecks.on_time, accepted: selfChecks.accepted, notSubmitted: selfChecks.not_submitted };
    c.findings = findings.n;
    c.letters = { issued: letters.issued, acknowledgedInTime: letters.in_time };
    c.opinionItems = items.n;
    c.rectification = { total: rect.total, closed: rect.closed, closedOnTime: rect.on_time, carriedOver: carry.carried_over, carriedIn: carry.carried_in };
    for (const e of escalations as { kind: keyof AnnualReportCounts['escalations']; n: number }[]) c.escalations[e.kind] = e.n;
    if (assessment) {
      const departments = ((assessment.results as { departments?: { departmentId: string; grade: Grade }[] }).departments ?? []);
      const grades = { excellent: 0, good: 0, pass: 0, fail: 0 } as Record<Grade, number>;
      for (const d of departments) if (d.grade in grades) grades[d.grade]++;
      c.assessment = { version: assessment.version, grades, ownGrade: departmentId ? (departments.find((d) => d.departmentId === departmentId)?.grade ?? null) : undefined };
    }
    // Drawn files and their combined result, as the review stage computes it (every active reviewer submitted).
    const rows: { case_file_id: string; department_id: string; sheet: ScoreSheet | null; standard: ScoringStandard | null; submitted: boolean | null }[] = await m.query(
      `SELECT s.case_file_id, s.department_id, r.sheet, st.body AS standard, (r.status = 'submitted') AS submitted
         FROM sampled_files s
         LEFT JOIN review_assignments a ON a.campaign_id = s.campaign_id AND a.case_file_id = s.case_file_id AND a.active
         LEFT JOIN reviews r ON r.assignment_id = a.id
         LEFT JOIN scoring_standards st ON st.id = r.standard_id
        WHERE s.campaign_id = $1 AND ${dept('s.department_id')}`, p);
    const files = new Map<string, { department: string; sheets: SheetResult[]; standard?: ScoringStandard; pending: number }>();
    for (const r of rows) {
      const f = files.get(r.case_file_id) ?? { department: r.department_id, sheets: [], pending: 0 };
      if (r.submitted && r.standard && r.sheet) {
        f.sheets.push(scoreSheet(r.standard, r.sheet));
        f.standard ??= r.standard;
      } else f.pending++;
      files.set(r.case_file_id, f);
    }
    c.files.drawn = files.size;
    c.departmentsReviewed = new Set([...files.values()].map((f) => f.department)).size;
    for (const f of files.values()) {
      if (f.pending > 0 || f.sheets.length === 0) continue;
      const { score, grade } = combineReviews(f.sheets, f.standard);
      c.files.reviewed++;
      c.files.scoreSum += score;
      if (grade !== 'fail') c.files.passing++;
      if (grade === 'excellent') c.files.excellent++;
      if (f.sheets.some((s) => s.vetoed)) c.files.vetoed++;
    }
    return c;
  }

  private async reportRow(m: EntityManager, s: Scope): Promise<{ id: string; submitted_at: Date | null; submitted_by_name: string | null } | undefined> {
    const [row] = await m.query(
      `SELECT r.id, r.submitted_at, u.display_name AS submitted_by_name FROM annual_reports r LEFT JOIN users u ON u.id = r.submitted_by
        WHERE r.campaign_id = $1 AND r.department_id IS NOT DISTINCT FROM $2::uuid`,
      [s.campaign.id, s.departmentId],
    );
    return row;
  }

  private async issuer(s: Scope): Promise<string> {
    if (!s.departmentId) return (await this.office.current()).officeName;
    const [d] = await this.dataSource.query(`SELECT name FROM departments WHERE id = $1`, [s.departmentId]);
    return d.name;
  }

  async get(actor: AuthUser, campaignId: string, departmentId?: string): Promise<AnnualReportDto> {
    return this.view(await this.readScope(actor, campaignId, departmentId));
  }

  private async view(s: Scope): Promise<AnnualReportDto> {
    const [report, figures, issuer] = await Promise.all([this.reportRow(this.dataSource.manager, s), this.computeFigures(s), this.issuer(s)]);
    const versions: { section: string; version: number; body: string; saved_at: Date; saved_by: string }[] = report
      ? await this.dataSource.query(
          `SELECT v.section, v.version, v.body, v.saved_at, u.display_name AS saved_by FROM annual_report_sections v JOIN users u ON u.id = v.saved_by
            WHERE v.report_id = $1 ORDER BY v.section, v.version DESC`,
          [report.id],
        )
      : [];
    return {
      campaignId: s.campaign.id,
      year: s.campaign.year,
      scope: scopeOf(s),
      departmentId: s.departmentId,
      issuer,
      title: annualReportTitle(issuer, s.campaign.year),
      dueAt: s.campaign.annualReportDueAt.toISOString(),
      submittedAt: report?.submitted_at ? new Date(report.submitted_at).toISOString() : null,
      submittedBy: report?.submitted_by_name ?? null,
      sections: ANNUAL_REPORT_SECTIONS.map(({ code, title }) => {
        const own = versions.filter((v) => v.section === code);
        const body = own[0]?.body ?? defaultSectionDraft(code, scopeOf(s));
        return {
          code, title, body, filled: fillSection(body, figures), version: own[0]?.version ?? 0,
          versions: own.map((v) => ({ version: v.version, savedAt: new Date(v.saved_at).toISOString(), savedBy: v.saved_by })),
        };
      }),
      figures,
    };
  }

  private section(code: string) {
    if (!isAnnualReportSection(code)) {
      throw validationFailed([{ field: 'section', code: 'UNKNOWN_SECTION', message: `没有这一节：${code}。年度报告的五节为 ${ANNUAL_REPORT_SECTIONS.map((x) => `${x.code}（${x.title}）`).join('、')}` }]);
    }
    return code;
  }

  /** Saves a section as a new version; the same text again is not a new version. */
  async saveSection(actor: AuthUser, campaignId: string, sectionCode: string, body: string): Promise<AnnualReportDto> {
    const section = this.section(sectionCode);
    const errors = validateSectionBody(body);
    if (errors.length > 0) throw validationFailed(errors);
    const s = await this.writeScope(actor, campaignId);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO annual_reports (campaign_id, department_id) VALUES ($1, $2) ON CONFLICT (campaign_id, department_id) DO NOTHING`,
        [s.campaign.id, s.departmentId],
      );
      const [report] = await m.query(`SELECT id, submitted_at FROM annual_reports WHERE campaign_id = $1 AND department_id IS NOT DISTINCT FROM $2::uuid FOR UPDATE`, [s.campaign.id, s.departmentId]);
      if (report.submitted_at) throw new DomainError(ErrorCode.AnnualReportSubmitted, '年度报告已报送，不能再修改');
      const [latest] = await m.query(`SELECT version, body FROM annual_report_sections WHERE report_id = $1 AND section = $2 ORDER BY version DESC LIMIT 1`, [report.id, section]);
      if (latest?.body === body) return; // saved again unchanged (a retry, a double click): no new version
      if (!latest && body === defaultSectionDraft(section, scopeOf(s))) return; // the default draft as shown: nothing to keep
      const version = (latest?.version ?? 0) + 1;
      await m.query(`INSERT INTO annual_report_sections (report_id, section, version, body, saved_by) VALUES ($1, $2, $3, $4, $5)`, [report.id, section, version, body, actor.id]);
      await recordAudit(m, { actorId: actor.id, action: 'annual_report.section_save', targetType: 'annual_report', targetId: targetId(s), detail: { section, version } });
    });
    return this.view(s);
  }

  async versions(actor: AuthUser, campaignId: string, sectionCode: string, departmentId?: string): Promise<SectionVersionBodyDto[]> {
    const section = this.section(sectionCode);
    const s = await this.readScope(actor, campaignId, departmentId);
    const report = await this.reportRow(this.dataSource.manager, s);
    if (!report) return [];
    const [rows, figures] = await Promise.all([
      this.dataSource.query(
        `SELECT v.version, v.body, v.saved_at, u.display_name AS saved_by FROM annual_report_sections v JOIN users u ON u.id = v.saved_by
          WHERE v.report_id = $1 AND v.section = $2 ORDER BY v.version DESC`,
        [report.id, section],
      ) as Promise<{ version: number; body: string; saved_at: Date; saved_by: string }[]>,
      this.computeFigures(s),
    ]);
    return rows.map((v) => ({ version: v.version, body: v.body, filled: fillSection(v.body, figures), savedAt: new Date(v.saved_at).toISOString(), savedBy: v.saved_by }));
  }

  /** 报送: once; submitting again answers the report as it stands. */
  async submit(actor: AuthUser, campaignId: string): Promise<AnnualReportDto> {
    const s = await this.writeScope(actor, campaignId);
    await this.dataSource.transaction(async (m) => {
      await m.query(`INSERT INTO annual_reports (campaign_id, department_id) VALUES ($1, $2) ON CONFLICT (campaign_id, department_id) DO NOTHING`, [s.campaign.id, s.departmentId]);
      const { affected } = await execute(
        m,
        `UPDATE annual_reports SET submitted_at = now(), submitted_by = $3 WHERE campaign_id = $1 AND department_id IS NOT DISTINCT FROM $2::uuid AND submitted_at IS NULL`,
        [s.campaign.id, s.departmentId, actor.id],
      );
      if (affected) {
        await recordAudit(m, { actorId: actor.id, action: s.departmentId ? 'annual_report.department_submit' : 'annual_report.submit', targetType: 'annual_report', targetId: targetId(s) });
      }
    });
    return this.view(s);
  }

  async docx(actor: AuthUser, campaignId: string, departmentId?: string): Promise<{ filename: string; body: Buffer }> {
    const report = await this.view(await this.readScope(actor, campaignId, departmentId));
    const sections = report.sections.map((x) => ({ title: x.title, text: x.filled }));
    const quoted = quotedFigures(report.sections.map((x) => x.body), report.figures);
    const body = await renderAnnualReportDocx({
      title: report.title,
      issuer: report.issuer,
      year: report.year,
      date: shanghaiDate(report.submittedAt ? Date.parse(report.submittedAt) : Date.now()),
      sections,
      figures: quoted.map((f) => ({ label: f.label, value: figureValueText(f), counts: f.counts })),
    });
    return { filename: `${report.title}.docx`, body };
  }
}

