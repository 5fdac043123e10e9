/** The 年度报告 deadline on the time-skipping server: a reminder ahead of the due date, the overdue notice at it, started by the campaign. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { annualReportWorkflowId, type AnnualReportActivities, type CycleActivities, type FanOutPage } from '@rol/contracts';
import { DAY_MS } from '@rol/domain';
import { testWorkflowBundle } from '../test/bundle';
import { timeSkippingEnvironment } from '../test/time-skipping';
import type { annualReportWorkflow } from './annual-report.workflow';
import type { campaignWorkflow } from './campaign.workflow';

describe('annualReportWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundle;
  beforeAll(async () => {
    [env, bundle] = await Promise.all([timeSkippingEnvironment(), testWorkflowBundle()]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  function fake(dueInDays: number, remindDaysBefore: number | null, t0: number) {
    const calls = { reminded: [] as string[], overdue: [] as string[] };
    const activities: AnnualReportActivities = {
      annualReportSchedule: async () => ({
        dueAt: new Date(t0 + dueInDays * DAY_MS).toISOString(),
        remindAt: remindDaysBefore === null ? null : new Date(t0 + (dueInDays - remindDaysBefore) * DAY_MS).toISOString(),
      }),
      remindAnnualReport: async ({ at }) => (calls.reminded.push(at), 3),
      markAnnualReportOverdue: async ({ at }) => (calls.overdue.push(at), 1),
    };
    return { calls, activities };
  }

  it('reminds once, reminder_days_before ahead of the due date, then sends the overdue notice at the due date', async () => {
    const t0 = await env.currentTimeMs();
    const { calls, activities } = fake(400, 7, t0);
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'annual-report', workflowBundle: bundle, activities });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof annualReportWorkflow>('annualReportWorkflow', {
        taskQueue: 'annual-report', workflowId: 'annual-report-1', args: [{ campaignId: 'c-1', year: 2026 }],
      });
      await env.sleep(392 * DAY_MS);
      expect(calls.reminded).toEqual([]);
      await env.sleep(2 * DAY_MS);
      expect(calls.reminded).toEqual([new Date(t0 + 393 * DAY_MS).toISOString()]);
      expect(calls.overdue).toEqual([]);
      expect(await handle.result()).toEqual({ reminded: 3, overdue: 1 });
      expect(calls.overdue).toEqual([new Date(t0 + 400 * DAY_MS).toISOString()]);
      expect(calls.reminded).toHaveLength(1);
    });
  });

  it('sends no reminder when the reminder time was not after the campaign was created, and only the overdue notice', async () => {
    const t0 = await env.currentTimeMs();
    const { calls, activities } = fake(3, null, t0);
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'annual-report-2', workflowBundle: bundle, activities });
    await worker.runUntil(async () => {
      const result = await env.client.workflow.execute<typeof annualReportWorkflow>('annualReportWorkflow', {
        taskQueue: 'annual-report-2', workflowId: 'annual-report-2', args: [{ campaignId: 'c-2', year: 2026 }],
      });
      expect(result).toEqual({ reminded: null, overdue: 1 });
      expect(calls.reminded).toEqual([]);
    });
  });

  it('is started by the campaign at its start, and outlives the campaign (ParentClosePolicy ABANDON)', async () => {
    const t0 = await env.currentTimeMs();
    const { calls, activities } = fake(60, 5, t0);
    const page = (p: FanOutPage) => ({ count: 0, last: null, done: true, ...(p && {}) });
    const cycle: Partial<CycleActivities> = {
      startDepartmentWorkflows: async (p) => page(p),
      signalCampaignClosed: async (p) => page(p),
      recordCampaignPhase: async () => undefined,
      closeCampaign: async () => undefined,
      carryOverRectifications: async (p) => page(p),
      signalClosedWorkflows: async (p) => page(p),
    };
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'annual-report-3', workflowBundle: bundle, activities: { ...cycle, ...activities } });
    await worker.runUntil(async () => {
      const campaign = await env.client.workflow.execute<typeof campaignWorkflow>('campaignWorkflow', {
        taskQueue: 'annual-report-3', workflowId: 'campaign-c-3', args: [{ campaignId: 'c-3', year: 2026, calendar: { closesAt: new Date(t0 + 10 * DAY_MS).toISOString() } }],
      });
      expect(campaign).toMatchObject({ closed: true });
      const child = env.client.workflow.getHandle(annualReportWorkflowId('c-3'));
      const described = await child.describe();
      expect(described.parentExecution?.workflowId).toBe('campaign-c-3');
      expect(await child.result()).toEqual({ reminded: 3, overdue: 1 });
      expect(calls.reminded).toEqual([new Date(t0 + 55 * DAY_MS).toISOString()]);
    });
  });
});
