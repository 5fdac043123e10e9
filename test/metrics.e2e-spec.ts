/**
 * GET /metrics against the real stack: the request histogram labelled by route template (never the
 * raw path with its ids) and status code, the Node process metrics, and the domain gauges computed at
 * scrape time from the database and Temporal's visibility.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
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
    // With a console to serve, as in production: its fallback to index.html must leave /metrics alone.
    const webRoot = mkdtempSync(join(tmpdir(), 'console-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>console</title>');
    stack = await startStack({ schedules: false, webRoot });
    metricsUrl = stack.baseUrl.replace('/api/v1', '/metrics');
    admin = await stack.login(ADMIN.username, ADMIN.password);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('is served at /metrics without a token, outside /api/v1, and not in the OpenAPI document', async () => {
    expect(await (await fetch(stack.baseUrl.replace('/api/v1', '/campaigns/some-client-route'))).text()).toContain('<title>console</title>');
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
    expect(count('unmatched', '200')).toBe(1); // the console's page above
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

  it('keeps the last values when a query fails, counts the failure, and counts a workflow that flags itself failing', async () => {
    const pg = new PgClient({ connectionString: stack.databaseUrl });
    await pg.connect();
    const connection = await Connection.connect({ address: stack.config.temporal.address });
    try {
      // Without the campaigns table the open-items query fails, and so does preparing next year's draft (past its retries: Failing = true).
      await pg.query('ALTER TABLE campaigns RENAME TO campaigns_hidden');
      const handle = await new Client({ connection }).workflow.start('prepareNextCampaignWorkflow', { taskQueue: stack.config.temporal.taskQueue, workflowId: `metrics-failing-${randomUUID()}`, args: [] });
      const during = await eventually(async () => {
        const s = await scrape();
        return (value(s, 'supervision_metrics_collect_errors_total', { source: 'database' }) ?? 0) >= 1 ? s : undefined;
      }, 30_000, 'the failed database query counted');
      expect(value(during, 'supervision_open_items', { stage: 'tasks' })).toBe(5); // the last value (one was completed since)
      expect(value(during, 'supervision_metrics_collect_errors_total', { source: 'temporal' })).toBe(0);
      await eventually(async () => (value(await scrape(), 'supervision_failing_workflows') === 1 ? true : undefined), 90_000, 'the workflow in trouble counted');

      await pg.query('ALTER TABLE campaigns_hidden RENAME TO campaigns');
      await handle.terminate('test over');
      const after = await eventually(async () => {
        const s = await scrape();
        return value(s, 'supervision_failing_workflows') === 0 && value(s, 'supervision_open_items', { stage: 'tasks' }) === 4 ? s : undefined;
      }, 30_000, 'the gauges to count again');
      expect(value(after, 'supervision_overdue_items', { stage: 'tasks' })).toBeLessThanOrEqual(2);
    } finally {
      await pg.query('ALTER TABLE IF EXISTS campaigns_hidden RENAME TO campaigns').catch(() => undefined);
      await pg.end();
      await connection.close();
    }
  }, 180_000);
});
