/** 年度交替 on the time-skipping server: next year's draft, and what closing a campaign ends or carries over. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { campaignClosedSignal, closeCampaignUpdate, rectificationStateQuery, type CycleActivities, type FanOutPage, type RectificationActivities } from '@rol/contracts';
import { DAY_MS } from '@rol/domain';
import { testWorkflowBundle } from '../test/bundle';
import { timeSkippingEnvironment } from '../test/time-skipping';
import type { campaignWorkflow } from './campaign.workflow';
import type { letterWorkflow } from './letter.workflow';
import type { prepareNextCampaignWorkflow } from './turn-of-year.workflow';
import type { rectificationWorkflow } from './rectification.workflow';

describe('turn of the year (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundle;
  beforeAll(async () => {
    [env, bundle] = await Promise.all([timeSkippingEnvironment(), testWorkflowBundle()]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('prepares next year\'s draft through its activity, once per run', async () => {
    const calls: string[] = [];
    const activities: Partial<CycleActivities> = { prepareNextCampaign: async ({ at }) => (calls.push(at), { year: 2027, draft: 'pending' as const }) };
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'prepare', workflowBundle: bundle, activities });
    await worker.runUntil(async () => {
      const run = () => env.client.workflow.execute<typeof prepareNextCampaignWorkflow>('prepareNextCampaignWorkflow', { taskQueue: 'prepare', workflowId: 'prepare-next', args: [] });
      expect(await run()).toEqual({ year: 2027, draft: 'pending' });
      expect(await run()).toEqual({ year: 2027, draft: 'pending' }); // the activity finds the draft there: the same answer
      expect(calls).toHaveLength(2);
    });
  });

  it('at close carries open items over page by page, then tells finished items and letters to end', async () => {
    const pages = { carry: [] as (FanOutPage & { closedAt: string })[], signal: [] as (FanOutPage & { kind: string })[] };
    const carryIds = Array.from({ length: 450 }, (_, i) => `item-${String(i).padStart(4, '0')}`);
    const activities: Partial<CycleActivities> = {
      startDepartmentWorkflows: async () => ({ count: 0, last: null, done: true }),
      signalCampaignClosed: async () => ({ count: 0, last: null, done: true }),
      recordCampaignPhase: async () => undefined,
      closeCampaign: async () => undefined,
      carryOverRectifications: async (p) => {
        pages.carry.push(p);
        const from = p.after === null ? 0 : carryIds.indexOf(p.after) + 1;
        const slice = carryIds.slice(from, from + p.limit);
        return { count: slice.length, last: slice.at(-1) ?? null, done: slice.length < p.limit };
      },
      signalClosedWorkflows: async (p) => (pages.signal.push(p), { count: 1, last: 'x', done: true }),
    };
    const t0 = await env.currentTimeMs();
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'close-year', workflowBundle: bundle, activities });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof campaignWorkflow>('campaignWorkflow', {
        taskQueue: 'close-year',
        workflowId: 'campaign-close-year',
        args: [{ campaignId: 'c-2026', year: 2026, calendar: { closesAt: new Date(t0 + 300 * DAY_MS).toISOString() } }],
      });
      await handle.executeUpdate(closeCampaignUpdate, { args: [{ actorId: 'admin' }] });
      expect(await handle.result()).toMatchObject({ closed: true });
      expect((await handle.describe()).status.name).toBe('COMPLETED');
    });
    expect(pages.carry.map((p) => p.after)).toEqual([null, 'item-0199', 'item-0399']);
    expect(pages.carry.every((p) => p.year === 2026 && p.campaignId === 'c-2026')).toBe(true);
    expect(pages.signal.map((p) => p.kind)).toEqual(['items', 'letters']);
  });

  it('a closed item\'s workflow completes at its 销号, an open one keeps running when its campaign closes, and a letter not acknowledged ends', async () => {
    const activities: Partial<RectificationActivities> = {
      recordEscalation: async () => undefined,
      recordReport: async () => undefined,
      recordReportDecision: async () => undefined,
    };
    const t0 = await env.currentTimeMs();
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'items-end', workflowBundle: bundle, activities });
    await worker.runUntil(async () => {
      const start = (itemId: string) =>
        env.client.workflow.start<typeof rectificationWorkflow>('rectificationWorkflow', {
          taskQueue: 'items-end',
          workflowId: `rect-${itemId}`,
          args: [{ itemId, letterId: 'l1', campaignId: 'c1', year: 2026, departmentId: 'd1', deadlineAtMs: t0 + 30 * DAY_MS, objectionDueAtMs: t0 + 10 * DAY_MS, schedule: [] }],
        });
      const [closed, open] = await Promise.all([start('closed'), start('open')]);
      await closed.executeUpdate('submitReport', { args: [{ departmentId: 'd1', actorId: 'u1', report: '已整改', evidence: [] }] });
      await closed.executeUpdate('decideReport', { args: [{ actorId: 'admin', decision: 'accepted', reason: '' }] });
      expect(await closed.result()).toMatchObject({ status: 'closed' }); // without waiting for the campaign's close
      expect((await closed.describe()).status.name).toBe('COMPLETED');
      await open.signal(campaignClosedSignal);
      // (checked before awaiting a result: the time-skipping server would skip the open one's time away meanwhile)
      expect((await open.query(rectificationStateQuery)).status).toBe('open');
      expect((await open.describe()).status.name).toBe('RUNNING');
      await open.terminate('test over');

      const letter = await env.client.workflow.start<typeof letterWorkflow>('letterWorkflow', {
        taskQueue: 'items-end',
        workflowId: 'letter-unacknowledged',
        args: [{ letterId: 'l2', campaignId: 'c1', year: 2026, departmentId: 'd1', acknowledgeDueAtMs: t0 + 5 * DAY_MS, schedule: [], items: [], objectionDueAtMs: t0 + 10 * DAY_MS }],
      });
      await letter.signal(campaignClosedSignal);
      expect(await letter.result()).toMatchObject({ acknowledged: false });
    });
  });
});
