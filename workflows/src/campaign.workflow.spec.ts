/** The campaign workflow on the time-skipping server: paged fan-out, a year of phases, closing. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { campaignStateQuery, closeCampaignUpdate, executeDrawUpdate, type AnnualReportActivities, type CycleActivities, type FanOutPage } from '@rol/contracts';
import { DAY_MS } from '@rol/domain';
import { testWorkflowBundle } from '../test/bundle';
import { timeSkippingEnvironment } from '../test/time-skipping';
import { FAN_OUT_PAGE_SIZE, type campaignWorkflow } from './campaign.workflow';

describe('campaignWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundle;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([timeSkippingEnvironment(), testWorkflowBundle()]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  /** A fake department table of `count` ids, paged by the activities as the real ones do. */
  function fakeActivities(count: number) {
    const ids = Array.from({ length: count }, (_, i) => `dept-${String(i).padStart(5, '0')}`);
    const page = (p: FanOutPage) => {
      const from = p.after === null ? 0 : ids.indexOf(p.after) + 1;
      const slice = ids.slice(from, from + p.limit);
      return { count: slice.length, last: slice.at(-1) ?? null, done: slice.length < p.limit };
    };
    const calls = { started: [] as FanOutPage[], signalled: [] as FanOutPage[], phases: [] as string[], closed: [] as { actorId: string | null; closedAt: string }[], escalated: [] as string[], draws: 0 };
    const activities: Partial<CycleActivities> = {
      startDepartmentWorkflows: async (p) => (calls.started.push(p), page(p)),
      signalCampaignClosed: async (p) => (calls.signalled.push(p), page(p)),
      recordCampaignPhase: async ({ phase }) => void calls.phases.push(phase),
      closeCampaign: async ({ actorId, closedAt }) => void calls.closed.push({ actorId, closedAt }),
      escalateUnfinishedReviews: async ({ at }) => (calls.escalated.push(at), 7),
      performDraw: async () => (calls.draws++, { candidateCount: 100, sampleCount: 5, assignmentCount: 5, unassignedCount: 0 }),
      carryOverRectifications: async () => ({ count: 0, last: null, done: true }),
      signalClosedWorkflows: async () => ({ count: 0, last: null, done: true }),
    };
    // The 年度报告 deadline child the campaign starts: already due, so it ends at once (an abandoned
    // child left waiting on a queue without a worker would stop the server skipping time in later tests).
    const annualReport: AnnualReportActivities = {
      annualReportSchedule: async () => ({ dueAt: new Date(0).toISOString(), remindAt: null }),
      remindAnnualReport: async () => 0,
      markAnnualReportOverdue: async () => 0,
    };
    Object.assign(activities, annualReport);
    return { calls, activities };
  }

  it('starts departments page by page, follows the calendar through every phase, and closes on its date', async () => {
    const departments = 2 * FAN_OUT_PAGE_SIZE + 37;
    const { calls, activities } = fakeActivities(departments);
    const t0 = await env.currentTimeMs();
    const at = (days: number) => new Date(t0 + days * DAY_MS).toISOString();
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'campaign-year', workflowBundle: bundle, activities });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof campaignWorkflow>('campaignWorkflow', {
        taskQueue: 'campaign-year',
        workflowId: 'campaign-year',
        args: [{
          campaignId: 'c-year',
          year: 2026,
          calendar: { selfCheckOpensAt: at(60), reviewOpensAt: at(120), opinionsOpensAt: at(180), rectificationOpensAt: at(210), assessmentOpensAt: at(300), closesAt: at(340) },
        }],
      });
      await env.sleep(DAY_MS);
      expect(await handle.query(campaignStateQuery)).toMatchObject({ phase: 'priorities', departmentsStarted: departments, fanOutDone: true });
      expect(calls.started.map((p) => p.after)).toEqual([null, 'dept-00199', 'dept-00399']);

      await env.sleep(130 * DAY_MS);
      expect((await handle.query(campaignStateQuery)).phase).toBe('review');

      const result = await handle.result(); // the server skips ahead to the closing date
      expect(result).toMatchObject({ phase: 'closed', closed: true });
      expect(calls.phases).toEqual(['self_check', 'review', 'opinions', 'rectification', 'assessment']);
      expect(calls.closed).toEqual([{ actorId: null, closedAt: expect.any(String) }]);
      const closedAt = Date.parse(calls.closed[0].closedAt);
      expect(closedAt).toBeGreaterThanOrEqual(Date.parse(at(340)));
      expect(closedAt).toBeLessThan(Date.parse(at(340)) + 60_000);
      expect(calls.signalled).toHaveLength(3);
    });
  });

  it('draws once, and escalates unfinished reviews when the review window closes', async () => {
    const { calls, activities } = fakeActivities(3);
    const t0 = await env.currentTimeMs();
    const at = (days: number) => new Date(t0 + days * DAY_MS).toISOString();
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'campaign-review', workflowBundle: bundle, activities });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof campaignWorkflow>('campaignWorkflow', {
        taskQueue: 'campaign-review',
        workflowId: 'campaign-review',
        args: [{ campaignId: 'c-review', year: 2028, calendar: { reviewOpensAt: at(100), reviewClosesAt: at(160), closesAt: at(300) } }],
      });
      await env.sleep(100 * DAY_MS);
      expect(await handle.executeUpdate(executeDrawUpdate, { args: [{ actorId: 'admin' }] })).toMatchObject({ sampleCount: 5 });
      await expect(handle.executeUpdate(executeDrawUpdate, { args: [{ actorId: 'admin' }] })).rejects.toMatchObject({ cause: { type: 'DRAW_ALREADY_DONE' } });
      expect(calls.escalated).toEqual([]);
      await env.sleep(61 * DAY_MS);
      expect(calls.escalated).toEqual([at(160)]);
      expect(await handle.query(campaignStateQuery)).toMatchObject({ phase: 'review', reviewsEscalated: 7, draw: { sampleCount: 5 } });
      expect(calls.draws).toBe(1);
      await handle.executeUpdate(closeCampaignUpdate, { args: [{ actorId: 'admin' }] });
    });
  });

  it('closes early when the office asks, and tells every department', async () => {
    const { calls, activities } = fakeActivities(5);
    const t0 = await env.currentTimeMs();
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'campaign-early', workflowBundle: bundle, activities });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof campaignWorkflow>('campaignWorkflow', {
        taskQueue: 'campaign-early',
        workflowId: 'campaign-early',
        args: [{ campaignId: 'c-early', year: 2027, calendar: { closesAt: new Date(t0 + 300 * DAY_MS).toISOString() } }],
      });
      await env.sleep(10 * DAY_MS);
      const state = await handle.executeUpdate(closeCampaignUpdate, { args: [{ actorId: 'admin-1' }] });
      expect(state).toMatchObject({ phase: 'closed', closed: true });
      await handle.result();
      expect(calls.closed).toEqual([{ actorId: 'admin-1', closedAt: expect.any(String) }]);
      expect(Date.parse(calls.closed[0].closedAt)).toBeLessThan(t0 + 11 * DAY_MS);
      expect(calls.signalled).toEqual([{ campaignId: 'c-early', year: 2027, after: null, limit: FAN_OUT_PAGE_SIZE }]);
    });
  });
});
