import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The campaign status counts every task of a campaign by status, overdue and late (30,000 rows for
 * 10,000 departments × 3 priorities): an index holding those columns lets PostgreSQL count them from
 * the index alone (an index-only scan) instead of visiting every row. It replaces (campaign_id, status),
 * its prefix. Likewise self_checks by (campaign_id, status), for the self-check counts.
 */
export class CampaignTaskCounts1765400000000 implements MigrationInterface {
  name = 'CampaignTaskCounts1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX tasks_campaign_counts ON tasks (campaign_id, status, overdue_at, completed_late)`);
    await q.query(`DROP INDEX tasks_campaign_status`);
    await q.query(`CREATE INDEX self_checks_campaign_status ON self_checks (campaign_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX self_checks_campaign_status`);
    await q.query(`CREATE INDEX tasks_campaign_status ON tasks (campaign_id, status)`);
    await q.query(`DROP INDEX tasks_campaign_counts`);
  }
}
