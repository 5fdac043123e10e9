/** 年度交替: next year's campaign prepared as a draft on a schedule, and the items carried over. */

/** The yearly schedule that prepares next year's draft; one per task queue (one per deployment). */
export function prepareNextCampaignScheduleId(taskQueue: string): string {
  return `prepare-next-campaign-${taskQueue}`;
}

/** A run started by the office's "prepare now": one at a time per deployment. */
export function prepareNextCampaignWorkflowId(taskQueue: string): string {
  return `prepare-next-campaign-now-${taskQueue}`;
}

/** When the schedule fires: a calendar moment each year, in a time zone. */
export interface YearlyScheduleSpec {
  month: number;
  dayOfMonth: number;
  hour: number;
  minute: number;
  timezone: string;
}

/** 1 December, 09:00 Beijing time: a month before the year turns, time for the office to confirm. */
export const DEFAULT_PREPARE_SCHEDULE: YearlyScheduleSpec = { month: 12, dayOfMonth: 1, hour: 9, minute: 0, timezone: 'Asia/Shanghai' };

export interface PrepareNextCampaignResult {
  /** The year of the draft (latest campaign's year + 1), null when there is no campaign to copy. */
  year: number | null;
  /** The draft's state after the run: a run that finds it there (pending, confirmed or discarded) writes nothing and answers the same. */
  draft: 'pending' | 'confirmed' | 'discarded' | null;
}
