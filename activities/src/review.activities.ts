import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { CycleActivities, DrawOutcome } from '@rol/contracts';
import { assignReviewers, buildReviewerProof, candidateLine, rateBasisPoints, rulesHash, type DrawRules, type SampledFile } from '@rol/domain';
import { poolRecusals, poolReviewers, recordAudit } from '@rol/db';
import { activityLog, heartbeat } from './activity-context';

type ReviewActivities = Pick<CycleActivities, 'performDraw' | 'escalateUnfinishedReviews'>;

const BATCH = 50_000;

export interface ReviewActivityOptions {
  /** Departments per draw batch (one short transaction each; DRAW_BATCH_DEPARTMENTS in the config); default 50. */
  drawBatchDepartments?: number;
  /** Called after each draw batch committed (tests: fail the activity after N batches, as a dying worker would). */
  afterDrawBatch?: (batch: { batches: number; lastDepartmentCode: string }) => void | Promise<void>;
}

interface DrawRun {
  phase: 'selecting' | 'selected' | 'recorded';
  last_department_code: string | null;
  batches: number;
  departments: number;
  candidate_count: number;
  sample_count: number;
}

/**
 * 抽取 and 评查. The draw (docs/draw-verification.md) runs in batches of departments, in department-code
 * order (`COLLATE "C"`), each batch one short transaction that freezes the batch's candidates into
 * draw_candidates (ordinals continuing the list), ranks them in PostgreSQL
 * (rankKey = hex(sha256(utf8(seed ‖ "\n" ‖ code ‖ "\n" ‖ caseNumber)))), applies each department's quota
 * and inserts the selected files, and moves the progress marker (draw_runs) past the batch. A retry after
 * the worker died resumes after the last committed batch. Then the frozen list is hashed (read only) and
 * the reviewers are assigned; the assignments, sample_draws (one per campaign) and the audit row are
 * written together once: a retry after that returns the recorded counts and writes nothing.
 */
export function createReviewActivities(dataSource: DataSource, options: ReviewActivityOptions = {}): ReviewActivities {
  const perBatch = options.drawBatchDepartments ?? 50;
  return {
    async performDraw({ campaignId, actorId, at }) {
      const [config] = await dataSource.query(`SELECT rules, seed, seed_hash FROM draw_configs WHERE campaign_id = $1`, [campaignId]);
      const [done] = await dataSource.query(`SELECT candidate_count, sample_count, rules FROM sample_draws WHERE campaign_id = $1`, [campaignId]);
      if (done) return recordedOutcome(dataSource.manager, campaignId, done);
      if (!config?.seed) throw new Error(`campaign ${campaignId} has no committed seed`);
      const rules = config.rules as DrawRules;
      const seed = config.seed as string;
      const bp = rateBasisPoints(rules.rate);
      if (bp === undefined) throw new Error(`draw rate ${rules.rate} is not a whole number of basis points`);

      const timings: Record<string, number> = {};
      let mark = Date.now();
      const lap = (name: string) => ((timings[name] = Date.now() - mark), (mark = Date.now()));
      // 1. Select, batch by batch.
      for (;;) {
        const step = await dataSource.transaction(async (m) => {
          await m.query(`INSERT INTO draw_runs (campaign_id) VALUES ($1) ON CONFLICT (campaign_id) DO NOTHING`, [campaignId]);
          const [run]: DrawRun[] = await m.query(`SELECT * FROM draw_runs WHERE campaign_id = $1 FOR UPDATE`, [campaignId]);
          if (run.phase !== 'selecting') return { run, more: false };
          const [r] = await m.query(
            `WITH depts AS (
               SELECT d.id, d.code FROM departments d
                 JOIN campaign_departments cd ON cd.department_id = d.id AND cd.campaign_id = $1
                WHERE ($4::uuid[] IS NULL OR d.id = ANY ($4::uuid[]))
                  AND ($6::text IS NULL OR d.code COLLATE "C" > $6)
                ORDER BY d.code COLLATE "C" LIMIT $7
             ), cand AS (
               SELECT cf.id, d.id AS department_id, d.code, cf.case_number, cf.case_type, cf.decision_date
                 FROM depts d JOIN case_files cf ON cf.department_id = d.id
                WHERE cf.decision_date BETWEEN $2::date AND $3::date
                  AND ($5::text[] IS NULL OR cf.status = ANY ($5::text[]))
             ), frozen AS (
               INSERT INTO draw_candidates (campaign_id, ordinal, case_file_id, department_id, department_code, case_number, case_type, decision_date)
               SELECT $1, $8::int + row_number() OVER (ORDER BY code COLLATE "C", case_number COLLATE "C"), id, department_id, code, case_number, case_type, decision_date
                 FROM cand
               RETURNING 1
             ), ranked AS (
               SELECT c.id, c.department_id, c.case_type,
                      encode(sha256(convert_to($9::text || chr(10) || c.code || chr(10) || c.case_number, 'UTF8')), 'hex') COLLATE "C" AS rank_key
                 FROM cand c
             ), placed AS (
               SELECT id, department_id, rank_key, count(*) OVER (PARTITION BY department_id) AS k,
                      row_number() OVER (PARTITION BY department_id ORDER BY CASE WHEN $10::boolean AND first_of_type THEN 0 ELSE 1 END, rank_key) AS pos
                 FROM (SELECT *, row_number() OVER (PARTITION BY department_id, case_type ORDER BY rank_key) = 1 AS first_of_type FROM ranked) t
             ), chosen AS (
               INSERT INTO sampled_files (campaign_id, case_file_id, department_id, rank_key)
               SELECT $1, id, department_id, rank_key FROM placed
                WHERE pos <= least(k, greatest($12::bigint, least($13::bigint, ($11::bigint * k + 5000) / 10000)))
               RETURNING 1
             )
             SELECT (SELECT count(*)::int FROM depts) AS departments, (SELECT max(code COLLATE "C") FROM depts) AS last_code,
                    (SELECT count(*)::int FROM frozen) AS candidates, (SELECT count(*)::int FROM chosen) AS sampled`,
            [
              campaignId, rules.period.from, rules.period.to, rules.departmentIds === 'all' ? null : rules.departmentIds,
              // Rules recorded before the status filter existed have no statuses: every status is a candidate.
              rules.statuses ?? null,
              run.last_department_code, perBatch, run.candidate_count, seed, rules.caseTypeCoverage, bp, rules.min, rules.max,
            ],
          );
          if (r.departments === 0) {
            await m.query(`UPDATE draw_runs SET phase = 'selected', updated_at = now() WHERE campaign_id = $1`, [campaignId]);
            return { run: { ...run, phase: 'selected' as const }, more: false };
          }
          const [[next]]: [DrawRun[]] = await m.query(
            `UPDATE draw_runs SET last_department_code = $2, batches = batches + 1, departments = departments + $3,
                    candidate_count = candidate_count + $4, sample_count = sample_count + $5, updated_at = now()
              WHERE campaign_id = $1 RETURNING *`,
            [campaignId, r.last_code, r.departments, r.candidates, r.sampled],
          );
          return { run: next, more: true };
        });
        heartbeat({ batches: step.run.batches, departments: step.run.departments, candidates: step.run.candidate_count, sampled: step.run.sample_count });
        if (!step.more) break;
        await options.afterDrawBatch?.({ batches: step.run.batches, lastDepartmentCode: step.run.last_department_code! });
      }

      lap('selectMs');
      // 2. Hash the frozen list (committed, never changed again: read without a transaction).
      const listHash = createHash('sha256');
      let count = 0;
      for (let from = 0; ; from += BATCH) {
        const rows: Parameters<typeof candidateLine>[0][] = await dataSource.query(
          `SELECT department_code AS "departmentCode", case_number AS "caseNumber", case_type AS "caseType", to_char(decision_date, 'YYYY-MM-DD') AS "decisionDate"
             FROM draw_candidates WHERE campaign_id = $1 AND ordinal > $2 AND ordinal <= $3 ORDER BY ordinal`,
          [campaignId, from, from + BATCH],
        );
        for (const r of rows) listHash.update(`${candidateLine(r)}\n`);
        count += rows.length;
        heartbeat({ hashed: count });
        if (rows.length < BATCH) break;
      }
      const candidateHash = listHash.digest('hex');
      lap('hashMs');

      // 3. Assign the reviewers and record the draw, once.
      return dataSource.transaction(async (m) => {
        await m.query(`SELECT 1 FROM draw_configs WHERE campaign_id = $1 FOR UPDATE`, [campaignId]);
        const [again] = await m.query(`SELECT candidate_count, sample_count, rules FROM sample_draws WHERE campaign_id = $1`, [campaignId]);
        if (again) return recordedOutcome(m, campaignId, again);
        const sample: SampledFile[] = (
          await m.query(
            `SELECT s.case_file_id, s.department_id, d.code, cf.case_number, cf.case_type, to_char(cf.decision_date, 'YYYY-MM-DD') AS decision_date, s.rank_key
               FROM sampled_files s JOIN case_files cf ON cf.id = s.case_file_id JOIN departments d ON d.id = s.department_id
              WHERE s.campaign_id = $1 ORDER BY d.code COLLATE "C", s.rank_key COLLATE "C"`,
            [campaignId],
          )
        ).map((r: { case_file_id: string; department_id: string; code: string; case_number: string; case_type: SampledFile['caseType']; decision_date: string; rank_key: string }) => ({
          caseFileId: r.case_file_id, departmentId: r.department_id, departmentCode: r.code, caseNumber: r.case_number, caseType: r.case_type, decisionDate: r.decision_date, rankKey: r.rank_key,
        }));
        const reviewers = await poolReviewers(m, campaignId);
        const conflicts = await poolRecusals(m, reviewers);
        const candidates = reviewers.map((r) => ({ reviewerId: r.id, departmentId: r.department_id }));
        const { assignments, unassigned } = assignReviewers({
          files: sample.map((s) => ({ caseFileId: s.caseFileId, departmentId: s.departmentId, rankKey: s.rankKey })),
          reviewers: candidates,
          conflicts,
          perFile: rules.reviewersPerFile,
          seed,
        });
        const proof = buildReviewerProof({ seed, sample, reviewers: candidates, conflicts, assignments, perFile: rules.reviewersPerFile });
        heartbeat({ assigned: assignments.length });
        for (let i = 0; i < assignments.length; i += BATCH) {
          const part = assignments.slice(i, i + BATCH);
          await m.query(
            `INSERT INTO review_assignments (campaign_id, case_file_id, reviewer_id, slot, assigned_at)
             SELECT $1, f, r, s, $5 FROM unnest($2::uuid[], $3::uuid[], $4::int[]) AS t(f, r, s)`,
            [campaignId, part.map((a) => a.caseFileId), part.map((a) => a.reviewerId), part.map((a) => a.slot), at],
          );
        }
        await m.query(
          `INSERT INTO sample_draws (campaign_id, seed, seed_hash, rules, rules_hash, candidate_count, candidate_hash, sample_count, drawn_at, drawn_by, reviewer_proof)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [campaignId, seed, config.seed_hash, JSON.stringify(rules), rulesHash(rules), count, candidateHash, sample.length, at, actorId, JSON.stringify(proof)],
        );
        await m.query(`UPDATE draw_runs SET phase = 'recorded', updated_at = now() WHERE campaign_id = $1`, [campaignId]);
        lap('assignMs');
        activityLog('info', 'draw recorded', { campaignId, batches: perBatch, ...timings });
        await recordAudit(m, { actorId, action: 'draw.perform', targetType: 'campaign', targetId: campaignId, at: new Date(at), detail: { candidates: count, sampled: sample.length, assignments: assignments.length, unassigned: unassigned.length } });
        return { candidateCount: count, sampleCount: sample.length, assignmentCount: assignments.length, unassignedCount: unassigned.length };
      });
    },

    /** Escalates what is unfinished and returns how many reviews of the campaign stand escalated (the same on a retry). */
    async escalateUnfinishedReviews({ campaignId, at }) {
      return dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO escalations (campaign_id, department_id, kind, target_type, target_id, at, detail)
           SELECT a.campaign_id, cf.department_id, 'review_overdue', 'review_assignment', a.id::text, $2,
                  jsonb_build_object('reviewerId', a.reviewer_id, 'caseFileId', a.case_file_id)
             FROM review_assignments a
             JOIN case_files cf ON cf.id = a.case_file_id
             LEFT JOIN reviews r ON r.assignment_id = a.id
            WHERE a.campaign_id = $1 AND a.active AND (r.id IS NULL OR r.status <> 'submitted')
           ON CONFLICT (kind, target_type, target_id, round) DO NOTHING`,
          [campaignId, at],
        );
        const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM escalations WHERE campaign_id = $1 AND kind = 'review_overdue'`, [campaignId]);
        return n as number;
      });
    },
  };
}

/** The outcome of a draw already recorded, counted as the draw itself counts it. */
async function recordedOutcome(m: EntityManager, campaignId: string, done: { candidate_count: number; sample_count: number; rules: DrawRules }): Promise<DrawOutcome> {
  const [{ assigned }] = await m.query(`SELECT count(*)::int AS assigned FROM review_assignments WHERE campaign_id = $1`, [campaignId]);
  return { candidateCount: done.candidate_count, sampleCount: done.sample_count, assignmentCount: assigned, unassignedCount: Math.max(0, done.sample_count * done.rules.reviewersPerFile - assigned) };
}
