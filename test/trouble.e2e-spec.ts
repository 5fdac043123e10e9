/**
 * Failure surfaces instead of hanging (issue 10), with the real worker, Temporal and PostgreSQL: a
 * fault injected as a PostgreSQL trigger that refuses the write of a task's completion. The
 * department's request answers within seconds with the Chinese message (not a multi-minute hang,
 * not 409 正在处理中 afterwards), the workflow shows `Failing = true` in Temporal's visibility and
 * answers `troubleQuery`, and the task's page in the console says the item is in trouble; once the
 * trigger is dropped the same request (same Idempotency-Key) succeeds.
 */
import { Client as PgClient } from 'pg';
import { Client, Connection } from '@temporalio/client';
import { departmentWorkflowId, troubleQuery } from '@rol/contracts';
import type { Browser } from 'playwright-core';
import { consoleBuild, launchBrowser, pageErrors, personOn, screenshot, signIn } from './support/browser';
import { eventually, startStack, ADMIN, type Stack } from './support/stack';

interface Task { id: string; status: string }

describe('a failing step surfaces (e2e)', () => {
  let stack: Stack;
  let browser: Browser;
  let pg: PgClient;
  let connection: Connection;
  let client: Client;
  let admin: string;
  let user: string;
  let campaignId: string;
  let departmentId: string;

  beforeAll(async () => {
    stack = await startStack({ schedules: false, webRoot: consoleBuild() });
    pg = new PgClient({ connectionString: stack.databaseUrl });
    await pg.connect();
    connection = await Connection.connect({ address: stack.config.temporal.address });
    client = new Client({ connection });
    admin = await stack.login(ADMIN.username, ADMIN.password);
    await stack.request('POST', '/departments/import', { token: admin, raw: ['code,name,kind,active', 'GZ,故障注入测试局,bureau,true'].join('\n'), contentType: 'text/csv' });
    departmentId = (await stack.request<{ id: string; code: string }[]>('GET', '/departments', { token: admin })).body.find((d) => d.code === 'GZ')!.id;
    await stack.request('POST', '/users', { token: admin, body: { username: 'gz-user', password: 'password-123', role: 'department_user', displayName: '故障局', departmentId } });
    user = await stack.login('gz-user', 'password-123');
    const t0 = Date.now();
    const launch = await stack.request<{ id: string }>('POST', '/campaigns', {
      token: admin,
      body: {
        year: 2031,
        title: '2031年度督察（故障注入）',
        priorities: [{ code: 'P01', title: '报送落实情况', departmentIds: 'all', dueAt: new Date(t0 + 100 * 86400000).toISOString(), evidenceRequired: false }],
        calendar: { closesAt: new Date(t0 + 300 * 86400000).toISOString() },
      },
    });
    expect(launch.status).toBe(201);
    campaignId = launch.body.id;
  });
  afterAll(async () => {
    await pg?.query(`DROP TRIGGER IF EXISTS fault_injection ON tasks`).catch(() => undefined);
    await browser?.close();
    await pg?.end();
    await connection?.close();
    await stack?.stop();
  });

  it('answers a failing completion within seconds with 办理失败, shows Failing, and takes the same request once the fault is removed', async () => {
    const [task] = await eventually(async () => {
      const tasks = (await stack.request<Task[]>('GET', '/me/tasks', { token: user })).body;
      return tasks.length === 1 ? tasks : undefined;
    }, 30_000, 'the department workflow to create its task');
    const workflowId = departmentWorkflowId(campaignId, departmentId);
    expect(await client.workflow.getHandle(workflowId).describe().then((d) => d.staticSummary())).toBe('2031年度 · 故障注入测试局 · 部门年度工作');

    // The fault: PostgreSQL refuses every write of a task (as a full disk or a broken constraint would).
    await pg.query(`CREATE OR REPLACE FUNCTION fault_injection() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'tasks 表写入被拒绝（故障注入）'; END $$`);
    await pg.query(`CREATE TRIGGER fault_injection BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION fault_injection()`);

    const body = { note: '已落实', evidence: [] };
    const headers = { 'idempotency-key': 'complete-under-fault' };
    const started = Date.now();
    const failed = await stack.request<{ code: string; message: string }>('POST', `/tasks/${task.id}/complete`, { token: user, body, headers });
    const answeredInMs = Date.now() - started;
    expect(failed).toMatchObject({ status: 503, body: { code: 'STEP_FAILED', message: '办理失败：系统暂时无法完成此操作，请稍后重试；如持续失败请联系运维人员' } });
    expect(answeredInMs).toBeLessThan(12_000);

    // The operator sees it where operators look: visibility (eventually consistent) and the workflow's own answer.
    const listed = await eventually(async () => {
      const ids: string[] = [];
      for await (const wf of client.workflow.list({ query: `Failing = true AND CampaignId = '${campaignId}'` })) ids.push(wf.workflowId);
      return ids.length > 0 ? ids : undefined;
    }, 20_000, 'Failing = true to be visible');
    expect(listed).toEqual([workflowId]);
    const handle = client.workflow.getHandle(workflowId);
    expect(await handle.query(troubleQuery)).toMatchObject({ activity: 'recordTaskCompletion', attempts: 5, error: expect.stringContaining('tasks 表写入被拒绝（故障注入）') });

    // The item shows it: the task's page tells the department the system is in trouble (and what to do).
    expect((await stack.request<{ processingTrouble: boolean }>('GET', `/tasks/${task.id}`, { token: user })).body.processingTrouble).toBe(true);
    browser = await launchBrowser();
    const { page } = await personOn(browser, stack.baseUrl.replace(/\/api\/v1$/, ''));
    await signIn(page, 'gz-user', 'password-123');
    await page.goto(`/tasks/${task.id}`);
    await page.getByTestId('processing-trouble').getByText('系统后台处理暂时出现故障').waitFor();
    await screenshot(page, 'task-in-trouble');
    expect(pageErrors(page)).toEqual([]);

    // Still failing: answered again within seconds, not 409 正在处理中 (no lock was left behind).
    const again = await stack.request<{ code: string }>('POST', `/tasks/${task.id}/complete`, { token: user, body, headers });
    expect(again).toMatchObject({ status: 503, body: { code: 'STEP_FAILED' } });

    await pg.query(`DROP TRIGGER fault_injection ON tasks`);
    const done = await stack.request<{ status?: string }>('POST', `/tasks/${task.id}/complete`, { token: user, body, headers });
    expect(done.status).toBe(200);
    expect((await stack.request<Task[]>('GET', '/me/tasks', { token: user })).body[0].status).toBe('completed');
    expect(await handle.query(troubleQuery)).toBeNull();
    expect((await stack.request<{ processingTrouble: boolean }>('GET', `/tasks/${task.id}`, { token: user })).body.processingTrouble).toBe(false);
    await eventually(async () => {
      for await (const wf of client.workflow.list({ query: `Failing = false AND WorkflowId = '${workflowId}'` })) return wf.workflowId;
      return undefined;
    }, 20_000, 'Failing = false to be visible');
  }, 90_000);
});
