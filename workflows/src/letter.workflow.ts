import {
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import {
  CampaignIdKey,
  CampaignYearKey,
  DepartmentIdKey,
  PhaseKey,
  RectificationRefusal,
  acknowledgeLetterUpdate,
  campaignClosedSignal,
  letterStateQuery,
  rectificationWorkflowId,
  summaries,
  type LetterState,
  type LetterWorkflowInput,
  type RectificationWorkflowInput,
  type RectificationActivities,
} from '@rol/contracts';
import { Phase } from '@rol/domain';
import { SHORT_WRITE, USER_STEP } from './activity-options';
import { rectificationWorkflow } from './rectification.workflow';
import { OPERATORS_VIEW_PATCH, statusKeeper } from './status';
import { trackTrouble } from './trouble';

const acts = proxyActivities<RectificationActivities>(SHORT_WRITE);
const personActs = proxyActivities<RectificationActivities>(USER_STEP);

/**
 * 监督意见书 once issued: starts one rectification workflow per item (they outlive the letter),
 * then waits for the department's acknowledgement (签收), chasing it on the ladder like any deadline,
 * until it is acknowledged or the campaign closes. `Status`: issued → acknowledged (or closed with the campaign).
 */
export async function letterWorkflow(input: LetterWorkflowInput): Promise<LetterState> {
  const state: LetterState = { acknowledged: false, escalations: [] };
  const operatorsView = patched(OPERATORS_VIEW_PATCH);
  upsertSearchAttributes([
    { key: CampaignIdKey, value: input.campaignId },
    { key: CampaignYearKey, value: input.year },
    { key: DepartmentIdKey, value: input.departmentId },
    { key: PhaseKey, value: Phase.Rectification },
  ]);
  const trouble = trackTrouble(operatorsView);
  const keepStatus = statusKeeper(operatorsView);
  keepStatus('issued');
  let acknowledging = false;
  let campaignClosed = false;
  setHandler(letterStateQuery, () => state);
  setHandler(campaignClosedSignal, () => {
    campaignClosed = true;
  });
  setHandler(
    acknowledgeLetterUpdate,
    async ({ actorId }) => {
      acknowledging = true;
      const at = new Date(Date.now()).toISOString();
      try {
        await trouble.forPerson(() => personActs.recordAcknowledgement({ letterId: input.letterId, actorId, at }));
      } finally {
        acknowledging = false;
      }
      state.acknowledged = true;
      keepStatus('acknowledged');
      return { acknowledgedAt: at };
    },
    {
      validator: ({ departmentId }) => {
        if (departmentId !== input.departmentId) throw ApplicationFailure.nonRetryable('不能签收其他部门的意见书', RectificationRefusal.ForbiddenDepartment);
        if (state.acknowledged || acknowledging) throw ApplicationFailure.nonRetryable('意见书已签收', RectificationRefusal.AlreadyAcknowledged);
      },
    },
  );

  // The items' workflows: started by an activity (no parent: each ends on its own when closed; the
  // time-skipping test server also cannot skip time once a child outlives its closed parent); runs
  // from before OPERATORS_VIEW_PATCH started them as abandoned children.
  const itemInput = (item: LetterWorkflowInput['items'][number]): RectificationWorkflowInput => ({
    itemId: item.itemId,
    letterId: input.letterId,
    campaignId: input.campaignId,
    year: input.year,
    departmentId: input.departmentId,
    deadlineAtMs: item.deadlineAtMs,
    objectionDueAtMs: input.objectionDueAtMs,
    schedule: item.schedule,
  });
  if (operatorsView && input.items.length > 0) {
    const items = input.items.map((item) => ({ input: itemInput(item), summary: summaries.rectification(input.year, input.departmentName, input.documentNumber, item.title) }));
    await trouble.background(() => acts.startRectificationWorkflows({ items }));
  }
  for (const item of operatorsView ? [] : input.items) {
    await startChild(rectificationWorkflow, {
      workflowId: rectificationWorkflowId(item.itemId),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      staticSummary: summaries.rectification(input.year, input.departmentName, input.documentNumber, item.title),
      args: [itemInput(item)],
    });
  }

  const settled = () => state.acknowledged || campaignClosed;
  for (const step of input.schedule) {
    if (settled()) break;
    if (step.atMs > Date.now() && (await condition(settled, step.atMs - Date.now()))) break;
    if (acknowledging) await condition(() => !acknowledging);
    if (settled()) break;
    let recorded = false;
    await trouble.background(async () => {
      if (settled()) return; // acknowledged while the step was in trouble
      await acts.recordEscalation({ campaignId: input.campaignId, departmentId: input.departmentId, targetType: 'opinion_letter', targetId: input.letterId, round: 1, kind: step.kind, at: new Date(step.atMs).toISOString() });
      recorded = true;
    });
    if (recorded) state.escalations.push(step.kind);
  }
  await condition(settled);
  if (!state.acknowledged) keepStatus('closed');
  await condition(allHandlersFinished);
  return state;
}
