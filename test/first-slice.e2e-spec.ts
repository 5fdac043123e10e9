/**
 * The first stage of the cycle through HTTP against the real stack (PostgreSQL, Temporal dev
 * server, worker): login, department import, launch for 32 departments, inbox, completion, refusals,
 * idempotent launch, status counts, close.
 */
import { Connection, Client } from '@temporalio/client';
import jwt from 'jsonwebtoken';
import { Client as PgClient } from 'pg';
import { eventually, startStack, ADMIN, type Stack } from './support/stack';

interface Department { id: string; code: string }
interface Task { id: string; departmentId: string; priorityCode: string; status: string; overdue: boolean; late: boolean | null; evidenceRequired: boolean }
interface Status { id: string; phase: string; departments: number; tasks: { total: number; done: number; open: number; overdue: number; late: number }; workflow: { status: string; departmentsStarted?: number; fanOutDone?: boolean } }

const DEPARTMENTS = 32;
const DAY = 24 * 60 * 60 * 1000;

describe('first slice: campaign launch to task completion (e2e)', () => {
  let stack: Stack;
  let admin: string;
  let departments: Department[];
  let userA: string;
  let userB: string;
  let campaignId: string;
  const year = 2026;

  const csv = ['code,name,kind,active', ...Array.from({ length: DEPARTMENTS }, (_, i) => `D${String(i + 1).padStart(2, '0')},部门${i + 1},${i % 5 === 0 ? 'township' : 'bureau'},true`), 'OLD,已撤销部门,other,false'].join('\n');

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses requests without a valid token and logs the bootstrap admin in', async () => {
    expect((await stack.request('GET', '/departments')).status).toBe(401);
    expect((await stack.request('GET', '/departments', { token: 'not-a-jwt' })).body).toMatchObject({ code: 'UNAUTHENTICATED' });
    const wrong = await stack.request('POST', '/auth/token', { body: { username: ADMIN.username, password: 'wrong-password' } });
    expect(wrong).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
    admin = await stack.login(ADMIN.username, ADMIN.password);
    expect((await stack.request('GET', '/health')).body).toMatchObject({ status: 'ok' });
  });

  it('serves the OpenAPI document', async () => {
    const res = await fetch(stack.baseUrl.replace('/api/v1', '/api/docs-json'));
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/campaigns', '/api/v1/tasks/{id}/complete', '/api/v1/me/tasks']));
  });

  it('rejects a department file with bad rows, naming each row, and writes nothing', async () => {
    const bad = 'code,name,kind,active\nX1,好部门,bureau,true\nX2,,bureau,true\nX3,坏类别,ministry,true\nX1,重复编码,bureau,true';
    const res = await stack.request<{ code: string; errors: { row: number; field: string; code: string }[] }>('POST', '/departments/import', { token: admin, raw: bad, contentType: 'text/csv' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('IMPORT_REJECTED');
    expect(res.body.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, 'name', 'DEPARTMENT_NAME_INVALID'],
      [4, 'kind', 'DEPARTMENT_KIND_INVALID'],
      [5, 'code', 'DEPARTMENT_CODE_DUPLICATED'],
    ]);
    expect((await stack.request<unknown[]>('GET', '/departments', { token: admin })).body).toHaveLength(0);
    const json = await stack.request('POST', '/departments/import', { token: admin, body: [{ code: 'J1', name: 'x', kind: 'bureau', active: 'sometimes' }] });
    expect(json.body).toMatchObject({ code: 'IMPORT_REJECTED', errors: [{ row: 1, field: 'active' }] });
  });

  it('imports departments from CSV, updating by code on a second import', async () => {
    const first = await stack.request('POST', '/departments/import', { token: admin, raw: csv, contentType: 'text/csv' });
    expect(first).toMatchObject({ status: 200, body: { total: DEPARTMENTS + 1, created: DEPARTMENTS + 1, updated: 0 } });
    const again = await stack.request('POST', '/departments/import', { token: admin, body: { rows: [{ code: 'D01', name: '市场监督管理局', kind: 'bureau', active: true }] } });
    expect(again.body).toMatchObject({ total: 1, created: 0, updated: 1 });
    departments = (await stack.request<Department[]>('GET', '/departments', { token: admin })).body;
    expect(departments).toHaveLength(DEPARTMENTS + 1);
    expect((await stack.request('POST', '/departments', { token: admin, body: { code: 'D01', name: 'x', kind: 'bureau' } })).body).toMatchObject({ code: 'DEPARTMENT_CODE_TAKEN' });
  });

  it('creates department users; a duplicate username is 409 and a missing department 400', async () => {
    const [a, b] = departments;
    for (const [username, department] of [['user-a', a], ['user-b', b]] as const) {
      const res = await stack.request('POST', '/users', { token: admin, body: { username, password: 'password-123', role: 'department_user', displayName: username, departmentId: department.id } });
      expect(res.status).toBe(201);
    }
    const dup = await stack.request('POST', '/users', { token: admin, body: { username: 'user-a', password: 'password-123', role: 'department_user', displayName: 'x', departmentId: a.id } });
    expect(dup).toMatchObject({ status: 409, body: { code: 'USERNAME_TAKEN' } });
    const noDept = await stack.request('POST', '/users', { token: admin, body: { username: 'user-c', password: 'password-123', role: 'department_user', displayName: 'x' } });
    expect(noDept).toMatchObject({ status: 400, body: { errors: [{ field: 'departmentId' }] } });
    userA = await stack.login('user-a', 'password-123');
    userB = await stack.login('user-b', 'password-123');
    expect((await stack.request('POST', '/users', { token: userA, body: {} })).status).toBe(403);
  });

  it('answers malformed launch requests with 400 naming the field', async () => {
    const broken = await stack.request('POST', '/campaigns', { token: admin, raw: '{"year": 2026,', contentType: 'application/json' });
    expect(broken).toMatchObject({ status: 400, body: { code: 'MALFORMED_BODY' } });
    const res = await stack.request<{ code: string; errors: { field: string }[] }>('POST', '/campaigns', {
      token: admin,
      body: { year: 'next', title: '', priorities: [{ code: 'P1', title: 't', departmentIds: ['nope'], dueAt: 'soon', evidenceRequired: 'yes' }], calendar: {} },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['year', 'title', 'priorities[0].departmentIds', 'priorities[0].dueAt', 'priorities[0].evidenceRequired', 'calendar.closesAt']),
    );
    const order = await stack.request<{ errors: { field: string; code: string }[] }>('POST', '/campaigns', {
      token: admin,
      body: { year, title: 't', priorities: [{ code: 'P1', title: 't', departmentIds: 'all', dueAt: iso(10), evidenceRequired: false }], calendar: { reviewOpensAt: iso(300), closesAt: iso(200) } },
    });
    expect(order.body.errors).toEqual([expect.objectContaining({ field: 'calendar.closesAt', code: 'CALENDAR_ORDER' })]);
    expect((await stack.request('GET', '/campaigns', { token: admin })).body).toEqual([]);
  });

  it('launches a campaign for every active department, idempotently', async () => {
    const body = {
      year,
      title: '2026年度法治政府建设督察',
      priorities: [
        { code: 'P01', title: '落实行政执法三项制度', description: '报送落实情况', departmentIds: 'all', dueAt: iso(60), evidenceRequired: true },
        { code: 'P02', title: '报送上年度执法数据', departmentIds: [departments[0].id, departments[1].id, departments[2].id], dueAt: iso(-1), evidenceRequired: false },
      ],
      calendar: { selfCheckOpensAt: iso(90), reviewOpensAt: iso(150), closesAt: iso(330) },
    };
    const launch = await stack.request<Status>('POST', '/campaigns', { token: admin, body, headers: { 'idempotency-key': 'launch-2026' } });
    expect(launch.status).toBe(201);
    campaignId = launch.body.id;
    expect(launch.body).toMatchObject({ phase: 'priorities', departments: DEPARTMENTS });

    const retry = await stack.request<Status>('POST', '/campaigns', { token: admin, body, headers: { 'idempotency-key': 'launch-2026' } });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(campaignId);
    const second = await stack.request('POST', '/campaigns', { token: admin, body: { ...body, title: '另一个' } });
    expect(second).toMatchObject({ status: 409, body: { code: 'CAMPAIGN_YEAR_TAKEN' } });

    const expectedTasks = DEPARTMENTS + 3;
    const status = await eventually(async () => {
      const res = await stack.request<Status>('GET', `/campaigns/${campaignId}`, { token: admin });
      return res.body.tasks.total === expectedTasks && res.body.tasks.overdue === 3 ? res.body : undefined;
    }, 60000, 'every department workflow to create its tasks');
    expect(status.workflow).toMatchObject({ status: 'RUNNING', departmentsStarted: DEPARTMENTS, fanOutDone: true });

    // One campaign workflow, one department workflow per department, all carrying the search attributes.
    const connection = await Connection.connect({ address: stack.config.temporal.address });
    try {
      const client = new Client({ connection });
      const ids: string[] = [];
      for await (const wf of client.workflow.list({ query: `CampaignId = '${campaignId}'` })) ids.push(wf.workflowId);
      expect(ids.filter((id) => !id.includes('-department-')).sort()).toEqual([`campaign-${campaignId}`, `campaign-${campaignId}-annual-report`]); // the campaign and its report's deadline
      await eventually(async () => {
        const rows: string[] = [];
        for await (const wf of client.workflow.list({ query: `CampaignId = '${campaignId}' AND CampaignYear = ${year} AND Phase = 'priorities' AND DepartmentId = '${departments[0].id}'` })) rows.push(wf.workflowId);
        return rows.length === 1 ? rows : undefined;
      }, 20000, 'search attributes to be visible');
    } finally {
      await connection.close();
    }
  });

  it("scopes each department's inbox to its own tasks", async () => {
    const inboxA = (await stack.request<Task[]>('GET', '/me/tasks', { token: userA })).body;
    expect(inboxA.map((t) => t.priorityCode).sort()).toEqual(['P01', 'P02']);
    expect(inboxA.every((t) => t.departmentId === departments[0].id)).toBe(true);
    expect(inboxA.find((t) => t.priorityCode === 'P02')).toMatchObject({ overdue: true, status: 'open' });
    const inboxB = (await stack.request<Task[]>('GET', '/me/tasks', { token: userB })).body;
    expect(inboxB.every((t) => t.departmentId === departments[1].id)).toBe(true);
    expect((await stack.request('GET', '/me/tasks', { token: admin })).status).toBe(403);
    expect((await stack.request('GET', `/tasks/${inboxA[0].id}`, { token: userB })).status).toBe(403);
    expect((await stack.request('GET', `/departments/${departments[0].id}`, { token: userB })).status).toBe(403);
    expect((await stack.request<Department[]>('GET', '/departments', { token: userB })).body.map((d) => d.id)).toEqual([departments[1].id]);
  });

  it('completes tasks once, on time or late, and refuses what is not allowed', async () => {
    const inboxA = (await stack.request<Task[]>('GET', '/me/tasks', { token: userA })).body;
    const onTime = inboxA.find((t) => t.priorityCode === 'P01')!;
    const overdue = inboxA.find((t) => t.priorityCode === 'P02')!;
    const evidence = [{ name: '公示截图.pdf', uri: 'https://files.example.gov.cn/e/1.pdf' }];

    expect(await stack.request('POST', `/tasks/${onTime.id}/complete`, { token: userB, body: { note: '冒名', evidence } })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN_DEPARTMENT' } });
    expect(await stack.request('POST', `/tasks/${onTime.id}/complete`, { token: userA, body: { note: '无材料', evidence: [] } })).toMatchObject({ status: 400, body: { errors: [{ field: 'evidence', code: 'EVIDENCE_REQUIRED' }] } });
    expect(await stack.request('POST', `/tasks/${onTime.id}/complete`, { token: userA, body: { evidence } })).toMatchObject({ status: 400, body: { errors: [{ field: 'note' }] } });
    expect(await stack.request('POST', `/tasks/${onTime.id}/complete`, { token: userA, body: { note: 'x', evidence: [{ name: 'a' }] } })).toMatchObject({ status: 400, body: { errors: [{ field: 'evidence[0].uri' }] } });
    expect((await stack.request('POST', '/tasks/not-a-uuid/complete', { token: userA, body: { note: 'x', evidence } })).body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'id' }] });

    const done = await stack.request<{ late: boolean }>('POST', `/tasks/${onTime.id}/complete`, { token: userA, body: { note: '已按要求公示', evidence } });
    expect(done).toMatchObject({ status: 200, body: { late: false } });
    const late = await stack.request<{ late: boolean }>('POST', `/tasks/${overdue.id}/complete`, { token: userA, body: { note: '逾期报送', evidence: [] } });
    expect(late).toMatchObject({ status: 200, body: { late: true } });
    expect(await stack.request('POST', `/tasks/${onTime.id}/complete`, { token: userA, body: { note: '再报一次', evidence } })).toMatchObject({ status: 409, body: { code: 'TASK_ALREADY_COMPLETED' } });

    // Two racing completions of one task: exactly one is accepted.
    const other = (await stack.request<Task[]>('GET', '/me/tasks', { token: userB })).body.find((t) => t.priorityCode === 'P01')!;
    const race = await Promise.all([1, 2, 3].map((n) => stack.request('POST', `/tasks/${other.id}/complete`, { token: userB, body: { note: `第${n}次`, evidence } })));
    expect(race.map((r) => r.status).sort()).toEqual([200, 409, 409]);

    const status = (await stack.request<Status>('GET', `/campaigns/${campaignId}`, { token: admin })).body;
    expect(status.tasks).toEqual({ total: DEPARTMENTS + 3, done: 3, open: DEPARTMENTS, overdue: 2, late: 1 });
    const audit = (await stack.request<{ action: string; actorId: string }[]>('GET', `/audit?targetType=task&targetId=${onTime.id}`, { token: admin })).body;
    expect(audit.map((a) => a.action)).toEqual(['task.complete', 'task.create']);
  });

  it('closes the campaign, after which completions are refused with 409', async () => {
    const closed = await stack.request<Status>('POST', `/campaigns/${campaignId}/close`, { token: admin });
    expect(closed).toMatchObject({ status: 200, body: { phase: 'closed' } });
    const open = (await stack.request<Task[]>('GET', '/me/tasks?status=open', { token: userB })).body;
    expect(open.length).toBeGreaterThan(0);
    expect(await stack.request('POST', `/tasks/${open[0].id}/complete`, { token: userB, body: { note: '太晚了', evidence: [] } })).toMatchObject({ status: 409, body: { code: 'CAMPAIGN_CLOSED' } });
    expect((await stack.request('POST', `/campaigns/${campaignId}/close`, { token: admin })).status).toBe(409);
  });
  it('answers with security headers and without X-Powered-By', async () => {
    const res = await fetch(`${stack.baseUrl}/health`);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('trusts a token only while its user exists and is active, with the role the user has now', async () => {
    const users = (await stack.request<{ id: string; username: string; departmentId: string | null }[]>('GET', '/users', { token: admin })).body;
    const b = users.find((u) => u.username === 'user-b')!;
    const me = users.find((u) => u.username === ADMIN.username)!;
    expect((await stack.request('GET', '/me/tasks', { token: userB })).status).toBe(200);
    expect((await stack.request<{ active: boolean }>('PATCH', `/users/${b.id}`, { token: admin, body: { active: false } })).body.active).toBe(false);
    expect(await stack.request('GET', '/me/tasks', { token: userB })).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED', message: expect.stringContaining('账号已停用') } });
    expect((await stack.request('PATCH', `/users/${b.id}`, { token: admin, body: { active: true } })).status).toBe(200);
    expect((await stack.request('GET', '/me/tasks', { token: userB })).status).toBe(200);
    expect((await stack.request('PATCH', `/users/${b.id}`, { token: admin, body: { role: 'reviewer' } })).status).toBe(200);
    expect((await stack.request('GET', '/me/tasks', { token: userB })).status).toBe(403); // the new role applies at once
    expect((await stack.request('PATCH', `/users/${b.id}`, { token: admin, body: { role: 'department_user' } })).status).toBe(200);
    expect((await stack.request('PATCH', `/users/${b.id}`, { token: admin, body: { role: 'office_staff', departmentId: b.departmentId } })).body).toMatchObject({ errors: [{ field: 'departmentId', code: 'DEPARTMENT_NOT_ALLOWED' }] });
    expect((await stack.request('PATCH', `/users/${b.id}`, { token: admin, body: {} })).body).toMatchObject({ errors: [{ code: 'EMPTY_UPDATE' }] });
    expect((await stack.request('PATCH', `/users/${me.id}`, { token: admin, body: { active: false } })).status).toBe(403); // never oneself
    expect((await stack.request('PATCH', `/users/${b.id}`, { token: userA, body: { active: false } })).status).toBe(403);
    // Passwords: the admin resets one; everyone changes their own, knowing the current one.
    expect((await stack.request('POST', `/users/${b.id}/password`, { token: admin, body: { password: 'user-b' + '-reset-7' } })).status).toBe(200);
    // A reset ends the user's sessions: the token from before it is refused.
    expect(await stack.request('GET', '/me/tasks', { token: userB })).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED', message: expect.stringContaining('密码已更改') } });
    const userB2 = await stack.login('user-b', 'user-b-reset-7');
    expect((await stack.request('PUT', '/me/password', { token: userB2, body: { currentPassword: 'wrong', newPassword: 'Another-pass-9' } })).body).toMatchObject({ errors: [{ field: 'currentPassword', code: 'PASSWORD_WRONG' }] });
    expect((await stack.request('PUT', '/me/password', { token: userB2, body: { currentPassword: 'user-b-reset-7', newPassword: 'password' } })).body).toMatchObject({ errors: [{ field: 'newPassword', code: 'PASSWORD_TOO_COMMON' }] });
    const otherSession = await stack.login('user-b', 'user-b-reset-7');
    expect((await stack.request('PUT', '/me/password', { token: userB2, body: { currentPassword: 'user-b-reset-7', newPassword: 'password-123' } })).status).toBe(200);
    // Changing one's own password ends every session, the one that changed it too (the console signs out).
    expect((await stack.request('GET', '/me/tasks', { token: otherSession })).status).toBe(401);
    expect((await stack.request('GET', '/me/tasks', { token: userB2 })).status).toBe(401);
    userB = await stack.login('user-b', 'password-123');
    expect((await stack.request('GET', '/me/tasks', { token: userB })).status).toBe(200);
    // A password anyone would try is refused, naming the rule; failed sign-ins are recorded.
    const weak = await stack.request<{ errors: { field: string; code: string }[] }>('POST', '/users', { token: admin, body: { username: 'weak-user', password: '12345678', role: 'office_staff', displayName: '弱口令' } });
    expect(weak).toMatchObject({ status: 400, body: { errors: [{ field: 'password', code: 'PASSWORD_TOO_COMMON' }] } });
    expect((await stack.request('POST', '/users', { token: admin, body: { username: 'same-as-name', password: 'Same-As-Name', role: 'office_staff', displayName: '同名' } })).body).toMatchObject({ errors: [{ code: 'PASSWORD_IS_USERNAME' }] });
    expect((await stack.request('POST', '/auth/token', { body: { username: 'user-a', password: 'not-the-password' } })).status).toBe(401);
    expect((await stack.request('POST', '/auth/token', { body: { username: 'nobody-here', password: 'not-the-password' } })).status).toBe(401);
    const audit = new PgClient({ connectionString: stack.databaseUrl });
    await audit.connect();
    const { rows } = await audit.query(`SELECT detail->>'username' AS username, detail->>'reason' AS reason FROM audit_log WHERE action = 'auth.sign_in_failed' ORDER BY id`);
    await audit.end();
    expect(rows).toEqual(expect.arrayContaining([{ username: 'user-a', reason: 'wrong_password' }, { username: 'nobody-here', reason: 'unknown_user' }]));
    // An unknown user takes as long to refuse as a wrong password (bcrypt against a real hash either way).
    const time = async (username: string) => {
      const t = performance.now();
      await stack.request('POST', '/auth/token', { body: { username, password: 'not-the-password' } });
      return performance.now() - t;
    };
    const known = Math.min(await time('user-a'), await time('user-a'), await time('user-a'));
    const unknown = Math.min(await time('nobody-here'), await time('nobody-here'), await time('nobody-here'));
    expect(unknown).toBeGreaterThan(known * 0.5);
    // Five failures in a row lock the account for a while, even for the right password; the admin lifts it.
    const locked = (await stack.request<{ id: string }>('POST', '/users', { token: admin, body: { username: 'lock-me', password: 'Lock-me-right-1', role: 'office_staff', displayName: '锁定测试' } })).body;
    for (let i = 0; i < 5; i++) expect((await stack.request('POST', '/auth/token', { body: { username: 'lock-me', password: `wrong-${i}-password` } })).status).toBe(401);
    expect(await stack.request('POST', '/auth/token', { body: { username: 'lock-me', password: 'Lock-me-right-1' } })).toMatchObject({ status: 429, body: { code: 'ACCOUNT_LOCKED', message: expect.stringContaining('联系管理员解除锁定') } });
    expect((await stack.request('POST', `/users/${locked.id}/unlock`, { token: admin })).status).toBe(200);
    expect((await stack.request('POST', '/auth/token', { body: { username: 'lock-me', password: 'Lock-me-right-1' } })).status).toBe(200);
    // Signed with the right secret, but for nobody: refused.
    const forged = jwt.sign({ sub: '7b0e1d9c-0000-4000-8000-000000000000', username: 'ghost', role: 'office_admin', departmentId: null }, stack.config.jwt.secret, { expiresIn: '1h' });
    expect(await stack.request('GET', '/departments', { token: forged })).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    const junk = jwt.sign({ sub: 'not-a-uuid', role: 'office_admin' }, stack.config.jwt.secret);
    expect((await stack.request('GET', '/departments', { token: junk })).status).toBe(401);
  });
});

function iso(daysFromNow: number): string {
  return new Date(Date.now() + daysFromNow * DAY).toISOString();
}
