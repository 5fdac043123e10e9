/**
 * GET /metrics against the real stack: the request histogram labelled by route template (never the
 * raw path with its ids) and status code, the Node process metrics, and the domain gauges computed at
 * scrape time from the database and Temporal's visibility.
 */
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { eventually, startStack, ADMIN, type Stack } from './support/stack';
import { parseMetrics, type Sample } from './support/metrics';

const DAY = 24 * 60 * 60 * 1000;
const iso = (daysFromNow: number) => new Date(Date.now() + daysFromNow * DAY).toISOString();

describe('Prometheus metrics of the API (e2e)', () => {
  let stack: Stack;
  let admin: string;
  let metricsUrl: string;
  const scrape = async (): Promise<Sample[]> => {
    const res = await fetch(metricsUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    return parseMetrics(await res.text());
  };
  const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
    samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

  beforeAll(async () => {
    stack = await startStack({ schedules: false });
    metricsUrl = stack.baseUrl.replace('/api/v1', '/metrics');
    admin = await stack.login(ADMIN.username, ADMIN.password);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('is served at /metrics without a token, outside /api/v1, and not in the OpenAPI document', async () => {
    const samples = await scrape();
    expect(value(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect((await fetch(`${stack.baseUrl}/metrics`)).status).toBe(404);
    const doc = (await (await fetch(stack.baseUrl.replace('/api/v1', '/api/docs-json'))).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.includes('metrics'))).toEqual([]);
  });

  it('times requests by route template and status code, never by the raw path', async () => {
    const missing = randomUUID();
    expect((await stack.request('GET', `/tasks/${missing}`, { token: admin })).status).toBe(404);
    expect((await stack.request('GET', '/departments', { token: admin })).status).toBe(200);
    expect((await stack.request('GET', '/departments')).status).toBe(401);
    expect((await stack.request('GET', `/no-such-thing/${missing}`, { token: admin })).status).toBe(404);

    const samples = await scrape();
    const count = (route: string, status: string) => value(samples, 'http_request_duration_seconds_count', { method: 'GET', route, status_code: status });
    expect(count('/api/v1/tasks/:id', '404')).toBe(1);
    expect(count('/api/v1/departments', '200')).toBe(1);
    expect(count('/api/v1/departments', '401')).toBe(1);
    expect(count('unmatched', '404')).toBe(2); // and /api/v1/metrics above
    expect(value(samples, 'http_request_duration_seconds_bucket', { route: '/api/v1/tasks/:id', status_code: '404', le: '+Inf' })).toBe(1);
    expect(value(samples, 'http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/auth/token', status_code: '200' })).toBe(1); // the sign-in of beforeAll
    const routes = new Set(samples.filter((s) => s.name.startsWith('http_request_duration_seconds')).map((s) => s.labels.route));
    expect([...routes].filter((r) => r.includes(missing))).toEqual([]);
  });

  it('counts open and overdue items per stage as the database has them, and the failing workflows', async () => {
    const csv = ['code,name,kind,active', 'M1,部门一,bureau,true', 'M2,部门二,bureau,true', 'M3,部门三,township,true'].join('\n');
    expect((await stack.request('POST', '/departments/import', { token: admin, raw: csv, contentType: 'text/csv' })).status).toBe(200);
    const departments = (await stack.request<{ id: string }[]>('GET', '/departments', { token: admin })).body;
    const launch = await stack.request<{ id: string }>('POST', '/campaigns', {
      token: admin,
      body: {
        year: 2026,
        title: '2026年度法治政府建设督察',
        priorities: [
          { code: 'P01', title: '落实行政执法三项制度', departmentIds: 'all', dueAt: iso(60), evidenceRequired: false },
          { code: 'P02', title: '报送上年度执法数据', departmentIds: [departments[0].id, departments[1].id], dueAt: iso(-1), evidenceRequired: false },
        ],
        calendar: { selfCheckOpensAt: iso(90), reviewOpensAt: iso(150), closesAt: iso(330) },
      },
    });
    expect(launch.status).toBe(201);
    await eventually(async () => {
      const res = await stack.request<{ tasks: { total: number } }>('GET', `/campaigns/${launch.body.id}`, { token: admin });
      return res.body.tasks.total === 5 ? true : undefined;
    }, 60000, 'the department workflows to create their tasks');

    // The first scrape above was before the campaign: wait out the 15 s cache.
    const samples = await eventually(async () => {
      const s = await scrape();
      return value(s, 'supervision_open_items', { stage: 'tasks' }) === 5 ? s : undefined;
    }, 30000, 'the open-items gauge to count the new tasks');
    const pg = new PgClient({ connectionString: stack.databaseUrl });
    await pg.connect();
    try {
      const [db] = (await pg.query(`SELECT count(*)::int AS open, count(*) FILTER (WHERE due_at < now())::int AS overdue FROM tasks WHERE status = 'open'`)).rows;
      expect(db).toEqual({ open: 5, overdue: 2 });
      expect(value(samples, 'supervision_open_items', { stage: 'tasks' })).toBe(db.open);
      expect(value(samples, 'supervision_overdue_items', { stage: 'tasks' })).toBe(db.overdue);
      for (const stage of ['self_checks', 'reviews', 'rectification_items']) {
        expect(value(samples, 'supervision_open_items', { stage })).toBe(0); // the self-check window opens in 90 days
        expect(value(samples, 'supervision_overdue_items', { stage })).toBe(0);
      }
      expect(value(samples, 'supervision_failing_workflows')).toBe(0);
      expect(value(samples, 'supervision_metrics_collect_errors_total', { source: 'database' })).toBe(0);
      expect(value(samples, 'supervision_metrics_collect_errors_total', { source: 'temporal' })).toBe(0);

      // Within the cache's 15 s the scrape does not query again: a task completed meanwhile is still counted open.
      await pg.query(`UPDATE tasks SET status = 'completed', completed_at = now() WHERE id = (SELECT id FROM tasks WHERE status = 'open' LIMIT 1)`);
      expect(value(await scrape(), 'supervision_open_items', { stage: 'tasks' })).toBe(5);
    } finally {
      await pg.end();
    }
  }, 120000);
});
