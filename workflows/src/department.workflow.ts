import {
  ApplicationFailure,
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
  DepartmentIdKey,
  PhaseKey,
  UpdateRefusal,
  campaignClosedSignal,
  completeTaskUpdate,
  departmentStateQuery,
  type CompleteTaskInput,
  type CycleActivities,
  type DepartmentWorkflowInput,
  type DepartmentWorkflowState,
  type TrackedTask,
} from '@rol/contracts';
import { Phase, TaskStatus, isLate } from '@rol/domain';

const acts = proxyActivities<CycleActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One long-lived workflow per department and campaign: it creates the department's tasks,
 * records a reminder before each deadline and marks the task overdue after it (durable timers),
 * and takes the department's completions as Updates, each persisted exactly once.
 */
export async function departmentWorkflow(input: DepartmentWorkflowInput): Promise<DepartmentWorkflowState> {
  const state: DepartmentWorkflowState = input.state ?? { tasks: [], tasksCreated: false, campaignClosed: false };
  upsertSearchAttributes([
    { key: CampaignIdKey, value: input.campaignId },
    { key: CampaignYearKey, value: input.year },
    { key: DepartmentIdKey, value: input.departmentId },
    { key: PhaseKey, value: state.campaignClosed ? Phase.Closed : Phase.Priorities },
  ]);

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
        await acts.recordTaskCompletion({
          taskId: task.taskId,
          actorId: request.actorId,
          note: request.note,
          evidence: request.evidence,
          completedAt,
          late,
        });
      } finally {
        task.completing = false;
      }
      task.status = TaskStatus.Completed;
      task.completedAtMs = completedAtMs;
      return { taskId: task.taskId, completedAt, late };
    },
    { validator: (request) => validateCompletion(state, input.departmentId, request) },
  );

  if (!state.tasksCreated) {
    const schedules = await acts.createDepartmentTasks({
      campaignId: input.campaignId,
      departmentId: input.departmentId,
    });
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

  for (const task of state.tasks) void watchDeadline(task, state);

  await condition(() => state.campaignClosed || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  if (!state.campaignClosed) {
    await continueAsNew<typeof departmentWorkflow>({ ...input, state });
  }
  upsertSearchAttributes([{ key: PhaseKey, value: Phase.Closed }]);
  return state;
}

/** Reminder before the deadline, overdue after it; both stop as soon as the task is done. */
async function watchDeadline(task: TrackedTask, state: DepartmentWorkflowState): Promise<void> {
  const settled = () => task.status !== TaskStatus.Open || state.campaignClosed;
  if (!task.reminded && task.remindAtMs !== undefined && task.remindAtMs > Date.now()) {
    if (await condition(settled, task.remindAtMs - Date.now())) return;
    await acts.recordTaskReminder({ taskId: task.taskId, at: new Date(task.remindAtMs).toISOString() });
    task.reminded = true;
  }
  if (!task.overdue && task.status === TaskStatus.Open) {
    if (task.dueAtMs > Date.now() && (await condition(settled, task.dueAtMs - Date.now()))) return;
    if (settled()) return;
    await acts.markTaskOverdue({ taskId: task.taskId, at: new Date(task.dueAtMs).toISOString() });
    task.overdue = true;
  }
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
