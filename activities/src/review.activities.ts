import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import type { CycleActivities, DrawOutcome } from '@rol/contracts';
import {
  assignReviewers,
  buildReviewerProof,
  candidateLine,
  drawDepartment,
  rulesHash,
  type DrawCandidate,
  type DrawRules,
  type SampledFile,
} from '@rol/domain';
import { poolRecusals, poolReviewers, recordAudit } from '@rol/db';

type ReviewActivities = Pick<CycleActivities, 'performDraw' | 'escalateUnfinishedReviews'>;

const BATCH = 50_000;

/**
 * 抽取 and 评查. The draw runs in one transaction and is recorded once per campaign
 * (sample_draws is keyed by campaign): a retry after it committed returns the recorded counts.
 */
export function createReviewActivities(dataSource: DataSource): ReviewActivities {
  return {
    async performDraw({ campaignId, actorId, at }) {
      return dataSource.transaction(async (m) => {
        const [config] = await m.query(`SELECT rules, seed, seed_hash FROM draw_configs WHERE campaign_id = $1 FOR UPDATE`, [campaignId]);
        const [done] = await m.query(`SELECT candidate_count, sample_count, rules FROM sample_draws WHERE campaign_id = $1`, [campaignId]);
        if (done) return recordedOutcome(m, campaignId, done);
        if (!config?.seed) throw new Error(`campaign ${campaignId} has no committed seed`);
        const rules = config.rules as DrawRules;
        const seed = config.seed as string;

        // Freeze the candidate list, in the canonical order (byte order, as the verifier sorts).
        await m.query(
          `INSERT INTO draw_candidates (campaign_id, ordinal, case_file_id, department_id, department_code, case_number, case_type, decision_date)
           SELECT $1, row_number() OVER (ORDER BY d.code COLLATE "C", cf.case_number COLLATE "C"),
                  cf.id, d.id, d.code, cf.case_number, cf.case_type, cf.decision_date
             FROM case_files cf
             JOIN departments d ON d.id = cf.department_id
             JOIN campaign_departments cd ON cd.department_id = d.id AND cd.campaign_id = $1
            WHERE cf.decision_date BETWEEN $2::date AND $3::date
              AND ($4::uuid[] IS NULL OR d.id = ANY ($4::uuid[]))
              AND ($5::text[] IS NULL OR cf.status = ANY ($5::text[]))`,
          // Rules recorded before the status filter existed have no statuses: every status is a candidate.
          [campaignId, rules.period.from, rules.period.to, rules.departmentIds === 'all' ? null : rules.departmentIds, rules.statuses ?? null],
        );

        // Hash the frozen list and draw department by department, streaming it in batches.
        const listHash = createHash('sha256');
        const sample: SampledFile[] = [];
        let group: DrawCandidate[] = [];
        let count = 0;
        const flush = () => {
          if (group.length > 0) sample.push(...drawDepartment(group, rules, seed));
          group = [];
        };
        for (let from = 0; ; from += BATCH) {
          const rows: { case_file_id: string; department_id: string; department_code: string; case_number: string; case_type: DrawCandidate['caseType']; decision_date: string }[] =
            await m.query(
              `SELECT case_file_id, department_id, department_code, case_number, case_type, to_char(decision_date, 'YYYY-MM-DD') AS decision_date
                 FROM draw_candidates WHERE campaign_id = $1 AND ordinal > $2 AND ordinal <= $3 ORDER BY ordinal`,
              [campaignId, from, from + BATCH],
            );
          for (const r of rows) {
            const c: DrawCandidate = { caseFileId: r.case_file_id, departmentId: r.department_id, departmentCode: r.department_code, caseNumber: r.case_number, caseType: r.case_type, decisionDate: r.decision_date };
            listHash.update(`${candidateLine(c)}\n`);
            if (group.length > 0 && group[0].departmentId !== c.departmentId) flush();
            group.push(c);
          }
          count += rows.length;
          heartbeat({ read: count });
          if (rows.length < BATCH) break;
        }
        flush();
        heartbeat({ drawn: sample.length });
        for (let i = 0; i < sample.length; i += BATCH) {
          const part = sample.slice(i, i + BATCH);
          await m.query(
            `INSERT INTO sampled_files (campaign_id, case_file_id, department_id, rank_key)
             SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::text[])`,
            [campaignId, part.map((s) => s.caseFileId), part.map((s) => s.departmentId), part.map((s) => s.rankKey)],
          );
        }

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
          [campaignId, seed, config.seed_hash, JSON.stringify(rules), rulesHash(rules), count, listHash.digest('hex'), sample.length, at, actorId, JSON.stringify(proof)],
        );
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

/** Tells Temporal the draw is alive (called outside an activity, e.g. directly by a test, there is nobody to tell). */
function heartbeat(details: Record<string, number>): void {
  try {
    Context.current().heartbeat(details);
  } catch {
    // not running as an activity
  }
}

/** The outcome of a draw already recorded, counted as the draw itself counts it. */
async function recordedOutcome(m: EntityManager, campaignId: string, done: { candidate_count: number; sample_count: number; rules: DrawRules }): Promise<DrawOutcome> {
  const [{ assigned }] = await m.query(`SELECT count(*)::int AS assigned FROM review_assignments WHERE campaign_id = $1`, [campaignId]);
  return { candidateCount: done.candidate_count, sampleCount: done.sample_count, assignmentCount: assigned, unassignedCount: Math.max(0, done.sample_count * done.rules.reviewersPerFile - assigned) };
}
