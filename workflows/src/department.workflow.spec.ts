/**
 * The department workflow on the time-skipping test server: months of simulated time pass in
 * seconds. Activities are recorded fakes here (this tier tests the workflow's timing and rules);
 * the real activities run in the end-to-end suite.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import {
  campaignClosedSignal,
  completeTaskUpdate,
  departmentStateQuery,
  type CycleActivities,
  type RecordCompletionInput,
  type TaskSchedule,
} from '@rol/contracts';
import { DAY_MS } from '@rol/domain';
import { testWorkflowBundle } from '../test/bundle';
import { timeSkippingEnvironment } from '../test/time-skipping';
import type { departmentWorkflow } from './department.workflow';

const DEPT = '11111111-1111-4111-8111-111111111111';

describe('departmentWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundle;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([timeSkippingEnvironment(), testWorkflowBundle()]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  function fakeActivities(tasks: TaskSchedule[]) {
    const calls = {
      reminders: [] as { taskId: string; at: string }[],
      overdue: [] as { taskId: string; at: string }[],
      completions: [] as RecordCompletionInput[],
    };
    const activities: Partial<CycleActivities> = {
      createDepartmentTasks: async () => tasks,
      recordTaskReminder: async (input) => void calls.reminders.push(input),
      markTaskOverdue: async (input) => void calls.overdue.push(input),
      recordTaskCompletion: async (input) => void calls.completions.push(input),
    };
    return { calls, activities };
  }

  function complete(handle: WorkflowHandle<typeof departmentWorkflow>, taskId: string, departmentId = DEPT) {
    return handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId, departmentId, actorId: 'user-1', note: '已完成', evidence: [{ name: 'e', uri: 'u' }] }],
    });
  }

  async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
    try {
      await promise;
      return undefined;
    } catch (err) {
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      return ((err as WorkflowUpdateFailedError).cause as { type?: string }).type;
    }
  }

  it('reminds before each deadline, marks overdue after it, and records on-time and late completions', async () => {
    const t0 = await env.currentTimeMs();
    const at = (days: number) => new Date(t0 + days * DAY_MS).toISOString();
    const tasks: TaskSchedule[] = [
      { taskId: 'on-time', dueAt: at(30), remindAt: at(27), status: 'open', completedAt: null },
      { taskId: 'late', dueAt: at(60), remindAt: at(57), status: 'open', completedAt: null },
      { taskId: 'after-reminder', dueAt: at(120), remindAt: at(117), status: 'open', completedAt: null },
    ];
    const { calls, activities } = fakeActivities(tasks);
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'dept-timing', workflowBundle: bundle, activities });

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof departmentWorkflow>('departmentWorkflow', {
        taskQueue: 'dept-timing',
        workflowId: 'dept-timing',
        args: [{ campaignId: 'c1', year: 2026, departmentId: DEPT, calendar: { closesAt: at(400) } }],
      });
      await env.sleep(10 * DAY_MS);
      expect(await complete(handle, 'on-time')).toMatchObject({ taskId: 'on-time', late: false });

      await env.sleep(55 * DAY_MS); // day 65: past the second deadline
      expect(calls.reminders.map((r) => r.taskId)).toEqual(['late']);
      expect(calls.overdue).toEqual([{ taskId: 'late', at: at(60) }]);
      expect(calls.reminders[0].at).toBe(at(57));
      expect(await complete(handle, 'late')).toMatchObject({ taskId: 'late', late: true });

      await env.sleep(53 * DAY_MS); // day 118: reminded, not yet due
      expect(calls.reminders.map((r) => r.taskId)).toEqual(['late', 'after-reminder']);
      expect(await complete(handle, 'after-reminder')).toMatchObject({ late: false });

      await env.sleep(30 * DAY_MS);
      expect(calls.overdue.map((o) => o.taskId)).toEqual(['late']); // completed tasks never go overdue
      expect(calls.completions.map((c) => [c.taskId, c.late])).toEqual([
        ['on-time', false],
        ['late', true],
        ['after-reminder', false],
      ]);
      const state = await handle.query(departmentStateQuery);
      expect(state.tasks.every((t) => t.status === 'completed')).toBe(true);

      await handle.signal(campaignClosedSignal);
      const result = await handle.result();
      expect(result.campaignClosed).toBe(true);
    });
  });

  it('does not mark overdue a task whose completion was accepted before the deadline but written after it', async () => {
    const t0 = await env.currentTimeMs();
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    const { calls, activities } = fakeActivities([{ taskId: 't', dueAt: at(30 * DAY_MS), remindAt: null, status: 'open', completedAt: null }]);
    // The write takes 3 s (a slow database, a worker dying mid-write): the deadline, 1 s after the
    // completion was accepted, passes while it is in flight.
    activities.recordTaskCompletion = async (input) => {
      await new Promise((r) => setTimeout(r, 3000));
      calls.completions.push(input);
    };
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'dept-in-flight', workflowBundle: bundle, activities });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof departmentWorkflow>('departmentWorkflow', {
        taskQueue: 'dept-in-flight',
        workflowId: 'dept-in-flight',
        args: [{ campaignId: 'c3', year: 2026, departmentId: DEPT, calendar: { closesAt: at(400 * DAY_MS) } }],
      });
      await env.sleep(30 * DAY_MS - 1000);
      expect(await complete(handle, 't')).toMatchObject({ taskId: 't', late: false });
      expect(await env.currentTimeMs()).toBeGreaterThan(t0 + 30 * DAY_MS); // the deadline did pass during the write
      await env.sleep(DAY_MS);
      expect(calls.overdue).toEqual([]);
      expect(calls.completions.map((c) => [c.taskId, c.late])).toEqual([['t', false]]);
      await handle.signal(campaignClosedSignal);
      await handle.result();
    });
  });

  it('refuses a second completion, another department and an unknown task, in its validator', async () => {
    const t0 = await env.currentTimeMs();
    const at = (days: number) => new Date(t0 + days * DAY_MS).toISOString();
    const { calls, activities } = fakeActivities([
      { taskId: 'a', dueAt: at(30), remindAt: at(27), status: 'open', completedAt: null },
      { taskId: 'b', dueAt: at(30), remindAt: null, status: 'open', completedAt: null },
    ]);
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'dept-refusals', workflowBundle: bundle, activities });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof departmentWorkflow>('departmentWorkflow', {
        taskQueue: 'dept-refusals',
        workflowId: 'dept-refusals',
        args: [{ campaignId: 'c2', year: 2026, departmentId: DEPT, calendar: { closesAt: at(400) } }],
      });
      await complete(handle, 'a');
      expect(await refusal(complete(handle, 'a'))).toBe('TASK_ALREADY_COMPLETED');
      expect(await refusal(complete(handle, 'b', '22222222-2222-4222-8222-222222222222'))).toBe('FORBIDDEN_DEPARTMENT');
      expect(await refusal(complete(handle, 'missing'))).toBe('TASK_NOT_FOUND');
      await handle.signal(campaignClosedSignal);
      await handle.result();
      expect(calls.completions.map((c) => c.taskId)).toEqual(['a']);
    });
  });
});
