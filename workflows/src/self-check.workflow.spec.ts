/** The self-check window on the time-skipping server: opens and closes on the calendar. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { campaignClosedSignal, decideSelfCheckUpdate, departmentStateQuery, submitSelfCheckUpdate, type CycleActivities } from '@rol/contracts';
import { DAY_MS } from '@rol/domain';
import { testWorkflowBundle } from '../test/bundle';
import { timeSkippingEnvironment } from '../test/time-skipping';
import type { departmentWorkflow } from './department.workflow';

const DEPT = '11111111-1111-4111-8111-111111111111';

describe('self-check window (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundle;
  beforeAll(async () => {
    [env, bundle] = await Promise.all([timeSkippingEnvironment(), testWorkflowBundle()]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  function fakes() {
    const calls = { submissions: [] as number[], decisions: [] as string[], notSubmitted: [] as string[] };
    const activities: Partial<CycleActivities> = {
      createDepartmentTasks: async () => [],
      recordSelfCheckSubmission: async ({ version }) => void calls.submissions.push(version),
      recordSelfCheckDecision: async ({ decision, version }) => void calls.decisions.push(`${decision}@${version}`),
      markSelfCheckNotSubmitted: async ({ at }) => void calls.notSubmitted.push(at),
    };
    return { calls, activities };
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

  async function start(id: string, taskQueue: string, t0: number) {
    const at = (days: number) => new Date(t0 + days * DAY_MS).toISOString();
    return env.client.workflow.start<typeof departmentWorkflow>('departmentWorkflow', {
      taskQueue,
      workflowId: id,
      args: [{ campaignId: id, year: 2026, departmentId: DEPT, calendar: { selfCheckOpensAt: at(30), selfCheckClosesAt: at(60), closesAt: at(300) } }],
    });
  }

  const submit = (h: WorkflowHandle<typeof departmentWorkflow>) =>
    h.executeUpdate(submitSelfCheckUpdate, { args: [{ departmentId: DEPT, actorId: 'u', answers: { 'pub-1': { value: 'yes' } } }] });
  const decide = (h: WorkflowHandle<typeof departmentWorkflow>, decision: 'accepted' | 'returned') =>
    h.executeUpdate(decideSelfCheckUpdate, { args: [{ actorId: 'office', decision, comment: decision === 'returned' ? '请补充佐证' : '' }] });

  it('refuses before the window, takes a submission in it, returns, and takes the resubmission after it closed', async () => {
    const { calls, activities } = fakes();
    const t0 = await env.currentTimeMs();
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'sc-1', workflowBundle: bundle, activities });
    await worker.runUntil(async () => {
      const h = await start('sc-1', 'sc-1', t0);
      expect(await refusal(submit(h))).toBe('SELF_CHECK_WINDOW_NOT_OPEN');
      await env.sleep(35 * DAY_MS);
      expect(await submit(h)).toMatchObject({ version: 1 });
      expect(await refusal(submit(h))).toBe('SELF_CHECK_NOT_EDITABLE');
      expect(await decide(h, 'returned')).toEqual({ version: 1, status: 'returned' });
      expect(await refusal(decide(h, 'accepted'))).toBe('SELF_CHECK_NOT_SUBMITTED');
      await env.sleep(30 * DAY_MS); // day 65: the window has closed, but a returned self-check may come back
      expect(await submit(h)).toMatchObject({ version: 2 });
      expect(await decide(h, 'accepted')).toEqual({ version: 2, status: 'accepted' });
      expect(calls).toEqual({ submissions: [1, 2], decisions: ['returned@1', 'accepted@2'], notSubmitted: [] });
      await h.signal(campaignClosedSignal);
      await h.result();
    });
  });

  it('marks a department that has not submitted when the window closes as not submitted (逾期未报)', async () => {
    const { calls, activities } = fakes();
    const t0 = await env.currentTimeMs();
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'sc-2', workflowBundle: bundle, activities });
    await worker.runUntil(async () => {
      const h = await start('sc-2', 'sc-2', t0);
      await env.sleep(61 * DAY_MS);
      expect(calls.notSubmitted).toEqual([new Date(t0 + 60 * DAY_MS).toISOString()]);
      expect((await h.query(departmentStateQuery)).selfCheck.status).toBe('not_submitted');
      expect(await refusal(submit(h))).toBe('SELF_CHECK_WINDOW_CLOSED');
      await h.signal(campaignClosedSignal);
      await h.result();
    });
  });
});
