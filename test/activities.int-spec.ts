/**
 * Every activity, run twice with the same input (as Temporal does when a worker dies after the write
 * but before reporting it), changes nothing the second time: against a real PostgreSQL (every table
 * compared, audit rows included) and the Temporal dev server (workflows started or signalled once).
 * An activity added without a case here fails the first test.
 */
import { Client, Connection } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import { departmentWorkflowId, type AnnualReportActivities, type CaseFileImportActivities, type CycleActivities, type RectificationActivities } from '@rol/contracts';
import { DAY_MS, seedHash } from '@rol/domain';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { createActivities } from '@rol/activities';
import { LocalDiskStorage } from '@rol/files';
import { createOutboxDispatcher } from '@rol/worker';
import { createTestDatabase, tableSnapshot } from './support/database';
import { insertIssuedLetterWithItem } from './support/letters';

type AllActivities = CycleActivities & RectificationActivities & AnnualReportActivities & CaseFileImportActivities;

describe('every activity run twice writes once (integration)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let connection: Connection;
  let client: Client;
  let acts: AllActivities;
  const taskQueue = `twice-${Date.now()}`;
  const ids: Record<string, string> = {};
  const now = Date.now();
  const iso = (offsetMs: number) => new Date(now + offsetMs).toISOString();
  const inActivity = <T>(fn: () => Promise<T>) => new MockActivityEnvironment().run(fn);

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = db.dataSource;
    connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
    client = new Client({ connection });
    const storage = new LocalDiskStorage(join(tmpdir(), `activities-twice-${Date.now()}`));
    acts = createActivities({ dataSource, storage, client, taskQueue });
    const q = (sql: string, params: unknown[] = []) => dataSource.query(sql, params);
    [{ id: ids.admin }] = await q(`INSERT INTO users (username, password_hash, role, display_name) VALUES ('admin', 'x', 'office_admin', '管理员') RETURNING id`);
    const departments = await q(`INSERT INTO departments (code, name, kind) VALUES ('D1', '一局', 'bureau'), ('D2', '二局', 'bureau') RETURNING id`);
    [ids.d1, ids.d2] = departments.map((d: { id: string }) => d.id);
    [{ id: ids.user1 }] = await q(`INSERT INTO users (username, password_hash, role, display_name, department_id) VALUES ('u1', 'x', 'department_user', '一局', $1) RETURNING id`, [ids.d1]);
    await q(`INSERT INTO users (username, password_hash, role, display_name) VALUES ('r1', 'x', 'reviewer', '评查一'), ('r2', 'x', 'reviewer', '评查二')`);
    [{ id: ids.campaign }] = await q(
      `INSERT INTO campaigns (year, title, calendar, reminder_days_before, phase, workflow_id, created_by, indicator_tree_id, annual_report_due_at)
       VALUES (2026, '督察', $1, 3, 'priorities', 'campaign-twice-' || gen_random_uuid(), $2, (SELECT id FROM indicator_trees ORDER BY version LIMIT 1), now() + interval '400 days') RETURNING id`,
      [JSON.stringify({ closesAt: iso(300 * DAY_MS) }), ids.admin],
    );
    await q(`INSERT INTO campaign_departments SELECT $1, unnest($2::uuid[])`, [ids.campaign, [ids.d1, ids.d2]]);
    // 评查人员库: the draw assigns only its members.
    await q(`INSERT INTO reviewer_pool (campaign_id, user_id, category, added_by) SELECT $1, id, 'supervisor', $2 FROM users WHERE role = 'reviewer'`, [ids.campaign, ids.admin]);
    await q(
      `INSERT INTO work_priorities (campaign_id, code, title, description, department_ids, due_at, evidence_required)
       VALUES ($1, 'P1', '要点一', '', NULL, now() + interval '30 days', false), ($1, 'P2', '要点二', '', ARRAY[$2::uuid], now() + interval '1 day', true)`,
      [ids.campaign, ids.d1],
    );
    for (const d of [ids.d1, ids.d2]) {
      await q(
        `INSERT INTO case_files (department_id, case_number, case_type, title, decision_date, handling_officer, status)
         SELECT $1, 'C-' || n, 'penalty', '案卷' || n, DATE '2026-03-01' + n, '张三', 'concluded' FROM generate_series(1, 12) n`,
        [d],
      );
    }
    const seed = 'a'.repeat(64);
    await q(`INSERT INTO draw_configs (campaign_id, rules, seed, seed_hash, committed_at) VALUES ($1, $2, $3, $4, now())`, [
      ids.campaign,
      JSON.stringify({ rate: 0.2, min: 1, max: 5, caseTypeCoverage: false, period: { from: '2026-01-01', to: '2026-12-31' }, departmentIds: 'all', reviewersPerFile: 1, standardCode: 'default' }),
      seed,
      seedHash(seed),
    ]);
    // Deadlines reach into next year: a stand-in for its official calendar (test data).
    await q(`INSERT INTO calendar_years (year, holidays, make_up_workdays, source) VALUES (2027, '{2027-01-01}', '{}', '测试数据'), (2028, '{2028-01-01}', '{}', '测试数据')`);
    // Two case-file import jobs as the API leaves them (file stored, job queued): one the worker imports, one whose retries ran out.
    for (const name of ['import', 'failedImport'] as const) {
      [{ id: ids[name] }] = await q(
        `INSERT INTO case_file_imports (id, format, file_name, size_bytes, storage_key, department_id, submitted_by) VALUES (gen_random_uuid(), 'csv', '案卷目录.csv', 1, 'imports/' || gen_random_uuid(), $1, $2) RETURNING id`,
        [ids.d2, ids.admin],
      );
      const [{ storage_key }] = await q(`SELECT storage_key FROM case_file_imports WHERE id = $1`, [ids[name]]);
      await storage.put(storage_key, Readable.from([`case_number,case_type,title,decision_date,handling_officer,status\nIMP-1,行政处罚,导入案卷一,2026-04-01,张三,已办结\nIMP-2,行政检查,导入案卷二,2026-04-02,李四,在办\n`]));
    }
    // An issued letter with one item, as the API's issue transaction leaves it.
    await insertIssuedLetterWithItem(q, ids);
  });

  afterAll(async () => {
    for (const id of [ids.d1, ids.d2]) {
      await client?.workflow.getHandle(departmentWorkflowId(ids.campaign, id)).terminate('test over').catch(() => undefined);
    }
    await connection?.close();
    await db?.drop();
  });

  /** The inputs, in an order in which each finds what it needs; run by the test below, each twice. */
  const cases: { [K in keyof AllActivities]: () => Parameters<AllActivities[K]>[0] } = {
    startDepartmentWorkflows: () => ({ campaignId: ids.campaign, year: 2026, after: null, limit: 10 }),
    signalCampaignClosed: () => ({ campaignId: ids.campaign, year: 2026, after: null, limit: 10 }),
    recordCampaignPhase: () => ({ campaignId: ids.campaign, phase: 'self_check' }),
    createDepartmentTasks: () => ({ campaignId: ids.campaign, departmentId: ids.d1 }),
    recordTaskReminder: () => ({ taskId: ids.task, at: iso(0) }),
    markTaskOverdue: () => ({ taskId: ids.task, at: iso(0) }),
    recordTaskCompletion: () => ({ taskId: ids.task, actorId: ids.user1, note: '已完成', evidence: [], completedAt: iso(1000), late: true }),
    recordSelfCheckSubmission: () => ({ campaignId: ids.campaign, departmentId: ids.d1, actorId: ids.user1, version: 1, answers: { 'pub-1': { value: 'yes' } }, submittedAt: iso(0) }),
    recordSelfCheckDecision: () => ({ campaignId: ids.campaign, departmentId: ids.d1, actorId: ids.admin, version: 1, decision: 'returned', comment: '请补充', decidedAt: iso(1000) }),
    markSelfCheckNotSubmitted: () => ({ campaignId: ids.campaign, departmentId: ids.d2, at: iso(0) }),
    performDraw: () => ({ campaignId: ids.campaign, actorId: ids.admin, at: iso(0) }),
    escalateUnfinishedReviews: () => ({ campaignId: ids.campaign, at: iso(0) }),
    recordAcknowledgement: () => ({ letterId: ids.letter, actorId: ids.user1, at: iso(0) }),
    recordEscalation: () => ({ campaignId: ids.campaign, departmentId: ids.d1, targetType: 'rectification_item', targetId: ids.item, round: 1, kind: 'remind', at: iso(0) }),
    recordReport: () => ({ itemId: ids.item, version: 1, round: 1, actorId: ids.user1, report: '已整改', evidence: [], at: iso(0) }),
    recordReportDecision: () => ({ itemId: ids.item, version: 1, actorId: ids.admin, decision: 'returned', reason: '缺佐证', at: iso(1000), closedOnTime: true }),
    recordExtensionRequest: () => ({ itemId: ids.item, seq: 1, actorId: ids.user1, reason: '需协调', requestedDeadlineAt: iso(60 * DAY_MS), at: iso(0) }),
    recordExtensionDecision: () => ({ itemId: ids.item, seq: 1, actorId: ids.admin, approve: true, note: '同意', at: iso(1000), deadlineAt: iso(60 * DAY_MS) }),
    recordObjection: () => ({ itemId: ids.item, actorId: ids.user1, reason: '事实有出入', at: iso(0) }),
    recordObjectionDecision: () => ({ itemId: ids.item, actorId: ids.admin, uphold: true, note: '维持', at: iso(1000) }),
    recordReopen: () => ({ itemId: ids.item, round: 2, actorId: ids.admin, reason: '回头看', deadlineAt: iso(90 * DAY_MS), at: iso(0) }),
    scheduleLadder: () => ({ campaignId: ids.campaign, deadlineAtMs: now + 30 * DAY_MS }),
    startRectificationWorkflows: () => ({ items: [{ input: { itemId: ids.item, letterId: ids.letter, campaignId: ids.campaign, year: 2026, departmentId: ids.d1, deadlineAtMs: now + 30 * DAY_MS, objectionDueAtMs: now + 10 * DAY_MS, schedule: [] }, summary: '2026年度 · 整改事项' }] }),
    annualReportSchedule: () => ({ campaignId: ids.campaign }),
    remindAnnualReport: () => ({ campaignId: ids.campaign, at: iso(0) }),
    markAnnualReportOverdue: () => ({ campaignId: ids.campaign, at: iso(1000) }),
    closeCampaign: () => ({ campaignId: ids.campaign, actorId: ids.admin, closedAt: iso(0) }),
    // 年度交替: the item is open again after 回头看, so it carries into 2027; next year's draft is copied from 2026.
    carryOverRectifications: () => ({ campaignId: ids.campaign, year: 2026, after: null, limit: 10, closedAt: iso(0) }),
    signalClosedWorkflows: () => ({ campaignId: ids.campaign, year: 2026, after: null, limit: 10, kind: 'letters' }),
    prepareNextCampaign: () => ({ at: iso(0) }),
    importCaseFileCatalogue: () => ({ importId: ids.import }),
    markCaseFileImportFailed: () => ({ importId: ids.failedImport, reason: 'worker lost' }),
  };

  it('has a case for every activity the worker registers', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(acts).sort());
  });

  it.each(Object.keys(cases) as (keyof AllActivities)[])('%s: the second run changes no table and returns the same', async (name) => {
    const input = cases[name]();
    const run = () => inActivity(() => (acts[name] as (i: unknown) => Promise<unknown>)(input));
    const before = await tableSnapshot((sql) => dataSource.query(sql));
    const first = await run();
    const afterFirst = await tableSnapshot((sql) => dataSource.query(sql));
    const second = await run();
    const afterSecond = await tableSnapshot((sql) => dataSource.query(sql));

    expect(afterSecond).toEqual(afterFirst);
    expect(second).toEqual(first);
    if (name !== 'scheduleLadder' && name !== 'signalCampaignClosed' && name !== 'startDepartmentWorkflows' && name !== 'startRectificationWorkflows' && name !== 'signalClosedWorkflows' && name !== 'annualReportSchedule') {
      expect(afterFirst).not.toEqual(before); // the case did exercise a write (else it proves nothing)
    }
    if (name === 'createDepartmentTasks') {
      ids.task = (first as { taskId: string; remindAt: string | null }[]).find((t) => t.remindAt === null)!.taskId;
      expect(first).toHaveLength(2);
    }
    if (name === 'carryOverRectifications') {
      expect(first).toEqual({ count: 1, last: ids.item, done: true });
      expect(await dataSource.query(`SELECT item_id, from_year, to_year FROM rectification_carryovers`)).toEqual([{ item_id: ids.item, from_year: 2026, to_year: 2027 }]);
      expect(await dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'rectification.carry_over'`)).toEqual([{ n: 1 }]);
    }
    if (name === 'prepareNextCampaign') {
      expect(first).toEqual({ year: 2027, draft: 'pending' });
      const [draft] = await dataSource.query(`SELECT body FROM campaign_drafts WHERE year = 2027`);
      expect(draft.body.launch).toMatchObject({ year: 2027, title: '2027年度督察', priorities: [{ code: 'P2' }, { code: 'P1' }] });
      expect(draft.body.copy.drawRules).toMatchObject({ period: { from: '2027-01-01', to: '2027-12-31' }, standardCode: 'default' });
      expect(draft.body.copy.drawRules).not.toHaveProperty('seed');
      // A draft discarded (or confirmed) is never written over.
      await dataSource.query(`UPDATE campaign_drafts SET discarded_at = now() WHERE year = 2027`);
      const snapshot = await tableSnapshot((sql) => dataSource.query(sql));
      expect(await run()).toEqual({ year: 2027, draft: 'discarded' });
      expect(await tableSnapshot((sql) => dataSource.query(sql))).toEqual(snapshot);
    }
    if (name === 'importCaseFileCatalogue') {
      expect(first).toBe('succeeded');
      expect(await dataSource.query(`SELECT status, rows_read, rows_written, created FROM case_file_imports WHERE id = $1`, [ids.import])).toEqual([{ status: 'succeeded', rows_read: 2, rows_written: 2, created: 2 }]);
      expect(await dataSource.query(`SELECT case_number FROM case_files WHERE department_id = $1 AND case_number LIKE 'IMP-%' ORDER BY 1`, [ids.d2])).toEqual([{ case_number: 'IMP-1' }, { case_number: 'IMP-2' }]);
      expect(await dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case_file.import'`)).toEqual([{ n: 1 }]);
    }
    if (name === 'markCaseFileImportFailed') {
      const [job] = await dataSource.query(`SELECT status, message FROM case_file_imports WHERE id = $1`, [ids.failedImport]);
      expect(job.status).toBe('failed');
      expect(job.message).toContain('请重新提交');
    }
    if (name === 'startDepartmentWorkflows') {
      const runs = await Promise.all([ids.d1, ids.d2].map(async (d) => (await client.workflow.getHandle(departmentWorkflowId(ids.campaign, d)).describe()).runId));
      await run();
      expect(await Promise.all([ids.d1, ids.d2].map(async (d) => (await client.workflow.getHandle(departmentWorkflowId(ids.campaign, d)).describe()).runId))).toEqual(runs);
    }
  });

  it('every notified event wrote one notification for its audience, with its subject and page (消息中心)', async () => {
    const rows: { kind: string; audience: string; department_id: string; link: string; n: number }[] = await dataSource.query(
      `SELECT kind, audience, department_id, min(link) AS link, count(*)::int AS n FROM notifications GROUP BY 1, 2, 3 ORDER BY 1`,
    );
    const byKind = Object.fromEntries(rows.map((r) => [r.kind, r]));
    for (const kind of ['task.remind', 'task.overdue', 'self_check.submit', 'self_check.return', 'self_check.not_submitted', 'opinion_letter.acknowledge', 'escalation.remind',
      'rectification.report', 'rectification.return', 'rectification.extension_request', 'rectification.extension_approve', 'rectification.objection', 'rectification.objection_uphold', 'rectification.reopen']) {
      expect([kind, byKind[kind]?.n]).toEqual([kind, 1]);
    }
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(byKind['self_check.not_submitted'].department_id).toBe(ids.d2);
    expect(byKind['self_check.submit']).toMatchObject({ audience: 'office', link: expect.stringMatching(/^\/self-check-reviews\//) });
    expect(byKind['rectification.return']).toMatchObject({ audience: 'department', department_id: ids.d1, link: `/rectifications/${ids.item}` });
    // 年度报告: the office about its own report (no department), each department about its draft; reminded once, overdue once.
    expect(byKind['annual_report.remind']).toMatchObject({ audience: 'office', department_id: null, link: `/campaigns/${ids.campaign}/annual-report` });
    expect(rows.filter((r) => r.kind === 'annual_report.overdue_department').map((r) => r.department_id).sort()).toEqual([ids.d1, ids.d2].sort());
    expect(byKind['annual_report.remind_department']).toMatchObject({ audience: 'department', link: `/annual-report/${ids.campaign}` });
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM notifications n JOIN audit_log a ON a.id = n.audit_id WHERE a.action <> n.kind`);
    expect(n).toBe(0);
  });

  it('the outbox dispatcher starts a workflow once, even when it runs again after a crash before marking the row', async () => {
    await dataSource.query(`INSERT INTO outbox (kind, subject_type, subject_id, workflow_id) VALUES ('start_workflow', 'opinion_letter', $1, $2)`, [ids.letter, `opinion-letter-${ids.letter}`]);
    const dispatcher = createOutboxDispatcher({ dataSource, client, taskQueue });
    expect(await dispatcher.drainOnce()).toBe(1);
    const handle = client.workflow.getHandle(`opinion-letter-${ids.letter}`);
    const { runId } = await handle.describe();
    const before = await tableSnapshot((sql) => dataSource.query(sql));
    expect(await dispatcher.drainOnce()).toBe(0); // nothing left: the second pass writes nothing
    expect(await tableSnapshot((sql) => dataSource.query(sql))).toEqual(before);
    await dataSource.query(`UPDATE outbox SET dispatched_at = NULL`); // as if the worker died between start and mark
    expect(await dispatcher.drainOnce()).toBe(1);
    expect((await handle.describe()).runId).toBe(runId);
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NOT NULL`);
    expect(n).toBe(1);
    await handle.terminate('test over');
  });
});
