import type { EntityManager } from 'typeorm';

/**
 * The reviewers a campaign's draw and its reassignments choose from: the campaign's 评查人员库,
 * each with the department recorded on their entry (回避), leaving out accounts that were
 * deactivated or are no longer reviewers.
 */
export async function poolReviewers(m: Pick<EntityManager, 'query'>, campaignId: string): Promise<{ id: string; department_id: string | null }[]> {
  return m.query(
    `SELECT p.user_id AS id, p.department_id FROM reviewer_pool p JOIN users u ON u.id = p.user_id
      WHERE p.campaign_id = $1 AND u.active AND u.role = 'reviewer' ORDER BY p.user_id`,
    [campaignId],
  );
}
