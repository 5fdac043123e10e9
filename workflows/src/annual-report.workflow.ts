import { patched, proxyActivities, sleep } from '@temporalio/workflow';
import type { AnnualReportActivities, AnnualReportWorkflowInput } from '@rol/contracts';
import { SHORT_WRITE, PAGED_WORK } from './activity-options';
import { OPERATORS_VIEW_PATCH } from './status';
import { trackTrouble } from './trouble';

const acts = proxyActivities<AnnualReportActivities>(SHORT_WRITE);
/** One notice per department, in one transaction: up to thousands of rows. */
const noticeActs = proxyActivities<AnnualReportActivities>({ ...PAGED_WORK, heartbeatTimeout: undefined, startToCloseTimeout: '10 minutes' });

export interface AnnualReportWorkflowResult {
  reminded: number | null;
  overdue: number;
}

/**
 * The 年度报告's deadline (before 1 March of the next year), like any other: a reminder the
 * campaign's reminder_days_before ahead, to the office and to each department whose draft is not
 * submitted, then at the due date the overdue notice to whoever has still not submitted. Started by
 * the campaign workflow at its start as an abandoned child: it outlives the campaign's closing.
 * A step failing past its retries puts it in trouble (`Failing`) until it succeeds.
 */
export async function annualReportWorkflow(input: AnnualReportWorkflowInput): Promise<AnnualReportWorkflowResult> {
  const trouble = trackTrouble(patched(OPERATORS_VIEW_PATCH));
  const { dueAt, remindAt } = await trouble.background(() => acts.annualReportSchedule({ campaignId: input.campaignId }));
  const due = Date.parse(dueAt);
  let reminded: number | null = null;
  if (remindAt !== null && Date.now() < due) {
    const remind = Date.parse(remindAt);
    const late = remind <= Date.now(); // started after the reminder time (a campaign launched late): remind now
    if (!late) await sleep(remind - Date.now());
    const at = late ? new Date(Date.now()).toISOString() : remindAt;
    reminded = await trouble.background(() => noticeActs.remindAnnualReport({ campaignId: input.campaignId, at }));
  }
  if (due > Date.now()) await sleep(due - Date.now());
  const overdue = await trouble.background(() => noticeActs.markAnnualReportOverdue({ campaignId: input.campaignId, at: dueAt }));
  return { reminded, overdue };
}
