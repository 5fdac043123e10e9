import type { DataSource, EntityManager } from 'typeorm';
import type { AnnualReportActivities } from '@rol/contracts';
import { reminderAt } from '@rol/domain';
import { recordAudit } from '@rol/db';

/**
 * 年度报告 deadline notices. Each is keyed in annual_report_notices by (campaign, department or
 * null for the office's report, kind): inserted first, notified only when the insert happened, so a
 * retry or a second worker notifies nobody twice. A report already submitted (报送) is not chased.
 */
export function createAnnualReportActivities(dataSource: DataSource): AnnualReportActivities {
  async function notify(m: EntityManager, campaignId: string, kind: 'remind' | 'overdue', at: string): Promise<number> {
    const office: { department_id: null }[] = await m.query(
      `INSERT INTO annual_report_notices (campaign_id, department_id, kind, at)
       SELECT $1, NULL, $2, $3
        WHERE NOT EXISTS (SELECT 1 FROM annual_reports r WHERE r.campaign_id = $1 AND r.department_id IS NULL AND r.submitted_at IS NOT NULL)
       ON CONFLICT DO NOTHING RETURNING department_id`,
      [campaignId, kind, at],
    );
    const departments: { department_id: string }[] = await m.query(
      `INSERT INTO annual_report_notices (campaign_id, department_id, kind, at)
       SELECT $1, cd.department_id, $2, $3 FROM campaign_departments cd
        WHERE cd.campaign_id = $1
          AND NOT EXISTS (SELECT 1 FROM annual_reports r WHERE r.campaign_id = $1 AND r.department_id = cd.department_id AND r.submitted_at IS NOT NULL)
       ON CONFLICT DO NOTHING RETURNING department_id`,
      [campaignId, kind, at],
    );
    const action = kind === 'remind' ? 'annual_report.remind' : 'annual_report.overdue';
    if (office.length > 0) await recordAudit(m, { actorId: null, action, targetType: 'annual_report', targetId: campaignId, at: new Date(at) });
    for (const { department_id } of departments) {
      await recordAudit(m, { actorId: null, action: `${action}_department`, targetType: 'annual_report', targetId: `${campaignId}:${department_id}`, at: new Date(at) });
    }
    // How many stand notified (the office's report counted as one), the same on a retry.
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM annual_report_notices WHERE campaign_id = $1 AND kind = $2`, [campaignId, kind]);
    return n;
  }

  return {
    async annualReportSchedule({ campaignId }) {
      const [c]: { annual_report_due_at: Date; reminder_days_before: number; created_at: Date }[] = await dataSource.query(
        `SELECT annual_report_due_at, reminder_days_before, created_at FROM campaigns WHERE id = $1`,
        [campaignId],
      );
      if (!c) throw new Error(`campaign ${campaignId} not found`);
      const remind = reminderAt(c.annual_report_due_at.getTime(), c.reminder_days_before, c.created_at.getTime());
      return { dueAt: c.annual_report_due_at.toISOString(), remindAt: remind === undefined ? null : new Date(remind).toISOString() };
    },
    remindAnnualReport: ({ campaignId, at }) => dataSource.transaction((m) => notify(m, campaignId, 'remind', at)),
    markAnnualReportOverdue: ({ campaignId, at }) => dataSource.transaction((m) => notify(m, campaignId, 'overdue', at)),
  };
}
