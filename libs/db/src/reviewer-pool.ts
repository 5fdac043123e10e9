import type { EntityManager } from 'typeorm';
import type { ReviewerConflict } from '@rol/domain';

export interface PoolReviewer {
  id: string;
  /** The department recorded on the pool entry (回避: never drawn for its files). */
  department_id: string | null;
  /** The account's own department now, when it differs from the entry's: recused too. */
  account_department_id: string | null;
}

/**
 * The reviewers a campaign's draw and its reassignments choose from: the campaign's 评查人员库,
 * leaving out accounts that were deactivated or are no longer reviewers. A reviewer is recused from
 * the files of the department on their entry and of the department their account belongs to now
 * (the two differ when the entry named another or the account moved since).
 */
export async function poolReviewers(m: Pick<EntityManager, 'query'>, campaignId: string): Promise<PoolReviewer[]> {
  return m.query(
    `SELECT p.user_id AS id, p.department_id,
            CASE WHEN u.department_id IS DISTINCT FROM p.department_id THEN u.department_id END AS account_department_id
       FROM reviewer_pool p JOIN users u ON u.id = p.user_id
      WHERE p.campaign_id = $1 AND u.active AND u.role = 'reviewer' ORDER BY p.user_id`,
    [campaignId],
  );
}

/**
 * Every recusal (回避) the assignment respects: the conflicts declared (a department or one file) and,
 * for each pool member, the department their account belongs to when it differs from their entry's.
 */
export async function poolRecusals(m: Pick<EntityManager, 'query'>, reviewers: PoolReviewer[]): Promise<ReviewerConflict[]> {
  const declared: { reviewer_id: string; department_id: string | null; case_file_id: string | null }[] = await m.query(`SELECT reviewer_id, department_id, case_file_id FROM reviewer_conflicts`);
  return [
    ...declared.map((c) => ({ reviewerId: c.reviewer_id, departmentId: c.department_id, caseFileId: c.case_file_id })),
    ...reviewers.filter((r) => r.account_department_id).map((r) => ({ reviewerId: r.id, departmentId: r.account_department_id, caseFileId: null })),
  ];
}
