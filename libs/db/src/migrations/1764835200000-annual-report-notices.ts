import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 年度报告's deadline reminders, each sent once: a row per (campaign, department — null for the
 * office's own report —, kind) is the key the reminder activity inserts before it notifies. A
 * notification about the office's own report concerns no department, so a notification may have none.
 */
export class AnnualReportNotices1764835200000 implements MigrationInterface {
  name = 'AnnualReportNotices1764835200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE annual_report_notices (
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        department_id uuid REFERENCES departments (id),
        kind text NOT NULL CHECK (kind IN ('remind', 'overdue')),
        at timestamptz NOT NULL,
        UNIQUE NULLS NOT DISTINCT (campaign_id, department_id, kind)
      )`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN department_id DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notification_reads WHERE notification_id IN (SELECT id FROM notifications WHERE department_id IS NULL)`);
    await q.query(`DELETE FROM notifications WHERE department_id IS NULL`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN department_id SET NOT NULL`);
    await q.query(`DROP TABLE annual_report_notices`);
  }
}
