/**
 * Every activity run twice writes once: against a real PostgreSQL and the Temporal dev server.
 * (A worker killed after the write but before reporting completion makes Temporal retry it.)
 */
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { departmentWorkflowId, type CycleActivities } from '@rol/contracts';
import { DAY_MS } from '@rol/domain';
import { AuditLogEntity, TaskEntity } from '@rol/db';
import { createActivities } from '@rol/activities';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createTestDatabase } from './support/database';

describe('activities are idempotent (integration)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let connection: Connection;
  let acts: CycleActivities;
  let campaignId: string;
  let departmentIds: string[];
  const taskQueue = `idempotency-${Date.now()}`;
  const run = <T>(fn: () => Promise<T>) => new MockActivityEnvironment().run(fn);

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = db.dataSource;
    connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
    acts = createActivities({ dataSource, client: new Client({ connection }), taskQueue });
    const [admin] = await dataSource.query(`INSERT INTO users (username, password_hash, role, display_name) VALUES ('a', 'x', 'office_admin', 'a') RETURNING id`);
    departmentIds = (await dataSource.query(`INSERT INTO departments (code, name, kind) VALUES ('D1', 'd1', 'bureau'), ('D2', 'd2', 'bureau') RETURNING id`)).map((r: { id: string }) => r.id);
    [{ id: campaignId }] = await dataSource.query(
      `INSERT INTO campaigns (year, title, calendar, reminder_days_before, phase, workflow_id, created_by)
       VALUES (2026, 't', '{"closesAt":"2027-02-28T00:00:00Z"}', 3, 'priorities', 'wf-' || gen_random_uuid(), $1) RETURNING id`,
      [admin.id],
    );
    await dataSource.query(`INSERT INTO campaign_departments SELECT $1, unnest($2::uuid[])`, [campaignId, departmentIds]);
    await dataSource.query(
      `INSERT INTO work_priorities (campaign_id, code, title, description, department_ids, due_at, evidence_required)
       VALUES ($1, 'P1', 'all', '', NULL, now() + interval '30 days', false), ($1, 'P2', 'one', '', ARRAY[$2::uuid], now() + interval '1 day', true)`,
      [campaignId, departmentIds[0]],
    );
  });
  afterAll(async () => {
    for (const id of departmentIds ?? []) {
      await new Client({ connection }).workflow.getHandle(departmentWorkflowId(campaignId, id)).terminate('test over').catch(() => undefined);
    }
    await connection?.close();
    await db?.drop();
  });

  const audits = (action: string) => dataSource.getRepository(AuditLogEntity).countBy({ action });

  it('creates a department’s tasks once, with the reminder rule applied', async () => {
    const first = await acts.createDepartmentTasks({ campaignId, departmentId: departmentIds[0] });
    const second = await acts.createDepartmentTasks({ campaignId, departmentId: departmentIds[0] });
    expect(second).toEqual(first);
    expect(first).toHaveLength(2);
    expect(await dataSource.getRepository(TaskEntity).countBy({ departmentId: departmentIds[0] })).toBe(2);
    expect(await audits('task.create')).toBe(2);
    const p1 = first.find((t) => t.remindAt !== null)!;
    expect(Date.parse(p1.dueAt) - Date.parse(p1.remindAt!)).toBe(3 * DAY_MS);
    expect(first.filter((t) => t.remindAt === null)).toHaveLength(1); // due tomorrow: reminder moment already past
  });

  it('records a reminder, an overdue mark and a completion once each', async () => {
    const [task] = await acts.createDepartmentTasks({ campaignId, departmentId: departmentIds[1] });
    const at = new Date().toISOString();
    for (let i = 0; i < 2; i++) {
      await acts.recordTaskReminder({ taskId: task.taskId, at });
      await acts.markTaskOverdue({ taskId: task.taskId, at });
      await acts.recordTaskCompletion({ taskId: task.taskId, actorId: (await dataSource.query('SELECT id FROM users'))[0].id, note: `try ${i}`, evidence: [], completedAt: at, late: true });
    }
    expect([await audits('task.remind'), await audits('task.overdue'), await audits('task.complete_late')]).toEqual([1, 1, 1]);
    const saved = await dataSource.getRepository(TaskEntity).findOneByOrFail({ id: task.taskId });
    expect(saved).toMatchObject({ status: 'completed', completionNote: 'try 0', completedLate: true });
  });

  it('starts each department workflow once however often the page is retried', async () => {
    const page = { campaignId, year: 2026, after: null, limit: 10 };
    expect(await run(() => acts.startDepartmentWorkflows(page))).toEqual({ count: 2, last: [...departmentIds].sort()[1], done: true });
    const client = new Client({ connection });
    const handle = client.workflow.getHandle(departmentWorkflowId(campaignId, departmentIds[0]));
    const firstRun = (await handle.describe()).runId;
    await run(() => acts.startDepartmentWorkflows(page));
    expect((await handle.describe()).runId).toBe(firstRun);
  });
});
