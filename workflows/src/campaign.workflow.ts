import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  CampaignIdKey,
  CampaignYearKey,
  PhaseKey,
  campaignStateQuery,
  closeCampaignUpdate,
  type CampaignWorkflowInput,
  type CampaignWorkflowState,
  type CycleActivities,
  type FanOutResult,
} from '@rol/contracts';
import { Phase, nextPhaseChangeAt, phaseAt } from '@rol/domain';

/** Departments started (or signalled) per activity call: ids stay in the database, not in history. */
export const FAN_OUT_PAGE_SIZE = 200;

const acts = proxyActivities<CycleActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * The year's campaign (年度工作周期): starts one department workflow per department in pages,
 * then follows the calendar through the phases until it closes (on its date, or early by the office),
 * and tells every department workflow that the campaign is closed.
 */
export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignWorkflowState> {
  const state: CampaignWorkflowState = {
    phase: phaseAt(input.calendar, Date.now()),
    departmentsStarted: input.departmentsStarted ?? 0,
    fanOutDone: input.fanOutDone ?? false,
    closed: false,
  };
  let closedBy: string | null = null;
  let closeRequested = false;
  upsertSearchAttributes([
    { key: CampaignIdKey, value: input.campaignId },
    { key: CampaignYearKey, value: input.year },
    { key: PhaseKey, value: state.phase },
  ]);
  setHandler(campaignStateQuery, () => state);
  setHandler(closeCampaignUpdate, async ({ actorId }) => {
    closedBy = actorId;
    closeRequested = true;
    await condition(() => state.closed);
    return state;
  });

  let after = input.startedThrough ?? null;
  while (!state.fanOutDone) {
    const page = await acts.startDepartmentWorkflows({
      campaignId: input.campaignId,
      year: input.year,
      after,
      limit: FAN_OUT_PAGE_SIZE,
    });
    state.departmentsStarted += page.count;
    after = page.last ?? after;
    state.fanOutDone = page.done;
  }

  while (state.phase !== Phase.Closed && !closeRequested) {
    const next = nextPhaseChangeAt(input.calendar, Date.now());
    if (next !== undefined) await condition(() => closeRequested, next - Date.now());
    const phase = closeRequested ? Phase.Closed : phaseAt(input.calendar, Date.now());
    if (phase !== state.phase) {
      state.phase = phase;
      upsertSearchAttributes([{ key: PhaseKey, value: phase }]);
      if (phase !== Phase.Closed) await acts.recordCampaignPhase({ campaignId: input.campaignId, phase });
    }
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof campaignWorkflow>({
        ...input,
        startedThrough: after,
        departmentsStarted: state.departmentsStarted,
        fanOutDone: state.fanOutDone,
      });
    }
  }

  state.phase = Phase.Closed;
  upsertSearchAttributes([{ key: PhaseKey, value: Phase.Closed }]);
  await acts.closeCampaign({
    campaignId: input.campaignId,
    actorId: closedBy,
    closedAt: new Date(Date.now()).toISOString(),
  });
  let cursor: string | null = null;
  for (;;) {
    const page: FanOutResult = await acts.signalCampaignClosed({
      campaignId: input.campaignId,
      year: input.year,
      after: cursor,
      limit: FAN_OUT_PAGE_SIZE,
    });
    cursor = page.last ?? cursor;
    if (page.done) break;
  }
  state.closed = true;
  await condition(allHandlersFinished);
  return state;
}
