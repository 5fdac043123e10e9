import { MONTHS, ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { DEFAULT_PREPARE_SCHEDULE, prepareNextCampaignScheduleId, summaries, type YearlyScheduleSpec } from '@rol/contracts';

/**
 * The yearly schedule that prepares next year's campaign as a draft (准备下一年度工作周期草稿).
 * Created when the worker starts; one already there (a restart, another worker) is updated to this
 * spec and action, never duplicated.
 */
export async function ensurePrepareNextCampaignSchedule(client: Client, taskQueue: string, spec: YearlyScheduleSpec = DEFAULT_PREPARE_SCHEDULE): Promise<string> {
  const scheduleId = prepareNextCampaignScheduleId(taskQueue);
  const options = {
    spec: {
      calendars: [{ month: MONTHS[spec.month - 1], dayOfMonth: spec.dayOfMonth, hour: spec.hour, minute: spec.minute, comment: '准备下一年度工作周期草稿' }],
      timezone: spec.timezone,
    },
    action: { type: 'startWorkflow', workflowType: 'prepareNextCampaignWorkflow', taskQueue, args: [], workflowId: scheduleId, staticSummary: summaries.prepareNextCampaign() },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
  } satisfies Omit<ScheduleOptions, 'scheduleId'>;
  try {
    await client.schedule.create({ scheduleId, ...options });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec: options.spec, action: options.action, policies: { ...previous.policies, ...options.policies } }));
  }
  return scheduleId;
}
