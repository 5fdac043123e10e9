/**
 * What the rectification and self-check activities write on the row they move, against real
 * PostgreSQL: each step leaves the rectification item (状态, 期限, 轮次, 异议) and the self-check
 * (status, version, answers) as the step says, including the branch the other suites do not take
 * (an objection decided as withdrawn withdraws the item). activities.int-spec.ts checks the retries.
 */
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { DAY_MS, DEFAULT_RECTIFICATION_RULES } from '@rol/domain';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActivities } from '@rol/activities';
import { LocalDiskStorage } from '@rol/files';
import { createTestDatabase } from './support/database';
import { insertIssuedLetterWithItem } from './support/letters';

describe('the rows the rectification and self-check activities move (integration)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let acts: ReturnType<typeof createActivities>;
  const ids: Record<string, string> = {};
  const q = (sql: string, params: unknown[] = []) => dataSource.query(sql, params);
  const item = async () =>
    (await q(`SELECT status, round, deadline_at, closed_at, closed_on_time, objection FROM rectification_items WHERE id = $1`, [ids.item]))[0] as {
      status: string;
      round: number;
      deadline_at: Date;
      closed_at: Date | null;
      closed_on_time: boolean | null;
      objection: string | null;
    };

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = db.dataSource;
    // No activity under test here talks to Temporal.
    acts = createActivities({ dataSource, storage: new LocalDiskStorage(join(tmpdir(), 'item-writes-unused')), client: {} as Client, taskQueue: 'unused' });
    [{ id: ids.admin }] = await q(`INSERT INTO users (username, password_hash, role, display_name) VALUES ('admin', 'x', 'office_admin', '管理员') RETURNING id`);
    [{ id: ids.d1 }] = await q(`INSERT INTO departments (code, name, kind) VALUES ('D1', '一局', 'bureau') RETURNING id`);
    [{ id: ids.user }] = await q(`INSERT INTO users (username, password_hash, role, display_name, department_id) VALUES ('u1', 'x', 'department_user', '一局', $1) RETURNING id`, [ids.d1]);
    [{ id: ids.campaign }] = await q(
      `INSERT INTO campaigns (year, title, calendar, reminder_days_before, phase, workflow_id, created_by, indicator_tree_id, annual_report_due_at, rectification_rules)
       VALUES (2026, '督察', '{}', 3, 'rectification', 'campaign-writes', $1, (SELECT id FROM indicator_trees ORDER BY version LIMIT 1), now() + interval '400 days', NULL) RETURNING id`,
      [ids.admin],
    );
    await insertIssuedLetterWithItem(q, ids);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('moves a rectification item through report, return, extension, acceptance, reopening and a withdrawn objection', async () => {
    const at = (s: string) => new Date(s).toISOString();
    await acts.recordReport({ itemId: ids.item, version: 1, round: 1, actorId: ids.user, report: '已整改', evidence: [], at: at('2026-06-01T02:00:00Z') });
    expect(await item()).toMatchObject({ status: 'submitted', round: 1, closed_at: null });
    await acts.recordReportDecision({ itemId: ids.item, version: 1, actorId: ids.admin, decision: 'returned', reason: '缺佐证', at: at('2026-06-02T02:00:00Z'), closedOnTime: false });
    expect(await item()).toMatchObject({ status: 'returned', closed_at: null });

    await acts.recordExtensionRequest({ itemId: ids.item, seq: 1, actorId: ids.user, reason: '需协调', requestedDeadlineAt: at('2026-09-01T00:00:00Z'), at: at('2026-06-03T02:00:00Z') });
    await acts.recordExtensionDecision({ itemId: ids.item, seq: 1, actorId: ids.admin, approve: true, note: '同意', at: at('2026-06-04T02:00:00Z'), deadlineAt: at('2026-09-01T00:00:00Z') });
    expect((await item()).deadline_at.toISOString()).toBe('2026-09-01T00:00:00.000Z');

    await acts.recordReport({ itemId: ids.item, version: 2, round: 1, actorId: ids.user, report: '已补充', evidence: [], at: at('2026-06-05T02:00:00Z') });
    await acts.recordReportDecision({ itemId: ids.item, version: 2, actorId: ids.admin, decision: 'accepted', reason: '', at: at('2026-06-06T02:00:00Z'), closedOnTime: true });
    const closed = await item();
    expect(closed).toMatchObject({ status: 'closed', closed_on_time: true });
    expect(closed.closed_at?.toISOString()).toBe('2026-06-06T02:00:00.000Z');

    await acts.recordReopen({ itemId: ids.item, round: 2, actorId: ids.admin, reason: '回头看', deadlineAt: at('2026-12-01T00:00:00Z'), at: at('2026-10-01T02:00:00Z') });
    const reopened = await item();
    expect(reopened).toMatchObject({ status: 'open', round: 2, closed_at: null, closed_on_time: null });
    expect(reopened.deadline_at.toISOString()).toBe('2026-12-01T00:00:00.000Z');

    await acts.recordObjection({ itemId: ids.item, actorId: ids.user, reason: '事实有出入', at: at('2026-10-02T02:00:00Z') });
    expect(await item()).toMatchObject({ status: 'open', objection: 'pending' });
    await acts.recordObjectionDecision({ itemId: ids.item, actorId: ids.admin, uphold: false, note: '撤销', at: at('2026-10-03T02:00:00Z') });
    expect(await item()).toMatchObject({ status: 'withdrawn', objection: 'withdrawn' });
  });

  it('an upheld objection leaves the item as it was', async () => {
    await q(`UPDATE rectification_items SET status = 'open', objection = NULL WHERE id = $1`, [ids.item]);
    await q(`DELETE FROM objections WHERE item_id = $1`, [ids.item]);
    await acts.recordObjection({ itemId: ids.item, actorId: ids.user, reason: '再议', at: new Date().toISOString() });
    await acts.recordObjectionDecision({ itemId: ids.item, actorId: ids.admin, uphold: true, note: '维持', at: new Date().toISOString() });
    expect(await item()).toMatchObject({ status: 'open', objection: 'upheld' });
  });

  it('the escalation ladder reads the campaign rules, the defaults when it has none', async () => {
    const deadlineAtMs = Date.parse('2026-12-01T00:00:00Z');
    expect((await acts.scheduleLadder({ campaignId: ids.campaign, deadlineAtMs })).map((s) => s.kind)).toEqual(['remind', 'urge', 'interview', 'notice']);
    const rules = { ...DEFAULT_RECTIFICATION_RULES, ladder: [{ kind: 'remind', before: true, offset: { amount: 5, unit: 'calendar_days' } }] };
    await q(`UPDATE campaigns SET rectification_rules = $2 WHERE id = $1`, [ids.campaign, JSON.stringify(rules)]);
    expect(await acts.scheduleLadder({ campaignId: ids.campaign, deadlineAtMs })).toEqual([{ kind: 'remind', atMs: deadlineAtMs - 5 * DAY_MS }]);
  });

  it('records a self-check submission and its decision on the self-check', async () => {
    const answers = { 'pub-1': { value: 'yes' } };
    await acts.recordSelfCheckSubmission({ campaignId: ids.campaign, departmentId: ids.d1, actorId: ids.user, version: 1, answers, submittedAt: '2026-05-01T02:00:00.000Z' });
    const selfCheck = async () => (await q(`SELECT status, version, answers, updated_at FROM self_checks WHERE campaign_id = $1 AND department_id = $2`, [ids.campaign, ids.d1]))[0];
    const submitted = await selfCheck();
    expect(submitted).toMatchObject({ status: 'submitted', version: 1, answers });
    expect(submitted.updated_at.toISOString()).toBe('2026-05-01T02:00:00.000Z');
    await acts.recordSelfCheckDecision({ campaignId: ids.campaign, departmentId: ids.d1, actorId: ids.admin, version: 1, decision: 'returned', comment: '请补充', decidedAt: '2026-05-02T02:00:00.000Z' });
    const returned = await selfCheck();
    expect(returned).toMatchObject({ status: 'returned', version: 1, answers });
    expect(returned.updated_at.toISOString()).toBe('2026-05-02T02:00:00.000Z');
  });
});
