import type { EntityManager } from 'typeorm';
import type { AssessmentFacts, EscalationKind, ScoreSheet, ScoringStandard } from '@rol/domain';
import { combineFile } from '../reviews/file-result';

export interface DepartmentRef {
  id: string;
  code: string;
  name: string;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/**
 * What the cycle recorded for every department of a campaign (or one), in a handful of bulk
 * queries: the inputs of `assessDepartment`, which applies the cut-off itself. Reporting SQL on
 * purpose — one pass per kind of event, whatever the number of departments.
 */
export async function collectFacts(m: EntityManager, campaign: { id: string; year: number; calendar: { selfCheckClosesAt?: string } }, only?: string): Promise<{ departments: DepartmentRef[]; facts: Map<string, AssessmentFacts> }> {
  const p = [campaign.id, only ?? null];
  const dep = `($2::uuid IS NULL OR department_id = $2)`;
  const departments: DepartmentRef[] = await m.query(
    `SELECT d.id, d.code, d.name FROM campaign_departments cd JOIN departments d ON d.id = cd.department_id
      WHERE cd.campaign_id = $1 AND ($2::uuid IS NULL OR d.id = $2) ORDER BY d.code COLLATE "C"`,
    p,
  );
  const facts = new Map<string, AssessmentFacts>();
  for (const d of departments) {
    facts.set(d.id, { departmentId: d.id, tasks: [], selfCheck: { closesAt: campaign.calendar.selfCheckClosesAt ?? null, submissions: [] }, files: [], letters: [], items: [], escalations: [], officeScores: {} });
  }
  const of = (id: string) => facts.get(id);

  const [tasks, submissions, letters, items, extensions, escalations, scores] = await Promise.all([
    m.query(`SELECT id, department_id, title, due_at, completed_at FROM tasks WHERE campaign_id = $1 AND ${dep} ORDER BY due_at, id`, p),
    m.query(
      `SELECT s.department_id, v.version, v.submitted_at, v.decision, v.decided_at FROM self_check_versions v JOIN self_checks s ON s.id = v.self_check_id
        WHERE s.campaign_id = $1 AND ($2::uuid IS NULL OR s.department_id = $2) ORDER BY v.version`,
      p,
    ),
    m.query(`SELECT id, department_id, document_number, issued_at, acknowledge_due_at, acknowledged_at FROM opinion_letters WHERE campaign_id = $1 AND status <> 'draft' AND ${dep} ORDER BY issued_at, id`, p),
    // This campaign's items and those carried over into its year; withdrawn items (异议成立) are not rectification.
    m.query(
      `SELECT ri.id, ri.department_id, oi.problem AS title, ri.original_deadline_at, ri.closed_at, co.from_year
         FROM rectification_items ri JOIN opinion_items oi ON oi.id = ri.id
         LEFT JOIN rectification_carryovers co ON co.item_id = ri.id AND co.to_year = $3
        WHERE (ri.campaign_id = $1 OR co.item_id IS NOT NULL) AND ri.status <> 'withdrawn' AND ($2::uuid IS NULL OR ri.department_id = $2)
        ORDER BY ri.original_deadline_at, ri.id`,
      [...p, campaign.year],
    ),
    m.query(
      `SELECT e.item_id, e.decided_at, e.requested_deadline_at FROM extension_requests e JOIN rectification_items ri ON ri.id = e.item_id
         LEFT JOIN rectification_carryovers co ON co.item_id = ri.id AND co.to_year = $3
        WHERE (ri.campaign_id = $1 OR co.item_id IS NOT NULL) AND e.decision = 'approved' AND ($2::uuid IS NULL OR ri.department_id = $2)`,
      [...p, campaign.year],
    ),
    m.query(
      `SELECT e.id::text AS id, e.department_id, e.kind, e.at,
              CASE e.target_type WHEN 'opinion_letter' THEN '监督意见书 ' || coalesce(l.document_number, '') ELSE '整改事项「' || coalesce(oi.problem, '') || '」' END AS subject
         FROM escalations e
         LEFT JOIN opinion_letters l ON e.target_type = 'opinion_letter' AND l.id::text = e.target_id
         LEFT JOIN opinion_items oi ON e.target_type = 'rectification_item' AND oi.id::text = e.target_id
         LEFT JOIN rectification_carryovers co ON e.target_type = 'rectification_item' AND co.item_id::text = e.target_id AND co.to_year = $3
        WHERE e.kind IN ('remind', 'urge', 'interview', 'notice') AND ($2::uuid IS NULL OR e.department_id = $2)
          AND (e.campaign_id = $1 OR (co.item_id IS NOT NULL AND e.at > co.carried_at))
        ORDER BY e.at, e.id`,
      [...p, campaign.year],
    ),
    m.query(`SELECT department_id, indicator_code, score, note, scored_at, attachments FROM assessment_scores WHERE campaign_id = $1 AND ${dep}`, p),
  ]);
  for (const t of tasks) of(t.department_id)?.tasks.push({ id: t.id, title: t.title, dueAt: iso(t.due_at)!, completedAt: iso(t.completed_at) });
  for (const s of submissions) of(s.department_id)?.selfCheck.submissions.push({ version: s.version, submittedAt: iso(s.submitted_at)!, decision: s.decision, decidedAt: iso(s.decided_at) });
  for (const l of letters) of(l.department_id)?.letters.push({ id: l.id, documentNumber: l.document_number, issuedAt: iso(l.issued_at)!, acknowledgeDueAt: iso(l.acknowledge_due_at)!, acknowledgedAt: iso(l.acknowledged_at) });
  const extensionsOf = new Map<string, { approvedAt: string; deadlineAt: string }[]>();
  for (const e of extensions) extensionsOf.set(e.item_id, [...(extensionsOf.get(e.item_id) ?? []), { approvedAt: iso(e.decided_at)!, deadlineAt: iso(e.requested_deadline_at)! }]);
  for (const i of items) {
    of(i.department_id)?.items.push({ id: i.id, title: i.title, originalDeadlineAt: iso(i.original_deadline_at)!, extensions: extensionsOf.get(i.id) ?? [], closedAt: iso(i.closed_at), ...(i.from_year ? { carriedFromYear: i.from_year } : {}) });
  }
  for (const e of escalations) of(e.department_id)?.escalations.push({ id: e.id, kind: e.kind as EscalationKind, at: iso(e.at)!, subject: e.subject });
  for (const s of scores) {
    const f = of(s.department_id);
    if (f) f.officeScores[s.indicator_code] = { score: Number(s.score), note: s.note, scoredAt: iso(s.scored_at)!, attachments: s.attachments };
  }
  for (const file of await reviewedFiles(m, campaign.id, only)) of(file.departmentId)?.files.push(file.fact);
  return { departments, facts };
}

/** Drawn files whose every active review is submitted: combined as the review results combine them (`combineFile`). */
async function reviewedFiles(m: EntityManager, campaignId: string, only?: string): Promise<{ departmentId: string; fact: AssessmentFacts['files'][number] }[]> {
  const rows: { case_file_id: string; department_id: string; case_number: string; review_id: string | null; sheet: ScoreSheet | null; standard_id: string | null; status: string | null; submitted_at: Date | null }[] = await m.query(
    `SELECT s.case_file_id, s.department_id, cf.case_number, r.id AS review_id, r.sheet, r.standard_id, r.status, r.submitted_at
       FROM sampled_files s
       JOIN case_files cf ON cf.id = s.case_file_id
       JOIN review_assignments a ON a.campaign_id = s.campaign_id AND a.case_file_id = s.case_file_id AND a.active
       LEFT JOIN reviews r ON r.assignment_id = a.id
      WHERE s.campaign_id = $1 AND ($2::uuid IS NULL OR s.department_id = $2)
      ORDER BY cf.case_number COLLATE "C"`,
    [campaignId, only ?? null],
  );
  // Each standard version once, not once per sheet.
  const standardIds = [...new Set(rows.map((r) => r.standard_id).filter((x): x is string => x !== null))];
  const standards = new Map<string, ScoringStandard>(
    standardIds.length ? (await m.query(`SELECT id, body FROM scoring_standards WHERE id = ANY($1::uuid[])`, [standardIds])).map((s: { id: string; body: ScoringStandard }) => [s.id, s.body]) : [],
  );
  const byFile = new Map<string, typeof rows>();
  for (const r of rows) byFile.set(r.case_file_id, [...(byFile.get(r.case_file_id) ?? []), r]);
  const out: { departmentId: string; fact: AssessmentFacts['files'][number] }[] = [];
  for (const file of byFile.values()) {
    const combined = combineFile(file.map((r) => ({ review_id: r.review_id, sheet: r.sheet, standard: r.standard_id ? standards.get(r.standard_id) ?? null : null, submitted: r.status === 'submitted', submitted_at: r.submitted_at })));
    if (!combined.reviewed) continue;
    const [{ case_file_id, case_number, department_id }] = file;
    out.push({ departmentId: department_id, fact: { caseFileId: case_file_id, caseNumber: case_number, reviewedAt: combined.reviewedAt!.toISOString(), score: combined.score!, grade: combined.grade!, vetoes: combined.vetoes.map((v) => v.title) } });
  }
  return out;
}
