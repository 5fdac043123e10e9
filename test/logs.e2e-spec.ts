/**
 * Logs against the real stack: a request's id (X-Request-Id) is echoed, and it is on the API's request
 * line, on the workflow's line and on the activity's line for the task completion it carried; no line
 * holds the password, the access token or the evidence note (bodies and credentials are never logged).
 */
import { randomBytes } from 'node:crypto';
import { Runtime } from '@temporalio/worker';
import { createLogger, temporalLogger } from '@rol/worker';
import { eventually, startStack, ADMIN, type Stack } from './support/stack';

type Line = Record<string, unknown> & { level: string; time: string; service: string; msg: string };

/** A pino destination that keeps each line. */
function capture() {
  const raw: string[] = [];
  return { raw, write: (line: string) => void raw.push(line), lines: () => raw.map((l) => JSON.parse(l) as Line) };
}

describe('logs: one shape, a request id from the API into workflows and activities (e2e)', () => {
  const api = capture();
  const worker = capture();
  let stack: Stack;
  const suffix = randomBytes(6).toString('hex');
  const password = `pw-${suffix}-secret`;
  const note = `e2e-note-${suffix}`;

  beforeAll(async () => {
    // The worker process does the same in apps/worker/src/main.ts: the SDK's, workflows' and activities' lines through our logger.
    Runtime.install({ logger: temporalLogger(createLogger('info', worker)) });
    stack = await startStack({ logs: { level: 'info', api, worker } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('follows a task completion by its X-Request-Id through the API, the workflow and the activity, and logs no secret', async () => {
    const admin = await stack.login(ADMIN.username, ADMIN.password);
    const department = await stack.request<{ id: string }>('POST', '/departments', { token: admin, body: { code: 'L01', name: '司法局', kind: 'bureau' } });
    expect(department.status).toBe(201);
    const user = await stack.request<{ id: string }>('POST', '/users', { token: admin, body: { username: 'logs-user', password, role: 'department_user', displayName: '经办人', departmentId: department.body.id } });
    expect(user.status).toBe(201);
    const token = await stack.login('logs-user', password);
    const dueAt = new Date(Date.now() + 60 * 86_400_000).toISOString();
    const launch = await stack.request('POST', '/campaigns', {
      token: admin,
      body: { year: 2026, title: '2026年度法治政府建设督察', priorities: [{ code: 'P01', title: '落实行政执法三项制度', departmentIds: 'all', dueAt, evidenceRequired: false }], calendar: { closesAt: new Date(Date.now() + 300 * 86_400_000).toISOString() } },
    });
    expect(launch.status).toBe(201);
    const task = await eventually(async () => (await stack.request<{ id: string }[]>('GET', '/me/tasks', { token })).body[0], 60000, 'the task to be created');

    const requestId = `e2e-trace-${suffix}`;
    const res = await fetch(`${stack.baseUrl}/tasks/${task.id}/complete`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ note, evidence: [] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(requestId);

    // The API's request line: who, what, how it ended.
    const requestLine = await eventually(async () => api.lines().find((l) => l.requestId === requestId && l.msg === 'request completed'), 10000, 'the request line');
    expect(requestLine).toMatchObject({ level: 'info', service: 'api', method: 'POST', route: '/api/v1/tasks/:id/complete', url: `/api/v1/tasks/${task.id}/complete`, status: 200, userId: user.body.id });
    expect(typeof requestLine.responseTime).toBe('number');
    expect(Date.parse(requestLine.time)).not.toBeNaN();

    // The workflow's line (the Update applied) and the activity's (the completion recorded), with the same id.
    const workflowLine = await eventually(async () => worker.lines().find((l) => l.msg === 'task completion applied' && l.taskId === task.id), 10000, 'the workflow line');
    expect(workflowLine).toMatchObject({ level: 'info', service: 'worker', sdkComponent: 'workflow', workflowType: 'departmentWorkflow', requestId });
    const activityLine = await eventually(async () => worker.lines().find((l) => l.msg === 'task completion recorded' && l.taskId === task.id), 10000, 'the activity line');
    expect(activityLine).toMatchObject({ level: 'info', service: 'worker', sdkComponent: 'activity', activityType: 'recordTaskCompletion', requestId });

    // An unacceptable id is replaced (and echoed as replaced); the answer still carries one.
    const bad = await fetch(`${stack.baseUrl}/me/tasks`, { headers: { authorization: `Bearer ${token}`, 'x-request-id': 'x'.repeat(129) } });
    const replaced = bad.headers.get('x-request-id');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    expect(await eventually(async () => api.lines().find((l) => l.requestId === replaced && l.msg === 'request completed'), 10000, 'the replaced id\'s line')).toMatchObject({ url: '/api/v1/me/tasks', status: 200 });

    // Every line has the shape; none holds a credential or a body.
    const all = [...api.lines(), ...worker.lines()];
    expect(all.length).toBeGreaterThan(10);
    for (const line of all) expect(line).toEqual(expect.objectContaining({ time: expect.any(String), level: expect.any(String), service: expect.stringMatching(/^(api|worker)$/), msg: expect.any(String) }));
    const text = [...api.raw, ...worker.raw].join('');
    for (const secret of [password, ADMIN.password, token, admin, `Bearer ${token}`, note]) expect(text).not.toContain(secret);
    expect(text).not.toContain('taskToken');
    expect(text).not.toContain('LegacyRouteConverter'); // the request logger's routes in Nest 11's syntax
  });
});
