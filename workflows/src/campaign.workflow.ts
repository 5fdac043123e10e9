import {
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  CampaignIdKey,
  CampaignYearKey,
  PhaseKey,
  CampaignRefusal,
  annualReportWorkflowId,
  campaignStateQuery,
  closeCampaignUpdate,
  executeDrawUpdate,
  type CampaignWorkflowInput,
  type CampaignWorkflowState,
  type CycleActivities,
  type FanOutResult,
  summaries,
} from '@rol/contracts';
import { Phase, nextPhaseChangeAt, phaseAt } from '@rol/domain';
import { DRAW, PAGED_WORK, SHORT_WRITE } from './activity-options';
import type { annualReportWorkflow } from './annual-report.workflow';
import { OPERATORS_VIEW_PATCH } from './status';
import { trackTrouble, type Trouble } from './trouble';

/** Departments started (or signalled) per activity call: ids stay in the database, not in history. */
export const FAN_OUT_PAGE_SIZE = 200;

const acts = proxyActivities<CycleActivities>(SHORT_WRITE);
const pagedActs = proxyActivities<CycleActivities>(PAGED_WORK);
const drawActs = proxyActivities<CycleActivities>(DRAW);

/**
 * The year's campaign (年度工作周期): starts one department workflow per department in pages,
 * then follows the calendar through the phases until it closes (on its date, or early by the office),
 * and tells every department workflow that the campaign is closed; then carries the rectification
 * items still open into next year and tells the finished items' and unacknowledged letters' workflows to end.
 * Every step but the draw runs in the background: one failing past its retries puts the campaign in
 * trouble (`Failing`, `troubleQuery`) until it succeeds (by itself after a pause, or on `retryNow`).
 */
export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignWorkflowState> {
  const state: CampaignWorkflowState = {
    phase: phaseAt(input.calendar, Date.now()),
    departmentsStarted: input.departmentsStarted ?? 0,
    fanOutDone: input.fanOutDone ?? false,
    closed: false,
    draw: input.draw ?? null,
    reviewsEscalated: null,
  };
  let drawing = false;
  let closedBy: string | null = null;
  let closeRequested = false;
  const operatorsView = patched(OPERATORS_VIEW_PATCH);
  const trouble = trackTrouble(operatorsView);
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

  setHandler(
    executeDrawUpdate,
    async ({ actorId }) => {
      drawing = true;
      try {
        const at = new Date(Date.now()).toISOString();
        const outcome = await trouble.forPerson(() => drawActs.performDraw({ campaignId: input.campaignId, actorId, at }));
        state.draw = outcome;
        return outcome;
      } finally {
        drawing = false;
      }
    },
    {
      validator: (_request) => {
        if (state.draw || drawing) throw ApplicationFailure.nonRetryable('本周期已完成抽取，不能重复抽取', CampaignRefusal.AlreadyDrawn);
        if (closeRequested || state.closed) throw ApplicationFailure.nonRetryable('本年度工作周期已结束', CampaignRefusal.Closed);
      },
    },
  );
  void watchReviewWindow();

  /** At the end of the review window, every review not submitted is escalated to the office. */
  async function watchReviewWindow(): Promise<void> {
    if (!input.calendar.reviewClosesAt) return;
    const closesAt = Date.parse(input.calendar.reviewClosesAt);
    if (closesAt > Date.now() && (await condition(() => closeRequested, closesAt - Date.now()))) return;
    state.reviewsEscalated = await trouble.background(() => acts.escalateUnfinishedReviews({ campaignId: input.campaignId, at: new Date(closesAt).toISOString() }));
  }

  // The 年度报告's deadline runs past the campaign's closing: an abandoned child. Guarded by a patch
  // marker so that the histories of campaigns started before it replay as they ran.
  let annualReportStarted = input.annualReportStarted ?? false;
  if (!annualReportStarted && patched('annual-report-workflow')) {
    try {
      await startChild<typeof annualReportWorkflow>('annualReportWorkflow', {
        workflowId: annualReportWorkflowId(input.campaignId),
        args: [{ campaignId: input.campaignId, year: input.year }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        staticSummary: summaries.annualReport(input.year),
        typedSearchAttributes: [
          { key: CampaignIdKey, value: input.campaignId },
          { key: CampaignYearKey, value: input.year },
        ],
      });
    } catch (err) {
      if (!(err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError')) throw err; // a run before this one started it
    }
    annualReportStarted = true;
  }

  let after = input.startedThrough ?? null;
  while (!state.fanOutDone) {
    const from = after;
    const page = await trouble.background(() =>
      pagedActs.startDepartmentWorkflows({
        campaignId: input.campaignId,
        year: input.year,
        after: from,
        limit: FAN_OUT_PAGE_SIZE,
      }),
    );
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
      if (phase !== Phase.Closed) await trouble.background(() => acts.recordCampaignPhase({ campaignId: input.campaignId, phase }));
    }
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof campaignWorkflow>({
        ...input,
        startedThrough: after,
        departmentsStarted: state.departmentsStarted,
        fanOutDone: state.fanOutDone,
        draw: state.draw,
        annualReportStarted,
      });
    }
  }

  state.phase = Phase.Closed;
  upsertSearchAttributes([{ key: PhaseKey, value: Phase.Closed }]);
  const closedAt = new Date(Date.now()).toISOString();
  await trouble.background(() => acts.closeCampaign({ campaignId: input.campaignId, actorId: closedBy, closedAt }));
  let cursor: string | null = null;
  for (;;) {
    const from = cursor;
    const page: FanOutResult = await trouble.background(() =>
      pagedActs.signalCampaignClosed({
        campaignId: input.campaignId,
        year: input.year,
        after: from,
        limit: FAN_OUT_PAGE_SIZE,
      }),
    );
    cursor = page.last ?? cursor;
    if (page.done) break;
  }
  if (patched('turn-of-year')) await endTheYear(input, trouble);
  state.closed = true;
  await condition(allHandlersFinished);
  return state;
}

/** 年度交替 at close: open items carry over (page by page); finished items' and letters' workflows end. */
async function endTheYear(input: CampaignWorkflowInput, trouble: Trouble): Promise<void> {
  const closedAt = new Date(Date.now()).toISOString();
  for (let after: string | null = null; ; ) {
    const from = after;
    const page: FanOutResult = await trouble.background(() => pagedActs.carryOverRectifications({ campaignId: input.campaignId, year: input.year, after: from, limit: FAN_OUT_PAGE_SIZE, closedAt }));
    after = page.last ?? after;
    if (page.done) break;
  }
  for (const kind of ['items', 'letters'] as const) {
    for (let after: string | null = null; ; ) {
      const from = after;
      const page: FanOutResult = await trouble.background(() => pagedActs.signalClosedWorkflows({ campaignId: input.campaignId, year: input.year, after: from, limit: FAN_OUT_PAGE_SIZE, kind }));
      after = page.last ?? after;
      if (page.done) break;
    }
  }
}
