/** The 年度报告's deadline: reminders before it and the overdue notice at it, each once. */
export interface AnnualReportWorkflowInput {
  campaignId: string;
  year: number;
}

export interface AnnualReportSchedule {
  /** ISO: the campaign's annual_report_due_at. */
  dueAt: string;
  /** ISO: due minus the campaign's reminder_days_before; null when that is not after the campaign's creation. */
  remindAt: string | null;
}

export interface AnnualReportActivities {
  annualReportSchedule(input: { campaignId: string }): Promise<AnnualReportSchedule>;
  /** Notifies the office (its report not submitted) and each department whose draft is not submitted; once each. Returns how many stand reminded (the same on a retry). */
  remindAnnualReport(input: { campaignId: string; at: string }): Promise<number>;
  /** At the due date: the overdue notice to whoever has not submitted; once each. Returns how many stand notified overdue. */
  markAnnualReportOverdue(input: { campaignId: string; at: string }): Promise<number>;
}

export function annualReportWorkflowId(campaignId: string): string {
  return `campaign-${campaignId}-annual-report`;
}
