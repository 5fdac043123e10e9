import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
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
  UpdateRefusal,
  campaignClosedSignal,
  completeTaskUpdate,
  decideSelfCheckUpdate,
  departmentStateQuery,
  submitSelfCheckUpdate,
  type CompleteTaskInput,
  type CycleActivities,
  type DepartmentWorkflowInput,
  type DepartmentWorkflowState,
  type TrackedTask,
} from '@rol/contracts';
import { Phase, SelfCheckStatus, TaskStatus, isLate, nextPhaseChangeAt, phaseAt, submissionRefusal } from '@rol/domain';
import { SHORT_WRITE, USER_STEP } from './activity-options';
import { OPERATORS_VIEW_PATCH, statusKeeper } from './status';
import { trackTrouble, type Trouble } from './trouble';

const acts = proxyActivities<CycleActivities>(SHORT_WRITE);
/** The steps of a person's request (the Updates): retries short enough for the waiting request. */
const personActs = proxyActivities<CycleActivities>(USER_STEP);

/**
 * One long-lived workflow per department and campaign: it creates the department's tasks,
 * records a reminder before each deadline and marks the task overdue after it (durable timers),
 * and takes the department's completions as Updates, each persisted exactly once. `Phase` follows the
 * campaign's calendar, `Status` is active → closed; a failing background step puts it in trouble (`Failing`).
 */
export async function departmentWorkflow(input: DepartmentWorkflowInput): Promise<DepartmentWorkflowState> {
  const state: DepartmentWorkflowState = input.state ?? {
    tasks: [],
    tasksCreated: false,
    campaignClosed: false,
    selfCheck: { status: SelfCheckStatus.Draft, version: 0 },
  };
  const selfCheckWindow = {
    opensAtMs: input.calendar.selfCheckOpensAt ? Date.parse(input.calendar.selfCheckOpensAt) : undefined,
    closesAtMs: input.calendar.selfCheckClosesAt ? Date.parse(input.calendar.selfCheckClosesAt) : undefined,
  };
  const operatorsView = patched(OPERATORS_VIEW_PATCH);
  const phaseNow = () => (state.campaignClosed ? Phase.Closed : operatorsView ? phaseAt(input.calendar, Date.now()) : Phase.Priorities);
  let phase = phaseNow();
  upsertSearchAttributes([
    { key: CampaignIdKey, value: input.campaignId },
    { key: CampaignYearKey, value: input.year },
    { key: DepartmentIdKey, value: input.departmentId },
    { key: PhaseKey, value: phase },
  ]);
  const trouble = trackTrouble(operatorsView);
  const keepStatus = statusKeeper(operatorsView);
  keepStatus(state.campaignClosed ? 'closed' : 'active');
  /** Keeps `Phase` true: at each change of the calendar's phase (and at the close) it is upserted. */
  async function followPhases(): Promise<void> {
    for (let next = nextPhaseChangeAt(input.calendar, Date.now()); next !== undefined; next = nextPhaseChangeAt(input.calendar, Date.now())) {
      if (await condition(() => state.campaignClosed, next - Date.now())) return;
      if (phaseNow() !== phase) {
        phase = phaseNow();
        upsertSearchAttributes([{ key: PhaseKey, value: phase }]);
      }
    }
  }
  if (operatorsView) void followPhases();

  setHandler(departmentStateQuery, () => state);
  setHandler(campaignClosedSignal, () => {
    state.campaignClosed = true;
  });
  setHandler(
    completeTaskUpdate,
    async (request) => {
      // A completion can arrive while the tasks are still being created: wait, then check again.
      await condition(() => state.tasksCreated);
      validateCompletion(state, input.departmentId, request);
      const task = findTask(state, request.taskId);
      task.completing = true;
      const completedAtMs = Date.now();
      const late = isLate(completedAtMs, task.dueAtMs);
      const completedAt = new Date(completedAtMs).toISOString();
      try {
        await trouble.forPerson(() =>
          personActs.recordTaskCompletion({
            taskId: task.taskId,
            actorId: request.actorId,
            note: request.note,
            evidence: request.evidence,
            completedAt,
            late,
          }),
        );
      } finally {
        task.completing = false;
      }
      task.status = TaskStatus.Completed;
      task.completedAtMs = completedAtMs;
      log.info('task completion applied', { taskId: task.taskId, late }); // not a command: replay-safe, not logged on replay
      return { taskId: task.taskId, completedAt, late };
    },
    { validator: (request) => validateCompletion(state, input.departmentId, request) },
  );

  setHandler(
    submitSelfCheckUpdate,
    async (request) => {
      const selfCheck = state.selfCheck;
      selfCheck.busy = true;
      const version = selfCheck.version + 1;
      const submittedAt = new Date(Date.now()).toISOString();
      try {
        await trouble.forPerson(() =>
          personActs.recordSelfCheckSubmission({
            campaignId: input.campaignId,
            departmentId: input.departmentId,
            actorId: request.actorId,
            version,
            answers: request.answers,
            submittedAt,
          }),
        );
      } finally {
        selfCheck.busy = false;
      }
      selfCheck.status = SelfCheckStatus.Submitted;
      selfCheck.version = version;
      return { version, submittedAt };
    },
    {
      validator: (request) => {
        refuseIf(request.departmentId !== input.departmentId, UpdateRefusal.ForbiddenDepartment, '不能报送其他部门的自查');
        refuseIf(state.campaignClosed, UpdateRefusal.CampaignClosed, '本年度工作周期已结束');
        refuseIf(Boolean(state.selfCheck.busy), UpdateRefusal.SelfCheckNotEditable, '自查正在处理中，请稍后');
        const refusal = submissionRefusal(state.selfCheck.status, selfCheckWindow, Date.now());
        if (refusal) throw ApplicationFailure.nonRetryable(SUBMISSION_MESSAGES[refusal], refusal);
      },
    },
  );
  setHandler(
    decideSelfCheckUpdate,
    async (request) => {
      const selfCheck = state.selfCheck;
      selfCheck.busy = true;
      const decidedAt = new Date(Date.now()).toISOString();
      try {
        await trouble.forPerson(() =>
          personActs.recordSelfCheckDecision({
            campaignId: input.campaignId,
            departmentId: input.departmentId,
            actorId: request.actorId,
            version: selfCheck.version,
            decision: request.decision,
            comment: request.comment,
            decidedAt,
          }),
        );
      } finally {
        selfCheck.busy = false;
      }
      selfCheck.status = request.decision === 'accepted' ? SelfCheckStatus.Accepted : SelfCheckStatus.Returned;
      return { version: selfCheck.version, status: selfCheck.status };
    },
    {
      validator: (_request) => {
        refuseIf(
          state.selfCheck.status !== SelfCheckStatus.Submitted || Boolean(state.selfCheck.busy),
          UpdateRefusal.SelfCheckNotSubmitted,
          '只能审核已报送且尚未审核的自查',
        );
      },
    },
  );

  if (!state.tasksCreated) {
    const schedules = await trouble.background(() =>
      acts.createDepartmentTasks({
        campaignId: input.campaignId,
        departmentId: input.departmentId,
      }),
    );
    state.tasks = schedules.map((s) => ({
      taskId: s.taskId,
      dueAtMs: Date.parse(s.dueAt),
      remindAtMs: s.remindAt ? Date.parse(s.remindAt) : undefined,
      status: s.status,
      reminded: false,
      overdue: false,
      completedAtMs: s.completedAt ? Date.parse(s.completedAt) : undefined,
    }));
    state.tasksCreated = true;
  }

  for (const task of state.tasks) void watchDeadline(task, state, trouble);
  void watchSelfCheckWindow(input, state, selfCheckWindow.closesAtMs, trouble);

  await condition(() => state.campaignClosed || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  if (!state.campaignClosed) {
    await continueAsNew<typeof departmentWorkflow>({ ...input, state });
  }
  upsertSearchAttributes([{ key: PhaseKey, value: Phase.Closed }]);
  keepStatus('closed');
  return state;
}

/**
 * Reminder before the deadline, overdue after it; both stop as soon as the task is done. A completion
 * accepted before the moment but still being written (the worker may have died mid-write) counts:
 * the timer waits for that write to finish before it decides.
 */
async function watchDeadline(task: TrackedTask, state: DepartmentWorkflowState, trouble: Trouble): Promise<void> {
  const settled = () => task.status !== TaskStatus.Open || state.campaignClosed;
  const settledOnceWritten = async () => {
    if (task.completing) await condition(() => !task.completing);
    return settled();
  };
  if (!task.reminded && task.remindAtMs !== undefined && task.remindAtMs > Date.now()) {
    if (await condition(settled, task.remindAtMs - Date.now())) return;
    if (await settledOnceWritten()) return;
    const at = new Date(task.remindAtMs).toISOString();
    await trouble.background(async () => {
      if (!settled()) await acts.recordTaskReminder({ taskId: task.taskId, at }); // done while in trouble: no reminder
    });
    task.reminded = true;
  }
  if (!task.overdue && task.status === TaskStatus.Open) {
    if (task.dueAtMs > Date.now() && (await condition(settled, task.dueAtMs - Date.now()))) return;
    if (await settledOnceWritten()) return;
    const at = new Date(task.dueAtMs).toISOString();
    await trouble.background(async () => {
      if (!settled()) await acts.markTaskOverdue({ taskId: task.taskId, at }); // done while in trouble: not overdue
    });
    task.overdue = true;
  }
}

/** When the self-check window closes with nothing submitted, the department is 逾期未报. */
async function watchSelfCheckWindow(input: DepartmentWorkflowInput, state: DepartmentWorkflowState, closesAtMs: number | undefined, trouble: Trouble): Promise<void> {
  if (closesAtMs === undefined || state.selfCheck.status !== SelfCheckStatus.Draft) return;
  const submittedOrClosed = () => state.selfCheck.status !== SelfCheckStatus.Draft || Boolean(state.selfCheck.busy) || state.campaignClosed;
  if (closesAtMs > Date.now() && (await condition(submittedOrClosed, closesAtMs - Date.now()))) return;
  if (submittedOrClosed()) return;
  state.selfCheck.status = SelfCheckStatus.NotSubmitted;
  await trouble.background(() =>
    acts.markSelfCheckNotSubmitted({
      campaignId: input.campaignId,
      departmentId: input.departmentId,
      at: new Date(closesAtMs).toISOString(),
    }),
  );
}

const SUBMISSION_MESSAGES: Record<NonNullable<ReturnType<typeof submissionRefusal>>, string> = {
  SELF_CHECK_WINDOW_NOT_OPEN: '自查报送尚未开始',
  SELF_CHECK_WINDOW_CLOSED: '自查报送已截止（逾期未报）',
  SELF_CHECK_NOT_EDITABLE: '自查已报送或已通过，不能重复报送',
};

function refuseIf(condition: boolean, type: string, message: string): void {
  if (condition) throw ApplicationFailure.nonRetryable(message, type);
}

function findTask(state: DepartmentWorkflowState, taskId: string): TrackedTask {
  const task = state.tasks.find((t) => t.taskId === taskId);
  if (!task) throw ApplicationFailure.nonRetryable('任务不存在', UpdateRefusal.TaskNotFound);
  return task;
}

/** Runs before an Update is accepted: a refused completion never enters the history. */
function validateCompletion(state: DepartmentWorkflowState, departmentId: string, request: CompleteTaskInput): void {
  if (request.departmentId !== departmentId) {
    throw ApplicationFailure.nonRetryable('不能办理其他部门的任务', UpdateRefusal.ForbiddenDepartment);
  }
  if (state.campaignClosed) {
    throw ApplicationFailure.nonRetryable('本年度工作周期已结束，不能再报送完成情况', UpdateRefusal.CampaignClosed);
  }
  if (!state.tasksCreated) return; // decided again once the tasks exist
  const task = findTask(state, request.taskId);
  if (task.status !== TaskStatus.Open || task.completing) {
    throw ApplicationFailure.nonRetryable('该任务已报送完成，不能重复报送', UpdateRefusal.TaskAlreadyCompleted);
  }
}
