/**
 * 运行监控 against the real stack (API serving the console, worker, Temporal, PostgreSQL): a real fault
 * — a PostgreSQL trigger refusing every write to `tasks` — makes the department workflow's
 * `createDepartmentTasks` activity fail; the operator finds it, first while Temporal retries it, then
 * flagged by the workflow once its bounded retries are spent, on the page with its readable error;
 * the fault is removed, 立即重试 (retryNow) runs it again at once (audited once, with the reason), the
 * tasks exist and the page no longer lists it. Also the refusals over HTTP.
 */
import type { Browser, Page } from 'playwright-core';
import { Client } from 'pg';
import { consoleBuild, launchBrowser, pageErrors, personOn, screenshot, signIn } from './support/browser';
import { ADMIN, eventually, startStack, type Stack } from './support/stack';

interface FailingPage { items: { workflowId: string; workflowType: string; summary: string | null; temporalUiUrl: string | null; troubles: { source: 'workflow' | 'pending_activity'; activityType: string; attempts: number; error: string | null; since: string | null; nextAttemptAt: string | null }[] }[] }

const FAULT = '任务表暂停写入（测试注入的故障）';

describe('operators\' console (browser, e2e)', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let db: Client;
  let admin: string;
  let operator: string;
  let campaignId: string;
  let departmentId: string;
  let workflowId: string;

  beforeAll(async () => {
    stack = await startStack({ webRoot: consoleBuild() });
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    admin = await stack.login(ADMIN.username, ADMIN.password);
    expect((await stack.request('POST', '/users', { token: admin, body: { username: 'ops', password: 'ops-password-1', role: 'operator', displayName: '运维值班员' } })).status).toBe(201);
    operator = await stack.login('ops', 'ops-password-1');
    await stack.request('POST', '/departments/import', { token: admin, raw: 'code,name,kind,active\nYW1,应急管理局,bureau,true', contentType: 'text/csv' });
    departmentId = (await stack.request<{ id: string }[]>('GET', '/departments', { token: admin })).body[0].id;

    // The fault: every write to the table the department workflow's first activity writes is refused.
    await db.query(`CREATE FUNCTION e2e_refuse_tasks() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${FAULT}'; END $$`);
    await db.query(`CREATE TRIGGER e2e_refuse_tasks BEFORE INSERT OR UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION e2e_refuse_tasks()`);
    const day = 86400_000;
    const launch = await stack.request<{ id: string }>('POST', '/campaigns', {
      token: admin,
      body: {
        year: 2027,
        title: '2027年度法治督察',
        priorities: [{ code: 'P01', title: '制定年度执法计划', departmentIds: 'all', dueAt: new Date(Date.now() + 30 * day).toISOString(), evidenceRequired: false }],
        calendar: { closesAt: new Date(Date.now() + 300 * day).toISOString() },
      },
    });
    expect(launch.status).toBe(201);
    campaignId = launch.body.id;
    workflowId = `campaign-${campaignId}-department-${departmentId}`;

    browser = await launchBrowser();
    page = (await personOn(browser, stack.baseUrl.replace(/\/api\/v1$/, ''))).page;
  });
  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await stack?.stop();
  });

  it('lists the failing activity with its readable error: first while Temporal retries it, then when the workflow gives up and flags itself', async () => {
    const failing = async () => (await stack.request<FailingPage>('GET', `/operations/failing?campaignId=${campaignId}`, { token: operator })).body.items.find((i) => i.workflowId === workflowId);
    // Past N (3) attempts, Temporal still retrying: found from the pending activity.
    const retrying = await eventually(async () => (await failing())?.troubles.find((t) => t.source === 'pending_activity'), 30_000, 'the pending activity listed as failing');
    expect(retrying.attempts).toBeGreaterThan(3);
    expect(retrying.error).toContain(FAULT);
    // Past its bounded retries (10 attempts, ~30 s) the step is in trouble: Failing = true, the workflow's own account.
    const flagged = await eventually(async () => {
      const item = await failing();
      return item?.troubles.some((t) => t.source === 'workflow') ? item : undefined;
    }, 90_000, 'the department workflow flagging itself as failing');
    expect(flagged).toMatchObject({ workflowType: 'departmentWorkflow', summary: '2027年度 · 应急管理局 · 部门年度工作' });
    expect(flagged.temporalUiUrl).toMatch(new RegExp(`/namespaces/default/workflows/${workflowId}/`));
    const trouble = flagged.troubles.find((t) => t.source === 'workflow')!;
    expect(trouble).toMatchObject({ activityType: 'createDepartmentTasks', attempts: 10, nextAttemptAt: null });
    expect(trouble.error).toContain(FAULT);
    expect(trouble.error).not.toMatch(/\n\s+at /); // a message, not a stack
    const listed = await stack.request<{ items: { workflowId: string }[] }>('GET', `/operations/workflows?campaignId=${campaignId}&failing=true`, { token: operator });
    expect(listed.body.items.map((i) => i.workflowId)).toEqual([workflowId]);
  }, 150_000);

  it('refuses others (403), a missing reason (400 naming the field) and an unknown workflow (404 in Chinese)', async () => {
    expect(await stack.request('GET', '/operations/failing', { token: admin })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(await stack.request('POST', `/operations/workflows/${workflowId}/retry`, { token: admin, body: { reason: '试试' } })).toMatchObject({ status: 403 });
    expect(await stack.request('POST', `/operations/workflows/${workflowId}/retry`, { token: operator, body: {} })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errors: [{ field: 'reason', code: 'REQUIRED' }] } });
    expect(await stack.request('POST', `/operations/workflows/${workflowId}/terminate`, { token: operator, body: { reason: '   ' } })).toMatchObject({ status: 400, body: { errors: [{ field: 'reason' }] } });
    const unknown = await stack.request<{ code: string; message: string }>('POST', '/operations/workflows/campaign-00000000-0000-4000-8000-000000000000/cancel', { token: operator, body: { reason: '清理' } });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'WORKFLOW_NOT_FOUND' } });
    expect(unknown.body.message).toMatch(/没有找到流程/);
    expect((await stack.request('GET', '/operations/workflows?pageToken=bm90LWEtdG9rZW4', { token: operator })).status).toBe(400);
  });

  it('shows the failure on 运行监控; after the fault is removed, 立即重试 runs it again at once, audited once with the reason', async () => {
    await signIn(page, 'ops', 'ops-password-1');
    await page.waitForURL('**/operations');
    const row = page.getByRole('row').filter({ hasText: '应急管理局' });
    await row.getByText(FAULT).waitFor();
    await expect(row.getByText('生成部门任务').count()).resolves.toBeGreaterThan(0);
    await expect(row.getByRole('link', { name: '在 Temporal 中查看' }).getAttribute('href')).resolves.toContain(workflowId);
    await screenshot(page, 'operations');

    await row.getByRole('button', { name: '立即重试' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('button', { name: '确认立即重试' }).isDisabled()).resolves.toBe(true); // no reason, no action
    await dialog.getByLabel('理由').fill('已移除阻止写入任务表的触发器');

    await db.query(`DROP TRIGGER e2e_refuse_tasks ON tasks`);
    // The step waits for the operator (or its automatic re-attempt an hour later): no tasks until 立即重试.
    expect((await db.query(`SELECT count(*)::int AS n FROM tasks WHERE department_id = $1`, [departmentId])).rows[0].n).toBe(0);
    await dialog.getByRole('button', { name: '确认立即重试' }).dblclick(); // a double click acts (and is audited) once
    await page.getByText(/已通知流程立即重试“生成部门任务”/).waitFor();
    await eventually(async () => ((await db.query(`SELECT count(*)::int AS n FROM tasks WHERE department_id = $1`, [departmentId])).rows[0].n === 1 ? true : undefined), 15_000, 'the tasks created');
    const audit = await stack.request<{ actorName: string; actionLabel: string; detail: Record<string, unknown> }[]>('GET', `/audit?action=workflow.retry&targetId=${workflowId}`, { token: admin });
    expect(audit.body).toHaveLength(1);
    expect(audit.body[0]).toMatchObject({ actorName: '运维值班员', actionLabel: '运行监控：立即重试', detail: { reason: '已移除阻止写入任务表的触发器', via: 'signal', workflowType: 'departmentWorkflow' } });
    // The step succeeded: the workflow clears its flag (visibility follows within moments).
    await eventually(async () => ((await stack.request<{ items: unknown[] }>('GET', `/operations/workflows?campaignId=${campaignId}&failing=true`, { token: operator })).body.items.length === 0 ? true : undefined), 15_000, 'Failing cleared');

    await page.reload();
    await page.getByText('没有异常的流程').waitFor();
    await expect(page.getByText(FAULT).count()).resolves.toBe(0);

    await page.getByRole('tab', { name: '各阶段统计' }).click();
    await page.getByRole('row').filter({ hasText: '部门任务与自查' }).filter({ hasText: '工作要点落实' }).waitFor();
    await page.getByRole('tab', { name: '工作进程与队列' }).click();
    await page.getByText('流程任务队列').waitFor();
    await expect(page.getByText('没有工作进程在领取任务').count()).resolves.toBe(0);
    await screenshot(page, 'operations-workers');
    expect(pageErrors(page)).toEqual([]);
  });

  it('counts per stage and shows the workers polling', async () => {
    const counts = await stack.request<{ workflowType: string; phase: string | null; running: number }[]>('GET', `/operations/counts?campaignId=${campaignId}`, { token: operator });
    expect(counts.body).toEqual(expect.arrayContaining([expect.objectContaining({ workflowType: 'departmentWorkflow', phase: 'priorities', running: 1 }), expect.objectContaining({ workflowType: 'campaignWorkflow', running: 1 })]));
    // Paging over visibility: one workflow a page, the token leads to the next; the flag filter is accepted either way.
    const first = await stack.request<{ items: { workflowId: string }[]; nextPageToken: string | null }>('GET', `/operations/workflows?campaignId=${campaignId}&pageSize=1`, { token: operator });
    expect(first.body.items).toHaveLength(1);
    const second = await stack.request<{ items: { workflowId: string }[] }>('GET', `/operations/workflows?campaignId=${campaignId}&pageSize=1&pageToken=${first.body.nextPageToken}`, { token: operator });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].workflowId).not.toBe(first.body.items[0].workflowId);
    expect(await stack.request('GET', `/operations/workflows?campaignId=${campaignId}&status=reported`, { token: operator })).toMatchObject({ status: 200, body: { items: [] } }); // `Status` needs quoting in the query
    expect((await stack.request<{ items: unknown[] }>('GET', `/operations/workflows?campaignId=${campaignId}&failing=false`, { token: operator })).body.items.length).toBeGreaterThanOrEqual(2);
    const workers = await stack.request<{ queues: { kind: string; pollers: unknown[] }[] }>('GET', '/operations/workers', { token: operator });
    expect(workers.body.queues.map((q) => [q.kind, q.pollers.length > 0])).toEqual([['workflow', true], ['activity', true]]);
  });

  it('resets a workflow to its last completed workflow task (a new run), and refuses a point that is not one', async () => {
    const path = `/operations/workflows/${workflowId}/reset`;
    expect(await stack.request('POST', path, { token: operator, body: { reason: '演练：重置', eventId: 1 } })).toMatchObject({ status: 409, body: { code: 'OPERATION_NOT_ALLOWED' } });
    const before = await stack.request<{ items: { runId: string }[] }>('GET', `/operations/workflows?campaignId=${campaignId}&departmentId=${departmentId}`, { token: operator });
    const reset = await stack.request<{ runId: string; message: string }>('POST', path, { token: operator, body: { reason: '演练：重置' } });
    expect(reset.status).toBe(200);
    expect(reset.body.runId).not.toBe(before.body.items[0].runId);
    const audit = await stack.request<{ detail: Record<string, unknown> }[]>('GET', `/audit?action=workflow.reset&targetId=${workflowId}`, { token: admin });
    expect(audit.body).toHaveLength(1);
    expect(audit.body[0].detail).toMatchObject({ reason: '演练：重置', newRunId: reset.body.runId });
    expect(typeof audit.body[0].detail.eventId).toBe('number');
  });

  it('terminates a workflow once for a repeated request with the same Idempotency-Key, and refuses it when it is no longer running', async () => {
    const id = `campaign-${campaignId}-department-${departmentId}`;
    const headers = { 'Idempotency-Key': 'terminate-once' };
    const first = await stack.request<{ repeated: boolean }>('POST', `/operations/workflows/${id}/terminate`, { token: operator, headers, body: { reason: '演练：终止' } });
    const again = await stack.request<{ repeated: boolean }>('POST', `/operations/workflows/${id}/terminate`, { token: operator, headers, body: { reason: '演练：终止' } });
    expect([first.status, first.body.repeated, again.status, again.body.repeated]).toEqual([200, false, 200, true]);
    expect(await stack.request('POST', `/operations/workflows/${id}/terminate`, { token: operator, body: { reason: '再终止一次' } })).toMatchObject({ status: 409, body: { code: 'OPERATION_NOT_ALLOWED' } });
    expect((await stack.request<unknown[]>('GET', `/audit?action=workflow.terminate&targetId=${id}`, { token: admin })).body).toHaveLength(1);
    const terminated = () => stack.request<{ items: { workflowId: string; executionStatusLabel: string }[] }>('GET', `/operations/workflows?campaignId=${campaignId}&executionStatus=Terminated`, { token: operator });
    const row = await eventually(async () => (await terminated()).body.items.find((i) => i.workflowId === id), 10_000, 'listed as terminated');
    expect(row.executionStatusLabel).toBe('已终止');
  });
});
