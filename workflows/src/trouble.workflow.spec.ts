/**
 * Failure surfaces instead of hanging (issue 10), on the time-skipping server with fault-injected
 * activities: bounded attempts, then `Failing` and `troubleQuery`; `retryNow` after the fault is gone;
 * a person's failed step answers STEP_FAILED and leaves no lock behind; a DomainError is not retried.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import {
  FailingKey,
  PhaseKey,
  StatusKey,
  departmentStateQuery,
  rectificationStateQuery,
  retryNowSignal,
  submitReportUpdate,
  troubleQuery,
  type CycleActivities,
  type RectificationActivities,
  type ScheduledStep,
} from '@rol/contracts';
import { DAY_MS, DomainError, ErrorCode } from '@rol/domain';
import { ACTIVITY_INTERCEPTORS } from '@rol/worker';
import { testWorkflowBundle } from '../test/bundle';
import { timeSkippingEnvironment } from '../test/time-skipping';
import { BACKGROUND_ATTEMPTS, USER_STEP_ATTEMPTS } from './activity-options';
import { STEP_FAILED_MESSAGE } from './trouble';
import type { departmentWorkflow } from './department.workflow';
import type { rectificationWorkflow } from './rectification.workflow';

const DEPT = 'dept-1';

describe('workflows in trouble (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundle;
  beforeAll(async () => {
    [env, bundle] = await Promise.all([timeSkippingEnvironment(), testWorkflowBundle()]);
  });
  afterAll(async () => {
    await env?.teardown();
  });
  const running: WorkflowHandle[] = [];
  afterEach(async () => {
    for (const h of running.splice(0)) await h.terminate('test over').catch(() => undefined);
  });

  /** An activity that fails while `fault.on` (as a database refusing the write would), counting its calls. */
  function faulty(fault: { on: boolean; error?: () => Error }) {
    const calls = { escalation: 0, report: 0 };
    const activities: Partial<RectificationActivities> = {
      recordEscalation: async () => {
        calls.escalation++;
        if (fault.on) throw fault.error?.() ?? new Error('数据库拒绝写入 escalations（故障注入）');
      },
      recordReport: async () => {
        calls.report++;
        if (fault.on) throw fault.error?.() ?? new Error('数据库拒绝写入 rectification_reports（故障注入）');
      },
    };
    return { calls, activities };
  }

  function worker(taskQueue: string, activities: object) {
    return Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities, interceptors: ACTIVITY_INTERCEPTORS });
  }

  async function startItem(taskQueue: string, id: string, schedule: (t0: number) => ScheduledStep[]) {
    const t0 = await env.currentTimeMs();
    const h = await env.client.workflow.start<typeof rectificationWorkflow>('rectificationWorkflow', {
      taskQueue,
      workflowId: id,
      args: [{ itemId: id, letterId: 'l', campaignId: 'c', year: 2026, departmentId: DEPT, deadlineAtMs: t0 + 30 * DAY_MS, objectionDueAtMs: t0 + 10 * DAY_MS, schedule: schedule(t0) }],
    });
    running.push(h);
    return h;
  }

  /** Polls (the time-skipping server skips the retries' pauses meanwhile). */
  async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = await read();
      if (ok(v) || Date.now() > until) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const failing = async (h: WorkflowHandle) => (await h.describe()).typedSearchAttributes.get(FailingKey);

  async function updateRefusal(p: Promise<unknown>): Promise<{ type?: string; message: string }> {
    try {
      await p;
    } catch (err) {
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (err as WorkflowUpdateFailedError).cause as { type?: string; message: string };
      return { type: cause.type, message: cause.message };
    }
    throw new Error('the update succeeded');
  }

  it('a background step failing past its bounded retries marks the workflow Failing and waits; retryNow after the fault is removed succeeds', async () => {
    const fault = { on: true };
    const { calls, activities } = faulty(fault);
    const w = await worker('trouble-bg', activities);
    await w.runUntil(async () => {
      const h = await startItem('trouble-bg', 'trouble-bg', (t0) => [{ kind: 'urge', atMs: t0 + DAY_MS }]);
      await env.sleep(DAY_MS + 60_000);
      const trouble = await eventually(() => h.query(troubleQuery), (t) => t !== null);
      expect(trouble).toMatchObject({ activity: 'recordEscalation', attempts: BACKGROUND_ATTEMPTS, error: '数据库拒绝写入 escalations（故障注入）' });
      expect(calls.escalation).toBe(BACKGROUND_ATTEMPTS); // bounded: no further attempt while it waits
      expect(await failing(h)).toBe(true);
      expect((await h.describe()).status.name).toBe('RUNNING'); // not failed
      expect((await h.query(rectificationStateQuery)).fired).toEqual([]);

      fault.on = false;
      await h.signal(retryNowSignal, { actorId: 'operator-1', reason: '数据库已恢复' });
      expect(await eventually(() => h.query(troubleQuery), (t) => t === null)).toBeNull();
      expect(await eventually(() => failing(h), (f) => f === false)).toBe(false);
      expect((await h.query(rectificationStateQuery)).fired).toEqual(['urge']);
      expect(calls.escalation).toBe(BACKGROUND_ATTEMPTS + 1);
    });
  });

  it('a background step in trouble tries again by itself after its pause: a short outage heals without an operator', async () => {
    const fault = { on: true };
    const { calls, activities } = faulty(fault);
    const w = await worker('trouble-auto', activities);
    await w.runUntil(async () => {
      const h = await startItem('trouble-auto', 'trouble-auto', (t0) => [{ kind: 'urge', atMs: t0 + DAY_MS }]);
      await env.sleep(DAY_MS + 60_000);
      await eventually(() => h.query(troubleQuery), (t) => t !== null);
      fault.on = false;
      await env.sleep(2 * 60 * 60_000); // past the automatic re-attempt (1 hour)
      expect(await eventually(() => h.query(rectificationStateQuery), (s) => s.fired.length === 1)).toMatchObject({ fired: ['urge'] });
      expect(await h.query(troubleQuery)).toBeNull();
      expect(await failing(h)).toBe(false);
      expect(calls.escalation).toBe(BACKGROUND_ATTEMPTS + 1);
    });
  });

  it('a person\'s step failing past its retries answers STEP_FAILED, marks Failing, and the next request is taken (no busy lock left)', async () => {
    const fault = { on: true };
    const { calls, activities } = faulty(fault);
    const w = await worker('trouble-person', activities);
    await w.runUntil(async () => {
      const h = await startItem('trouble-person', 'trouble-person', () => []);
      const report = { departmentId: DEPT, actorId: 'u', report: '已整改', evidence: [] };
      expect(await updateRefusal(h.executeUpdate(submitReportUpdate, { args: [report] }))).toEqual({ type: ErrorCode.StepFailed, message: STEP_FAILED_MESSAGE });
      expect(calls.report).toBe(USER_STEP_ATTEMPTS);
      const state = await h.query(rectificationStateQuery);
      expect(state).toMatchObject({ status: 'open', busy: false, reportVersion: 0 });
      expect(await h.query(troubleQuery)).toMatchObject({ activity: 'recordReport', attempts: USER_STEP_ATTEMPTS });
      expect(await eventually(() => failing(h), (f) => f === true)).toBe(true);

      fault.on = false;
      expect(await h.executeUpdate(submitReportUpdate, { args: [report] })).toMatchObject({ status: 'submitted', reportVersion: 1, busy: false });
      expect(await h.query(troubleQuery)).toBeNull();
      expect(await eventually(() => failing(h), (f) => f === false)).toBe(false);
      expect((await h.describe()).typedSearchAttributes.get(StatusKey)).toBe('submitted');
    });
  });

  it("a person's failed step that nobody retries stops marking the workflow after a while", async () => {
    const fault = { on: true };
    const { activities } = faulty(fault);
    const w = await worker('trouble-person-fades', activities);
    await w.runUntil(async () => {
      const h = await startItem('trouble-person-fades', 'trouble-person-fades', () => []);
      const report = { departmentId: DEPT, actorId: 'u', report: '已整改', evidence: [] };
      expect(await updateRefusal(h.executeUpdate(submitReportUpdate, { args: [report] }))).toMatchObject({ type: ErrorCode.StepFailed });
      expect(await eventually(() => failing(h), (f) => f === true)).toBe(true);
      fault.on = false; // fixed, but the person does not come back
      await env.sleep(31 * 60_000);
      expect(await eventually(() => h.query(troubleQuery), (t) => t === null)).toBeNull();
      expect(await eventually(() => failing(h), (f) => f === false)).toBe(false);
    });
  });

  it('a DomainError thrown by an activity is not retried: the Update answers its code and message after one attempt', async () => {
    const fault = { on: true, error: () => new DomainError(ErrorCode.RectificationStateConflict, '该整改事项已销号') };
    const { calls, activities } = faulty(fault);
    const w = await worker('trouble-domain', activities);
    await w.runUntil(async () => {
      const h = await startItem('trouble-domain', 'trouble-domain', (t0) => [{ kind: 'urge', atMs: t0 + DAY_MS }]);
      const report = { departmentId: DEPT, actorId: 'u', report: '已整改', evidence: [] };
      expect(await updateRefusal(h.executeUpdate(submitReportUpdate, { args: [report] }))).toEqual({ type: ErrorCode.RectificationStateConflict, message: '该整改事项已销号' });
      expect(calls.report).toBe(1);
      // In the background the same refusal is in trouble after one attempt.
      await env.sleep(DAY_MS + 60_000);
      expect(await eventually(() => h.query(troubleQuery), (t) => t !== null)).toMatchObject({ activity: 'recordEscalation', attempts: 1, error: '该整改事项已销号' });
      expect(calls.escalation).toBe(1);
    });
  });

  it('a department workflow whose task creation fails is in trouble, then creates them on retryNow; its Phase follows the calendar', async () => {
    const fault = { on: true };
    let creations = 0;
    const activities: Partial<CycleActivities> = {
      createDepartmentTasks: async () => {
        creations++;
        if (fault.on) throw new Error('数据库拒绝写入 tasks（故障注入）');
        return [];
      },
      markSelfCheckNotSubmitted: async () => undefined,
    };
    const t0 = await env.currentTimeMs();
    const at = (days: number) => new Date(t0 + days * DAY_MS).toISOString();
    const w = await worker('trouble-dept', activities);
    await w.runUntil(async () => {
      const h = await env.client.workflow.start<typeof departmentWorkflow>('departmentWorkflow', {
        taskQueue: 'trouble-dept',
        workflowId: 'trouble-dept',
        args: [{ campaignId: 'c', year: 2026, departmentId: DEPT, calendar: { selfCheckOpensAt: at(1), selfCheckClosesAt: at(20), closesAt: at(300) } }],
      });
      running.push(h);
      await env.sleep(60_000); // the retries' pauses, skipped
      expect(await eventually(() => h.query(troubleQuery), (t) => t !== null)).toMatchObject({ activity: 'createDepartmentTasks', attempts: BACKGROUND_ATTEMPTS });
      expect(creations).toBe(BACKGROUND_ATTEMPTS);
      expect(await failing(h)).toBe(true);
      fault.on = false;
      await h.signal(retryNowSignal, { actorId: 'operator-1', reason: '已修复' });
      expect(await eventually(() => h.query(departmentStateQuery), (s) => s.tasksCreated)).toMatchObject({ tasksCreated: true });
      expect(await eventually(() => failing(h), (f) => f === false)).toBe(false);
      expect((await h.describe()).typedSearchAttributes.get(PhaseKey)).toBe('priorities');
      await env.sleep(2 * DAY_MS);
      expect(await eventually(async () => (await h.describe()).typedSearchAttributes.get(PhaseKey), (p) => p === 'self_check')).toBe('self_check');
    });
  });
});
