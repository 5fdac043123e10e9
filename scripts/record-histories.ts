/**
 * Records the saved workflow histories that `workflows/src/replay.spec.ts` replays: one small,
 * representative run per scenario below, on the time-skipping test server with fake activities (the
 * workflow code is what is recorded; the activities only answer), each written to
 * `test/histories/<scenario>.json` in the JSON form of `temporal workflow show --output json`.
 *
 *   npm run record-histories                      # records the scenarios that have no file yet
 *   npm run record-histories -- <scenario>…       # records (and overwrites) these
 *   npm run record-histories -- --code-from <revision> --as <label> <scenario>…
 *                                                 # the same scenarios on an older revision's workflow code
 *
 * A saved history stays as it was recorded: it stands for the runs already in production. Record a
 * new scenario when a workflow gains a path worth keeping; never re-record one to make a failing replay
 * pass (a failing replay means running workflows would break: go through `patched()` instead; README,
 * "Changing workflow code").
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  acknowledgeLetterUpdate,
  campaignClosedSignal,
  closeCampaignUpdate,
  completeTaskUpdate,
  decideExtensionUpdate,
  decideObjectionUpdate,
  decideReportUpdate,
  decideSelfCheckUpdate,
  executeDrawUpdate,
  fileObjectionUpdate,
  reopenUpdate,
  requestExtensionUpdate,
  retryNowSignal,
  submitReportUpdate,
  submitSelfCheckUpdate,
  troubleQuery,
  type AnnualReportActivities,
  type CaseFileImportActivities,
  type CycleActivities,
  type FanOutPage,
  type RectificationActivities,
  type RectificationState,
  type ScheduledStep,
  type TaskSchedule,
} from '@rol/contracts';
import { DAY_MS } from '@rol/domain';
import { ACTIVITY_INTERCEPTORS, bundleWorkflows } from '@rol/worker';
import { historyToJson } from '../workflows/test/history-json';
import { timeSkippingEnvironment } from '../workflows/test/time-skipping';

const HISTORIES_DIR = path.join(__dirname, '..', 'test', 'histories');
const TASK_QUEUE = 'record-histories';
const DEPT = 'dept-1';

type Activities = CycleActivities & RectificationActivities & AnnualReportActivities & CaseFileImportActivities;

/** What the fake activities answer; a scenario sets what it needs before it starts its workflow. */
const fakes = {
  /** Activities that throw while listed here (as a database refusing the write would). */
  faults: new Set<keyof Activities>(),
  departments: ['dept-0', 'dept-1', 'dept-2'],
  tasks: [] as TaskSchedule[],
  annualReport: { dueAt: new Date(0).toISOString(), remindAt: null as string | null },
};

/** The escalation ladder around a deadline: remind 3 days before, urge 1 day after, interview 10 after. */
const ladder = (deadline: number): ScheduledStep[] => [
  { kind: 'remind', atMs: deadline - 3 * DAY_MS },
  { kind: 'urge', atMs: deadline + DAY_MS },
  { kind: 'interview', atMs: deadline + 10 * DAY_MS },
];

function page(p: FanOutPage) {
  const ids = fakes.departments;
  const from = p.after === null ? 0 : ids.indexOf(p.after) + 1;
  const slice = ids.slice(from, from + p.limit);
  return { count: slice.length, last: slice.at(-1) ?? null, done: slice.length < p.limit };
}

const answers: Activities = {
  startDepartmentWorkflows: async (p) => page(p),
  signalCampaignClosed: async (p) => page(p),
  recordCampaignPhase: async () => undefined,
  closeCampaign: async () => undefined,
  carryOverRectifications: async (p) => page(p),
  signalClosedWorkflows: async (p) => page(p),
  prepareNextCampaign: async () => ({ year: 2027, draft: 'pending' }),
  createDepartmentTasks: async () => fakes.tasks,
  recordTaskReminder: async () => undefined,
  markTaskOverdue: async () => undefined,
  recordTaskCompletion: async () => undefined,
  recordSelfCheckSubmission: async () => undefined,
  recordSelfCheckDecision: async () => undefined,
  markSelfCheckNotSubmitted: async () => undefined,
  escalateUnfinishedReviews: async () => 2,
  performDraw: async () => ({ candidateCount: 12, sampleCount: 3, assignmentCount: 6, unassignedCount: 0 }),
  recordAcknowledgement: async () => undefined,
  recordEscalation: async () => undefined,
  recordReport: async () => undefined,
  recordReportDecision: async () => undefined,
  recordExtensionRequest: async () => undefined,
  recordExtensionDecision: async () => undefined,
  recordObjection: async () => undefined,
  recordObjectionDecision: async () => undefined,
  recordReopen: async () => undefined,
  startRectificationWorkflows: async () => undefined,
  scheduleLadder: async ({ deadlineAtMs }) => ladder(deadlineAtMs),
  annualReportSchedule: async () => fakes.annualReport,
  remindAnnualReport: async () => 3,
  markAnnualReportOverdue: async () => 1,
  importCaseFileCatalogue: async () => 'succeeded',
  markCaseFileImportFailed: async () => 'failed',
};

const activities = Object.fromEntries(
  Object.entries(answers).map(([name, answer]) => [
    name,
    async (...args: unknown[]) => {
      if (fakes.faults.has(name as keyof Activities)) throw new Error(`数据库拒绝写入（故障注入：${name}）`);
      return (answer as (...a: unknown[]) => Promise<unknown>)(...args);
    },
  ]),
);

interface Ctx {
  env: TestWorkflowEnvironment;
  /** Starts `type` on the recording queue with the scenario's name as its id. */
  start(type: string, args: unknown[]): Promise<WorkflowHandle>;
  /** Days from the scenario's start (server time), as an ISO string / as milliseconds. */
  at(days: number): string;
  ms(days: number): number;
  /** Recording an older revision's code (`--code-from`): before issue 10 a closed item's workflow ended only with its campaign. */
  legacy: boolean;
}

/** Polls a workflow until `ok` (the server skips the retries' pauses meanwhile). */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`not reached within ${timeoutMs} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A background step failing past its retries: in trouble, then the operator's retryNow once the fault is gone. */
async function troubleThenRetryNow(ctx: Ctx, h: WorkflowHandle, activity: keyof Activities): Promise<void> {
  await ctx.env.sleep(60_000);
  await eventually(() => h.query(troubleQuery), (t) => t?.activity === activity);
  fakes.faults.delete(activity);
  await h.signal(retryNowSignal, { actorId: 'operator-1', reason: '数据库已恢复' });
  await eventually(() => h.query(troubleQuery), (t) => t === null);
}

const report = (text = '已整改') => ({ departmentId: DEPT, actorId: 'dept-user', report: text, evidence: [{ name: '整改佐证', uri: 'attachment:1' }] });

/** Each scenario: its name is `<workflow type>.<what it covers>`; it returns the handle whose history is saved, ended. */
const SCENARIOS: Record<string, (ctx: Ctx) => Promise<WorkflowHandle>> = {
  /** A whole year: fan-out, every phase on its timer, the draw (Update), the review window's escalation, close on its date, the turn of the year; patches annual-report-workflow, turn-of-year, operators-view. */
  'campaignWorkflow.year': async (ctx) => {
    const h = await ctx.start('campaignWorkflow', [{
      campaignId: 'c-year', year: 2026,
      calendar: { selfCheckOpensAt: ctx.at(30), reviewOpensAt: ctx.at(60), reviewClosesAt: ctx.at(90), opinionsOpensAt: ctx.at(120), rectificationOpensAt: ctx.at(150), assessmentOpensAt: ctx.at(180), closesAt: ctx.at(200) },
    }]);
    await ctx.env.sleep(61 * DAY_MS);
    await h.executeUpdate(executeDrawUpdate, { args: [{ actorId: 'office-admin' }] });
    await h.result();
    return h;
  },
  /** Closed early by the office (Update). */
  'campaignWorkflow.closed-early': async (ctx) => {
    const h = await ctx.start('campaignWorkflow', [{ campaignId: 'c-early', year: 2027, calendar: { selfCheckOpensAt: ctx.at(30), closesAt: ctx.at(300) } }]);
    await ctx.env.sleep(10 * DAY_MS);
    await h.executeUpdate(closeCampaignUpdate, { args: [{ actorId: 'office-admin' }] });
    await h.result();
    return h;
  },
  /**
   * The run after a continue-as-new (its input carries the fan-out and the draw). The continue-as-new
   * itself happens only past Temporal's suggestion (thousands of events), too big to keep here.
   */
  'campaignWorkflow.continued': async (ctx) => {
    const h = await ctx.start('campaignWorkflow', [{
      campaignId: 'c-continued', year: 2026, calendar: { reviewOpensAt: ctx.at(-10), opinionsOpensAt: ctx.at(20), closesAt: ctx.at(40) },
      startedThrough: 'dept-2', departmentsStarted: 3, fanOutDone: true, annualReportStarted: true,
      draw: { candidateCount: 12, sampleCount: 3, assignmentCount: 6, unassignedCount: 0 },
    }]);
    await h.result();
    return h;
  },
  /** The fan-out failing past its retries: in trouble, then retryNow. */
  'campaignWorkflow.in-trouble': async (ctx) => {
    fakes.faults.add('startDepartmentWorkflows');
    const h = await ctx.start('campaignWorkflow', [{ campaignId: 'c-trouble', year: 2026, calendar: { closesAt: ctx.at(300) } }]);
    await troubleThenRetryNow(ctx, h, 'startDepartmentWorkflows');
    await h.executeUpdate(closeCampaignUpdate, { args: [{ actorId: 'office-admin' }] });
    await h.result();
    return h;
  },

  /** Tasks: a completion on time, a reminder then an overdue mark then a late completion; the self-check submitted, returned, resubmitted, accepted; Phase followed; closed by the campaign (signal). */
  'departmentWorkflow.tasks-and-self-check': async (ctx) => {
    fakes.tasks = [
      { taskId: 't-on-time', dueAt: ctx.at(20), remindAt: ctx.at(17), status: 'open', completedAt: null },
      { taskId: 't-late', dueAt: ctx.at(25), remindAt: ctx.at(22), status: 'open', completedAt: null },
    ];
    const h = await ctx.start('departmentWorkflow', [{ campaignId: 'c-year', year: 2026, departmentId: DEPT, calendar: { selfCheckOpensAt: ctx.at(30), selfCheckClosesAt: ctx.at(60), reviewOpensAt: ctx.at(70), closesAt: ctx.at(300) } }]);
    const complete = (taskId: string) => h.executeUpdate(completeTaskUpdate, { args: [{ taskId, departmentId: DEPT, actorId: 'dept-user', note: '已完成', evidence: [{ name: '佐证', uri: 'attachment:2' }] }] });
    await ctx.env.sleep(5 * DAY_MS);
    await complete('t-on-time');
    await ctx.env.sleep(30 * DAY_MS); // day 35: t-late reminded and overdue; the self-check window open
    await complete('t-late');
    const submit = () => h.executeUpdate(submitSelfCheckUpdate, { args: [{ departmentId: DEPT, actorId: 'dept-user', answers: { 'q-1': { value: 'yes' } } }] });
    const decide = (decision: 'accepted' | 'returned') => h.executeUpdate(decideSelfCheckUpdate, { args: [{ actorId: 'office-staff', decision, comment: decision === 'returned' ? '请补充佐证' : '' }] });
    await submit();
    await decide('returned');
    await submit();
    await decide('accepted');
    await ctx.env.sleep(40 * DAY_MS); // day 75: into the review phase
    await h.signal(campaignClosedSignal);
    await h.result();
    return h;
  },
  /** The self-check window closes with nothing submitted (逾期未报). */
  'departmentWorkflow.self-check-not-submitted': async (ctx) => {
    fakes.tasks = [];
    const h = await ctx.start('departmentWorkflow', [{ campaignId: 'c-year', year: 2026, departmentId: DEPT, calendar: { selfCheckOpensAt: ctx.at(10), selfCheckClosesAt: ctx.at(20), closesAt: ctx.at(300) } }]);
    await ctx.env.sleep(21 * DAY_MS);
    await h.signal(campaignClosedSignal);
    await h.result();
    return h;
  },
  /** Creating the tasks fails past its retries: in trouble, then retryNow. */
  'departmentWorkflow.in-trouble': async (ctx) => {
    fakes.tasks = [{ taskId: 't-1', dueAt: ctx.at(20), remindAt: null, status: 'open', completedAt: null }];
    fakes.faults.add('createDepartmentTasks');
    const h = await ctx.start('departmentWorkflow', [{ campaignId: 'c-trouble', year: 2026, departmentId: DEPT, calendar: { closesAt: ctx.at(300) } }]);
    await troubleThenRetryNow(ctx, h, 'createDepartmentTasks');
    await ctx.env.sleep(21 * DAY_MS); // overdue
    await h.signal(campaignClosedSignal);
    await h.result();
    return h;
  },
  /** The run after a continue-as-new: its tasks in its input, one completed, one open going overdue. */
  'departmentWorkflow.continued': async (ctx) => {
    const state = {
      tasksCreated: true, campaignClosed: false, selfCheck: { status: 'submitted', version: 1 },
      tasks: [
        { taskId: 't-done', dueAtMs: ctx.ms(-5), status: 'completed', reminded: true, overdue: false, completedAtMs: ctx.ms(-6) },
        { taskId: 't-open', dueAtMs: ctx.ms(10), remindAtMs: ctx.ms(7), status: 'open', reminded: false, overdue: false },
      ],
    };
    const h = await ctx.start('departmentWorkflow', [{ campaignId: 'c-year', year: 2026, departmentId: DEPT, calendar: { selfCheckOpensAt: ctx.at(-20), closesAt: ctx.at(300) }, state }]);
    await ctx.env.sleep(11 * DAY_MS);
    await h.signal(campaignClosedSignal);
    await h.result();
    return h;
  },

  /** Issued: starts its items (activity), chased on its ladder, then acknowledged (Update). */
  'letterWorkflow.acknowledged': async (ctx) => {
    const due = ctx.ms(5);
    const h = await ctx.start('letterWorkflow', [{
      letterId: 'l-1', campaignId: 'c-year', year: 2026, departmentId: DEPT, acknowledgeDueAtMs: due, schedule: [{ kind: 'remind', atMs: due - 2 * DAY_MS }, { kind: 'urge', atMs: due + DAY_MS }],
      items: [{ itemId: 'i-1', deadlineAtMs: ctx.ms(60), schedule: ladder(ctx.ms(60)), title: '执法文书不规范' }], objectionDueAtMs: ctx.ms(10), documentNumber: '某司法监〔2026〕1号', departmentName: '市场监督管理局',
    }]);
    await ctx.env.sleep(7 * DAY_MS);
    await h.executeUpdate(acknowledgeLetterUpdate, { args: [{ departmentId: DEPT, actorId: 'dept-user' }] });
    await h.result();
    return h;
  },
  /** Never acknowledged: ends when its campaign closes (signal). */
  'letterWorkflow.closed-unacknowledged': async (ctx) => {
    const h = await ctx.start('letterWorkflow', [{ letterId: 'l-2', campaignId: 'c-year', year: 2026, departmentId: DEPT, acknowledgeDueAtMs: ctx.ms(5), schedule: [], items: [], objectionDueAtMs: ctx.ms(10) }]);
    await ctx.env.sleep(DAY_MS);
    await h.signal(campaignClosedSignal);
    await h.result();
    return h;
  },

  /** The ladder firing, an extension requested and approved (the ladder planned again by an activity), a report returned, resubmitted, accepted: 销号, the workflow completes. */
  'rectificationWorkflow.extension-then-closed': async (ctx) => {
    const deadline = ctx.ms(30);
    const h = await ctx.start('rectificationWorkflow', [{ itemId: 'i-ext', letterId: 'l-1', campaignId: 'c-year', year: 2026, departmentId: DEPT, deadlineAtMs: deadline, objectionDueAtMs: ctx.ms(10), schedule: ladder(deadline) }]);
    await ctx.env.sleep(28 * DAY_MS); // reminded
    await h.executeUpdate(requestExtensionUpdate, { args: [{ departmentId: DEPT, actorId: 'dept-user', reason: '需协调多部门', requestedDeadlineAtMs: ctx.ms(60) }] });
    await h.executeUpdate(decideExtensionUpdate, { args: [{ actorId: 'office-staff', approve: true, note: '同意' }] });
    await ctx.env.sleep(34 * DAY_MS); // day 62: urged against the new deadline (the reminder stays recorded)
    await h.executeUpdate(submitReportUpdate, { args: [report('第一稿')] });
    await h.executeUpdate(decideReportUpdate, { args: [{ actorId: 'office-staff', decision: 'returned', reason: '佐证不足' }] });
    await h.executeUpdate(submitReportUpdate, { args: [report('第二稿')] });
    await h.executeUpdate(decideReportUpdate, { args: [{ actorId: 'office-staff', decision: 'accepted', reason: '' }] });
    if (ctx.legacy) await h.signal(campaignClosedSignal);
    await h.result();
    return h;
  },
  /** An objection within its window pauses the ladder; decided not upheld: withdrawn. */
  'rectificationWorkflow.objection-withdrawn': async (ctx) => {
    const deadline = ctx.ms(30);
    const h = await ctx.start('rectificationWorkflow', [{ itemId: 'i-obj', letterId: 'l-1', campaignId: 'c-year', year: 2026, departmentId: DEPT, deadlineAtMs: deadline, objectionDueAtMs: ctx.ms(10), schedule: ladder(deadline) }]);
    await h.executeUpdate(fileObjectionUpdate, { args: [{ departmentId: DEPT, actorId: 'dept-user', reason: '该案卷不属于我单位' }] });
    await ctx.env.sleep(35 * DAY_MS);
    await h.executeUpdate(decideObjectionUpdate, { args: [{ actorId: 'office-staff', uphold: false, note: '经复查撤销' }] });
    await h.result();
    return h;
  },
  /** 回头看: the new run of an ended item (its state in its input) takes the reopen, a new round of the ladder, closes again. */
  'rectificationWorkflow.reopened': async (ctx) => {
    const ended: RectificationState = { status: 'closed', round: 1, deadlineAtMs: ctx.ms(-30), schedule: [], fired: [], reportVersion: 1, extensionSeq: 0, extensionPending: null, objection: null, busy: false };
    const h = await ctx.start('rectificationWorkflow', [{ itemId: 'i-reopen', letterId: 'l-1', campaignId: 'c-year', year: 2026, departmentId: DEPT, deadlineAtMs: ended.deadlineAtMs, objectionDueAtMs: ctx.ms(-40), schedule: [], campaignClosed: true, resumedForReopen: true, state: ended }]);
    await h.executeUpdate(reopenUpdate, { args: [{ actorId: 'office-staff', reason: '回头看发现问题反弹', deadlineAtMs: ctx.ms(20) }] });
    await ctx.env.sleep(22 * DAY_MS); // reminded, urged
    await h.executeUpdate(submitReportUpdate, { args: [report('再次整改')] });
    await h.executeUpdate(decideReportUpdate, { args: [{ actorId: 'office-staff', decision: 'accepted', reason: '' }] });
    await h.result();
    return h;
  },
  /** An escalation failing past its retries (in trouble, retryNow), then a person's step failing (STEP_FAILED), retried, accepted. */
  'rectificationWorkflow.in-trouble': async (ctx) => {
    const deadline = ctx.ms(30);
    const h = await ctx.start('rectificationWorkflow', [{ itemId: 'i-trouble', letterId: 'l-1', campaignId: 'c-year', year: 2026, departmentId: DEPT, deadlineAtMs: deadline, objectionDueAtMs: ctx.ms(10), schedule: [{ kind: 'urge', atMs: ctx.ms(1) }] }]);
    fakes.faults.add('recordEscalation');
    await ctx.env.sleep(DAY_MS);
    await troubleThenRetryNow(ctx, h, 'recordEscalation');
    fakes.faults.add('recordReport');
    const failed = await h.executeUpdate(submitReportUpdate, { args: [report()] }).then(() => 'accepted', (err: Error) => err.name);
    if (failed !== 'WorkflowUpdateFailedError') throw new Error(`expected STEP_FAILED, got ${failed}`);
    fakes.faults.delete('recordReport');
    await h.executeUpdate(submitReportUpdate, { args: [report()] });
    await h.executeUpdate(decideReportUpdate, { args: [{ actorId: 'office-staff', decision: 'accepted', reason: '' }] });
    await h.result();
    return h;
  },

  /** The 年度报告's reminder ahead of its due date, then the overdue notice (timers). */
  'annualReportWorkflow.reminded-then-overdue': async (ctx) => {
    fakes.annualReport = { dueAt: ctx.at(60), remindAt: ctx.at(53) };
    const h = await ctx.start('annualReportWorkflow', [{ campaignId: 'c-year', year: 2026 }]);
    await h.result();
    return h;
  },

  /** A catalogue file imported (the import's activity answers written). */
  'caseFileImportWorkflow.imported': async (ctx) => {
    const h = await ctx.start('caseFileImportWorkflow', [{ importId: 'import-1' }]);
    await h.result();
    return h;
  },
  /** The import fails past its retries: the job is marked failed. */
  'caseFileImportWorkflow.failed': async (ctx) => {
    fakes.faults.add('importCaseFileCatalogue');
    const h = await ctx.start('caseFileImportWorkflow', [{ importId: 'import-2' }]);
    await h.result();
    fakes.faults.delete('importCaseFileCatalogue');
    return h;
  },

  /** Next year's draft prepared (the yearly schedule's run). */
  'prepareNextCampaignWorkflow.prepared': async (ctx) => {
    const h = await ctx.start('prepareNextCampaignWorkflow', []);
    await h.result();
    return h;
  },
  /** Preparing the draft fails past its retries: in trouble, then retryNow. */
  'prepareNextCampaignWorkflow.in-trouble': async (ctx) => {
    fakes.faults.add('prepareNextCampaign');
    const h = await ctx.start('prepareNextCampaignWorkflow', []);
    await troubleThenRetryNow(ctx, h, 'prepareNextCampaign');
    await h.result();
    return h;
  },
};

/**
 * `--code-from <git revision> --as <label>`: runs the workflow code of that revision instead (its
 * workflows, contracts and domain, from `git archive`), saving `<scenario>.<label>.json`: the history
 * of a run started before a patch, which today's code must replay down the patch's old branch.
 */
function workflowsOf(revision: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rol-workflows-'));
  execFileSync('sh', ['-c', `git archive "$1" workflows libs/contracts libs/domain | tar -x -C "$2"`, 'sh', revision, root], { cwd: path.join(__dirname, '..') });
  fs.mkdirSync(path.join(root, 'node_modules', '@rol'), { recursive: true });
  fs.symlinkSync(path.join(root, 'libs', 'contracts'), path.join(root, 'node_modules', '@rol', 'contracts'));
  fs.symlinkSync(path.join(root, 'libs', 'domain'), path.join(root, 'node_modules', '@rol', 'domain'));
  fs.symlinkSync(path.join(__dirname, '..', 'node_modules', '@temporalio'), path.join(root, 'node_modules', '@temporalio'));
  return root;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  if (!value) throw new Error(`${name} needs a value`);
  return value;
}

async function main(): Promise<void> {
  const named = process.argv.slice(2);
  const codeFrom = option(named, '--code-from');
  const label = option(named, '--as');
  if (Boolean(codeFrom) !== Boolean(label)) throw new Error('--code-from <revision> goes with --as <label>');
  if (codeFrom && !named.length) throw new Error('--code-from: name the scenarios that code can run (its workflows may lack what the others need, e.g. retryNow)');
  const unknown = named.filter((n) => !(n in SCENARIOS));
  if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  const file = (name: string) => path.join(HISTORIES_DIR, `${name}${label ? `.${label}` : ''}.json`);
  const todo = named.length ? named : Object.keys(SCENARIOS).filter((n) => !fs.existsSync(file(n)));
  if (!todo.length) {
    console.log(`every scenario has its history in ${path.relative(process.cwd(), HISTORIES_DIR)}; name one to record it again`);
    return;
  }
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  Runtime.install({ logger: new DefaultLogger('ERROR') }); // the injected faults' warnings are expected
  const legacyRoot = codeFrom ? workflowsOf(codeFrom) : undefined;
  const bundle = bundleWorkflows(legacyRoot ? path.join(legacyRoot, 'workflows', 'src', 'index.ts') : undefined);
  const [env, workflowBundle] = await Promise.all([timeSkippingEnvironment(), bundle]);
  try {
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: TASK_QUEUE, workflowBundle, activities, interceptors: ACTIVITY_INTERCEPTORS });
    await worker.runUntil(async () => {
      for (const name of todo) {
        fakes.faults.clear();
        fakes.tasks = [];
        fakes.annualReport = { dueAt: new Date(0).toISOString(), remindAt: null }; // the campaign's child: due at once
        const t0 = await env.currentTimeMs();
        const ctx: Ctx = {
          env,
          start: (type, args) => env.client.workflow.start(type, { taskQueue: TASK_QUEUE, workflowId: name, args }),
          at: (days) => new Date(t0 + days * DAY_MS).toISOString(),
          ms: (days) => t0 + days * DAY_MS,
          legacy: Boolean(codeFrom),
        };
        const handle = await SCENARIOS[name](ctx);
        const history = await handle.fetchHistory();
        fs.writeFileSync(file(name), historyToJson(history) + '\n');
        console.log(`${name}${label ? ` (${codeFrom})` : ''}: ${history.events?.length ?? 0} events → ${path.relative(process.cwd(), file(name))}`);
      }
    });
  } finally {
    await env.teardown();
    if (legacyRoot) fs.rmSync(legacyRoot, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
