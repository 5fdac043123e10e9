import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  CampaignIdKey,
  CampaignYearKey,
  DepartmentIdKey,
  PhaseKey,
  RectificationRefusal,
  campaignClosedSignal,
  decideExtensionUpdate,
  decideObjectionUpdate,
  decideReportUpdate,
  fileObjectionUpdate,
  rectificationStateQuery,
  reopenUpdate,
  requestExtensionUpdate,
  submitReportUpdate,
  type RectificationActivities,
  type RectificationState,
  type RectificationWorkflowInput,
} from '@rol/contracts';
import { SHORT_WRITE, USER_STEP } from './activity-options';
import { OPERATORS_VIEW_PATCH, statusKeeper } from './status';
import { trackTrouble } from './trouble';
import { Phase, canDecideReport, canObject, canReopen, canRequestExtension, canSubmitReport, ladderRuns } from '@rol/domain';

const acts = proxyActivities<RectificationActivities>(SHORT_WRITE);
/** The steps of a person's request (the Updates): retries short enough for the waiting request. */
const personActs = proxyActivities<RectificationActivities>(USER_STEP);

function refuse(type: string, message: string): never {
  throw ApplicationFailure.nonRetryable(message, type);
}

/**
 * 整改: one opinion item to closure. The department reports, the office accepts (销号) or returns;
 * extensions move the deadline; the escalation ladder fires each step once per round; an objection
 * (复查) within its window pauses the ladder until decided; a closed item can be reopened (回头看).
 * A closed (销号) item's workflow completes (runs from before OPERATORS_VIEW_PATCH: when the campaign
 * closes too); one still open at the campaign's close carries over into next year and keeps running.
 * A later 回头看 starts a new run of it with its history (RectificationsService.resumeIfEnded).
 * A failing escalation does not stop the workflow: it is in trouble (`Failing`) until it succeeds.
 */
export async function rectificationWorkflow(input: RectificationWorkflowInput): Promise<RectificationState> {
  const state: RectificationState = input.state ?? {
    status: 'open',
    round: 1,
    deadlineAtMs: input.deadlineAtMs,
    schedule: input.schedule,
    fired: [],
    reportVersion: 0,
    extensionSeq: 0,
    extensionPending: null,
    objection: null,
    busy: false,
  };
  const operatorsView = patched(OPERATORS_VIEW_PATCH);
  upsertSearchAttributes([
    { key: CampaignIdKey, value: input.campaignId },
    { key: CampaignYearKey, value: input.year },
    { key: DepartmentIdKey, value: input.departmentId },
    { key: PhaseKey, value: Phase.Rectification },
  ]);
  const trouble = trackTrouble(operatorsView);
  const keepStatus = statusKeeper(operatorsView);
  keepStatus(state.status);
  const nowIso = () => new Date(Date.now()).toISOString();
  const own = (departmentId: string) => {
    if (departmentId !== input.departmentId) refuse(RectificationRefusal.ForbiddenDepartment, '不能办理其他部门的整改事项');
  };
  const idle = () => {
    if (state.busy) refuse(RectificationRefusal.NotAllowedNow, '该整改事项正在处理中，请稍后');
  };
  /**
   * Runs one recorded step of a person's request; the state changes only after the activity has
   * persisted it. `busy` refuses other requests meanwhile and is released however the step ends: a
   * step failed past its retries answers STEP_FAILED, and the next request is taken as usual.
   */
  async function step<T>(work: () => Promise<T>): Promise<T> {
    state.busy = true;
    try {
      return await trouble.forPerson(work);
    } finally {
      state.busy = false;
    }
  }
  /**
   * Computing the ladder (a read): a run from before OPERATORS_VIEW_PATCH computed it outside `step`
   * (not busy meanwhile), and replaying it must not change what its timers did while it ran.
   */
  const ladderStep = <T>(work: () => Promise<T>): Promise<T> => (operatorsView ? step(work) : work());
  /** After a handler changed the state: `Status` follows. */
  function changed<T>(result: T): T {
    keepStatus(state.status);
    return result;
  }

  let campaignClosed = input.campaignClosed ?? false;
  setHandler(rectificationStateQuery, () => state);
  setHandler(campaignClosedSignal, () => {
    campaignClosed = true;
  });

  setHandler(
    submitReportUpdate,
    async (r) => {
      const version = state.reportVersion + 1;
      await step(() => personActs.recordReport({ itemId: input.itemId, version, round: state.round, actorId: r.actorId, report: r.report, evidence: r.evidence, at: nowIso() }));
      state.reportVersion = version;
      state.status = 'submitted';
      return changed(state);
    },
    {
      validator: (r) => {
        own(r.departmentId);
        idle();
        if (!canSubmitReport(state.status)) refuse(RectificationRefusal.NotAllowedNow, '当前状态不能报送整改报告');
      },
    },
  );

  setHandler(
    decideReportUpdate,
    async (r) => {
      const at = Date.now();
      await step(() =>
        personActs.recordReportDecision({ itemId: input.itemId, version: state.reportVersion, actorId: r.actorId, decision: r.decision, reason: r.reason, at: new Date(at).toISOString(), closedOnTime: at <= state.deadlineAtMs }),
      );
      state.status = r.decision === 'accepted' ? 'closed' : 'returned';
      return changed(state);
    },
    {
      validator: (_request) => {
        idle();
        if (!canDecideReport(state.status)) refuse(RectificationRefusal.NotAllowedNow, '没有待审核的整改报告');
      },
    },
  );

  setHandler(
    requestExtensionUpdate,
    async (r) => {
      const seq = state.extensionSeq + 1;
      await step(() => personActs.recordExtensionRequest({ itemId: input.itemId, seq, actorId: r.actorId, reason: r.reason, requestedDeadlineAt: new Date(r.requestedDeadlineAtMs).toISOString(), at: nowIso() }));
      state.extensionSeq = seq;
      state.extensionPending = { seq, deadlineAtMs: r.requestedDeadlineAtMs };
      return changed(state);
    },
    {
      validator: (r) => {
        own(r.departmentId);
        idle();
        if (!canRequestExtension(state.status)) refuse(RectificationRefusal.NotAllowedNow, '当前状态不能申请延期');
        if (state.extensionPending) refuse(RectificationRefusal.NotAllowedNow, '已有待审批的延期申请');
        if (!(r.requestedDeadlineAtMs > state.deadlineAtMs)) refuse(RectificationRefusal.ExtensionInvalid, '申请的新期限须晚于当前整改期限');
      },
    },
  );

  setHandler(
    decideExtensionUpdate,
    async (r) => {
      const pending = state.extensionPending!;
      const schedule = r.approve ? await ladderStep(() => personActs.scheduleLadder({ campaignId: input.campaignId, deadlineAtMs: pending.deadlineAtMs })) : null;
      await step(() =>
        personActs.recordExtensionDecision({ itemId: input.itemId, seq: pending.seq, actorId: r.actorId, approve: r.approve, note: r.note, at: nowIso(), deadlineAt: r.approve ? new Date(pending.deadlineAtMs).toISOString() : null }),
      );
      if (schedule) {
        // The running deadline moves; steps already recorded stay recorded, later ones follow the new deadline.
        state.deadlineAtMs = pending.deadlineAtMs;
        state.schedule = schedule;
      }
      state.extensionPending = null;
      return changed(state);
    },
    {
      validator: (_request) => {
        idle();
        if (!state.extensionPending) refuse(RectificationRefusal.NotAllowedNow, '没有待审批的延期申请');
      },
    },
  );

  setHandler(
    fileObjectionUpdate,
    async (r) => {
      await step(() => personActs.recordObjection({ itemId: input.itemId, actorId: r.actorId, reason: r.reason, at: nowIso() }));
      state.objection = 'pending';
      return changed(state);
    },
    {
      validator: (r) => {
        own(r.departmentId);
        idle();
        if (Date.now() > input.objectionDueAtMs) refuse(RectificationRefusal.ObjectionWindowClosed, '已超过申请复查的期限');
        if (state.objection !== null) refuse(RectificationRefusal.NotAllowedNow, '该意见已申请过复查');
        if (!canObject(state.status)) refuse(RectificationRefusal.NotAllowedNow, '当前状态不能申请复查');
      },
    },
  );

  setHandler(
    decideObjectionUpdate,
    async (r) => {
      await step(() => personActs.recordObjectionDecision({ itemId: input.itemId, actorId: r.actorId, uphold: r.uphold, note: r.note, at: nowIso() }));
      state.objection = r.uphold ? 'upheld' : 'withdrawn';
      if (!r.uphold) state.status = 'withdrawn';
      return changed(state);
    },
    {
      validator: (_request) => {
        idle();
        if (state.objection !== 'pending') refuse(RectificationRefusal.NotAllowedNow, '没有待决定的复查申请');
      },
    },
  );

  setHandler(
    reopenUpdate,
    async (r) => {
      const schedule = await ladderStep(() => personActs.scheduleLadder({ campaignId: input.campaignId, deadlineAtMs: r.deadlineAtMs }));
      const round = state.round + 1;
      await step(() => personActs.recordReopen({ itemId: input.itemId, round, actorId: r.actorId, reason: r.reason, deadlineAt: new Date(r.deadlineAtMs).toISOString(), at: nowIso() }));
      Object.assign(state, { status: 'open', round, deadlineAtMs: r.deadlineAtMs, schedule, fired: [] });
      return changed(state);
    },
    {
      validator: (r) => {
        idle();
        if (!canReopen(state.status)) refuse(RectificationRefusal.NotAllowedNow, '只能对已销号的事项开展回头看并重新打开');
        if (!(r.deadlineAtMs > Date.now())) refuse(RectificationRefusal.ExtensionInvalid, '新的整改期限须晚于当前时间');
      },
    },
  );

  if (input.resumedForReopen) {
    const round = state.round;
    await condition(() => state.round !== round, '1 minute');
  }
  // The ladder: wait for the next step not yet fired in this round; any change of state wakes us to re-plan.
  for (;;) {
    if (state.status === 'withdrawn') break;
    if (state.status === 'closed' && (campaignClosed || operatorsView) && !state.busy) break;
    const version = JSON.stringify([state.status, state.round, state.deadlineAtMs, state.objection, state.fired.length, campaignClosed]);
    const changed = () => JSON.stringify([state.status, state.round, state.deadlineAtMs, state.objection, state.fired.length, campaignClosed]) !== version || workflowInfo().continueAsNewSuggested;
    const next = ladderRuns(state.status, state.objection === 'pending') ? state.schedule.find((s) => !state.fired.includes(s.kind)) : undefined;
    if (next === undefined) {
      await condition(changed);
    } else if (next.atMs > Date.now() && (await condition(changed, next.atMs - Date.now()))) {
      // woken by a change: plan again
    } else if (!state.busy) {
      const round = state.round;
      const due = () => round === state.round && ladderRuns(state.status, state.objection === 'pending'); // still wanted when tried again after trouble
      let recorded = false;
      await trouble.background(async () => {
        if (!due()) return;
        await acts.recordEscalation({ campaignId: input.campaignId, departmentId: input.departmentId, targetType: 'rectification_item', targetId: input.itemId, round, kind: next.kind, at: new Date(next.atMs).toISOString() });
        recorded = true;
      });
      if (recorded && round === state.round) state.fired.push(next.kind);
    } else {
      await condition(() => !state.busy);
    }
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof rectificationWorkflow>({ ...input, state, campaignClosed, resumedForReopen: false });
    }
  }
  await condition(allHandlersFinished);
  return state;
}
