/** Rectification on the time-skipping server: the ladder across months, an extension, an objection, a reopen. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import {
  acknowledgeLetterUpdate,
  decideExtensionUpdate,
  decideObjectionUpdate,
  decideReportUpdate,
  fileObjectionUpdate,
  rectificationStateQuery,
  rectificationWorkflowId,
  reopenUpdate,
  requestExtensionUpdate,
  submitReportUpdate,
  StatusKey,
  type RectificationActivities,
  type ScheduledStep,
} from '@rol/contracts';
import { DAY_MS } from '@rol/domain';
import { testWorkflowBundle } from '../test/bundle';
import { timeSkippingEnvironment } from '../test/time-skipping';
import type { letterWorkflow } from './letter.workflow';
import type { rectificationWorkflow } from './rectification.workflow';

const DEPT = 'dept-1';
/** remind 3 days before, urge 1 day after, interview 10 after, notice 20 after (calendar days in this test). */
const ladder = (deadline: number): ScheduledStep[] => [
  { kind: 'remind', atMs: deadline - 3 * DAY_MS },
  { kind: 'urge', atMs: deadline + DAY_MS },
  { kind: 'interview', atMs: deadline + 10 * DAY_MS },
  { kind: 'notice', atMs: deadline + 20 * DAY_MS },
];

describe('rectification (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundle;
  beforeAll(async () => {
    [env, bundle] = await Promise.all([timeSkippingEnvironment(), testWorkflowBundle()]);
  });
  afterAll(async () => {
    await env?.teardown();
  });
  /** Every test leaves nothing running behind it (their timers would fire during the next test's sleeps). */
  const running: WorkflowHandle[] = [];
  afterEach(async () => {
    for (const h of running.splice(0)) await h.terminate('test over').catch(() => undefined);
  });

  function fakes() {
    const escalations: { target: string; kind: string; round: number; at: string }[] = [];
    const log: string[] = [];
    const activities: Partial<RectificationActivities> = {
      recordEscalation: async (e) => void escalations.push({ target: e.targetId, kind: e.kind, round: e.round, at: e.at }),
      recordAcknowledgement: async () => void log.push('ack'),
      recordReport: async ({ version }) => void log.push(`report@${version}`),
      recordReportDecision: async ({ decision, closedOnTime }) => void log.push(`${decision}${closedOnTime ? ':on-time' : ':late'}`),
      recordExtensionRequest: async ({ seq }) => void log.push(`extension-request@${seq}`),
      recordExtensionDecision: async ({ approve }) => void log.push(`extension-${approve ? 'approved' : 'refused'}`),
      recordObjection: async () => void log.push('objection'),
      recordObjectionDecision: async ({ uphold }) => void log.push(uphold ? 'upheld' : 'withdrawn'),
      recordReopen: async ({ round }) => void log.push(`reopen@${round}`),
      scheduleLadder: async ({ deadlineAtMs }) => ladder(deadlineAtMs),
      startRectificationWorkflows: async ({ items }) => {
        for (const { input, summary } of items) await env.client.workflow.start('rectificationWorkflow', { taskQueue: 'rect', workflowId: rectificationWorkflowId(input.itemId), args: [input], staticSummary: summary });
      },
    };
    return { escalations, log, activities };
  }

  async function refusal(p: Promise<unknown>): Promise<string | undefined> {
    try {
      await p;
      return undefined;
    } catch (err) {
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      return ((err as WorkflowUpdateFailedError).cause as { type?: string }).type;
    }
  }

  async function start(id: string, t0: number, deadlineDays: number, objectionDays = 10) {
    const deadline = t0 + deadlineDays * DAY_MS;
    const h = await env.client.workflow.start<typeof rectificationWorkflow>('rectificationWorkflow', {
      taskQueue: 'rect',
      workflowId: id,
      args: [{ itemId: id, letterId: 'l', campaignId: 'c', year: 2026, departmentId: DEPT, deadlineAtMs: deadline, objectionDueAtMs: t0 + objectionDays * DAY_MS, schedule: ladder(deadline) }],
    });
    running.push(h);
    return h;
  }

  it('climbs the whole ladder over months, each step once with its time, then closes late', async () => {
    const { escalations, log, activities } = fakes();
    const t0 = await env.currentTimeMs();
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'rect', workflowBundle: bundle, activities });
    await worker.runUntil(async () => {
      const h = await start('ladder', t0, 30);
      await env.sleep(60 * DAY_MS);
      expect(escalations.map((e) => [e.kind, Math.round((Date.parse(e.at) - t0) / DAY_MS)])).toEqual([
        ['remind', 27],
        ['urge', 31],
        ['interview', 40],
        ['notice', 50],
      ]);
      await h.executeUpdate(submitReportUpdate, { args: [{ departmentId: DEPT, actorId: 'u', report: '已整改', evidence: [] }] });
      expect(await refusal(h.executeUpdate(submitReportUpdate, { args: [{ departmentId: DEPT, actorId: 'u', report: 'again', evidence: [] }] }))).toBe('RECTIFICATION_STATE_CONFLICT');
      expect((await h.executeUpdate(decideReportUpdate, { args: [{ actorId: 'o', decision: 'accepted', reason: '' }] })).status).toBe('closed');
      expect(log).toEqual(['report@1', 'accepted:late']);
      expect(escalations).toHaveLength(4);
    });
  });

  it('moves the running deadline when an extension is approved; a returned report comes back; closes on time', async () => {
    const { escalations, log, activities } = fakes();
    const t0 = await env.currentTimeMs();
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'rect', workflowBundle: bundle, activities });
    await worker.runUntil(async () => {
      const h: WorkflowHandle<typeof rectificationWorkflow> = await start('extension', t0, 30);
      await env.sleep(20 * DAY_MS);
      expect(await refusal(h.executeUpdate(requestExtensionUpdate, { args: [{ departmentId: DEPT, actorId: 'u', reason: '需协调', requestedDeadlineAtMs: t0 + 10 * DAY_MS }] }))).toBe('EXTENSION_INVALID');
      expect(await refusal(h.executeUpdate(requestExtensionUpdate, { args: [{ departmentId: 'other', actorId: 'u', reason: 'x', requestedDeadlineAtMs: t0 + 90 * DAY_MS }] }))).toBe('FORBIDDEN_DEPARTMENT');
      await h.executeUpdate(requestExtensionUpdate, { args: [{ departmentId: DEPT, actorId: 'u', reason: '需协调多部门', requestedDeadlineAtMs: t0 + 90 * DAY_MS }] });
      const approved = await h.executeUpdate(decideExtensionUpdate, { args: [{ actorId: 'o', approve: true, note: '同意' }] });
      expect(approved.deadlineAtMs).toBe(t0 + 90 * DAY_MS);
      await env.sleep(40 * DAY_MS); // day 60: past the old deadline, before the new one's reminder
      expect(escalations).toEqual([]);
      await env.sleep(28 * DAY_MS); // day 88: reminded against the new deadline
      expect(escalations.map((e) => e.kind)).toEqual(['remind']);
      await h.executeUpdate(submitReportUpdate, { args: [{ departmentId: DEPT, actorId: 'u', report: '第一稿', evidence: [] }] });
      expect((await h.executeUpdate(decideReportUpdate, { args: [{ actorId: 'o', decision: 'returned', reason: '佐证不足' }] })).status).toBe('returned');
      await h.executeUpdate(submitReportUpdate, { args: [{ departmentId: DEPT, actorId: 'u', report: '第二稿', evidence: [{ name: 'e', uri: 'u' }] }] });
      await h.executeUpdate(decideReportUpdate, { args: [{ actorId: 'o', decision: 'accepted', reason: '' }] });
      expect(log).toEqual(['extension-request@1', 'extension-approved', 'report@1', 'returned:on-time', 'report@2', 'accepted:on-time']);
      await env.sleep(30 * DAY_MS);
      expect(escalations.map((e) => e.kind)).toEqual(['remind']); // closed: the ladder stops
    });
  });

  it('pauses the ladder during an objection (within its window only), withdraws the item on decision', async () => {
    const { escalations, log, activities } = fakes();
    const t0 = await env.currentTimeMs();
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'rect', workflowBundle: bundle, activities });
    await worker.runUntil(async () => {
      const late = await start('objection-late', t0, 30, 5);
      await env.sleep(6 * DAY_MS);
      expect(await refusal(late.executeUpdate(fileObjectionUpdate, { args: [{ departmentId: DEPT, actorId: 'u', reason: '事实认定有误' }] }))).toBe('OBJECTION_WINDOW_CLOSED');
      await late.terminate('test done');

      const h = await start('objection', await env.currentTimeMs(), 30, 10);
      await h.executeUpdate(fileObjectionUpdate, { args: [{ departmentId: DEPT, actorId: 'u', reason: '该案卷不属于我单位' }] });
      await env.sleep(40 * DAY_MS); // the ladder waits while the objection is pending
      expect(escalations).toEqual([]);
      const withdrawn = await h.executeUpdate(decideObjectionUpdate, { args: [{ actorId: 'o', uphold: false, note: '经复查撤销' }] });
      expect(withdrawn.status).toBe('withdrawn');
      expect((await h.result()).status).toBe('withdrawn');
      expect(log).toEqual(['objection', 'withdrawn']);
    });
  });

  it('a closed item\'s workflow completes; 回头看 starts it again with its history and a new round of the ladder', async () => {
    const { escalations, log, activities } = fakes();
    const t0 = await env.currentTimeMs();
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'rect', workflowBundle: bundle, activities });
    await worker.runUntil(async () => {
      const h = await start('reopen', t0, 30);
      await h.executeUpdate(submitReportUpdate, { args: [{ departmentId: DEPT, actorId: 'u', report: '已整改', evidence: [] }] });
      await h.executeUpdate(decideReportUpdate, { args: [{ actorId: 'o', decision: 'accepted', reason: '' }] });
      const ended = await h.result(); // 销号: the workflow ends, "Running" means work remains
      expect(ended).toMatchObject({ status: 'closed', round: 1, reportVersion: 1 });
      expect((await h.describe()).typedSearchAttributes.get(StatusKey)).toBe('closed');
      await env.sleep(100 * DAY_MS);
      expect(escalations).toEqual([]);
      // As RectificationsService.resumeIfEnded does: a new run with the same id, its state as recorded.
      const deadline = (await env.currentTimeMs()) + 20 * DAY_MS;
      const again = await env.client.workflow.start<typeof rectificationWorkflow>('rectificationWorkflow', {
        taskQueue: 'rect',
        workflowId: 'reopen',
        workflowIdConflictPolicy: 'USE_EXISTING',
        args: [{ itemId: 'reopen', letterId: 'l', campaignId: 'c', year: 2026, departmentId: DEPT, deadlineAtMs: ended.deadlineAtMs, objectionDueAtMs: t0, schedule: [], campaignClosed: true, resumedForReopen: true, state: { ...ended, schedule: [], fired: [] } }],
      });
      running.push(again);
      expect(again.firstExecutionRunId).not.toBe(h.firstExecutionRunId);
      const reopened = await again.executeUpdate(reopenUpdate, { args: [{ actorId: 'o', reason: '回头看发现问题反弹', deadlineAtMs: deadline }] });
      expect(reopened).toMatchObject({ status: 'open', round: 2, fired: [], reportVersion: 1 });
      expect((await again.describe()).typedSearchAttributes.get(StatusKey)).toBe('open');
      await env.sleep(25 * DAY_MS);
      expect(escalations.map((e) => [e.kind, e.round])).toEqual([['remind', 2], ['urge', 2]]);
      expect(log).toEqual(['report@1', 'accepted:on-time', 'reopen@2']);
      await again.executeUpdate(submitReportUpdate, { args: [{ departmentId: DEPT, actorId: 'u', report: '再次整改', evidence: [] }] });
      await again.executeUpdate(decideReportUpdate, { args: [{ actorId: 'o', decision: 'accepted', reason: '' }] });
      expect(await again.result()).toMatchObject({ status: 'closed', round: 2, reportVersion: 2 });
    });
  });

  it('a letter starts its items and chases its acknowledgement until the department signs', async () => {
    const { escalations, log, activities } = fakes();
    const t0 = await env.currentTimeMs();
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'rect', workflowBundle: bundle, activities });
    await worker.runUntil(async () => {
      const due = t0 + 5 * DAY_MS;
      const h = await env.client.workflow.start<typeof letterWorkflow>('letterWorkflow', {
        taskQueue: 'rect',
        workflowId: 'letter-1',
        args: [{ letterId: 'letter-1', campaignId: 'c', year: 2026, departmentId: DEPT, acknowledgeDueAtMs: due, schedule: [{ kind: 'remind', atMs: due - 2 * DAY_MS }, { kind: 'urge', atMs: due + DAY_MS }], items: [{ itemId: 'i-1', deadlineAtMs: t0 + 60 * DAY_MS, schedule: ladder(t0 + 60 * DAY_MS) }], objectionDueAtMs: t0 + 10 * DAY_MS }],
      });
      await env.sleep(7 * DAY_MS);
      expect(escalations.filter((e) => e.target === 'letter-1').map((e) => e.kind)).toEqual(['remind', 'urge']);
      expect(await refusal(h.executeUpdate(acknowledgeLetterUpdate, { args: [{ departmentId: 'other', actorId: 'x' }] }))).toBe('FORBIDDEN_DEPARTMENT');
      await h.executeUpdate(acknowledgeLetterUpdate, { args: [{ departmentId: DEPT, actorId: 'u' }] });
      expect(await h.result()).toMatchObject({ acknowledged: true });
      expect(log).toEqual(['ack']);
      const item = env.client.workflow.getHandle(rectificationWorkflowId('i-1'));
      running.push(item);
      expect((await item.query(rectificationStateQuery)).status).toBe('open'); // outlives the letter
    });
  });
});
