/**
 * The worker process (apps/worker/src/main.ts, spawned as `npm start` runs it: Runtime.install is once per
 * process) serves Temporal's runtime metrics for Prometheus at WORKER_METRICS_ADDRESS: after workflows ran
 * (one completing, one whose activity fails, one whose workflow task fails) the scrape has the worker's
 * task-slot, schedule-to-start, completion and failure metrics. And the Grafana dashboard queries only
 * metrics that the API and this worker really export; Prometheus scrapes where they listen in compose.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { parse } from 'yaml';
import { parseMetrics, type Sample } from './support/metrics';
import { eventually, startStack, type Stack } from './support/stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEV_NODE_ARGS } = require('../scripts/conditions.js') as { DEV_NODE_ARGS: string[] };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../scripts/temporal.js') as { freePort(): Promise<number> };

const ROOT = join(__dirname, '..');


describe('Prometheus metrics of the worker, and the dashboard (e2e)', () => {
  let stack: Stack;
  let worker: ChildProcess;
  let output = '';
  let metricsUrl: string;
  let connection: Connection;
  let client: Client;
  const taskQueue = `metrics-${Math.random().toString(36).slice(2, 10)}`;
  const scrape = async (): Promise<Sample[]> => parseMetrics(await (await fetch(metricsUrl)).text());
  const total = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
    samples.filter((s) => s.name === name && s.labels.task_queue === taskQueue && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);

  beforeAll(async () => {
    // The API (in this process) for its metric names and its database; the worker under test in its own process, on its own task queue.
    stack = await startStack({ schedules: false });
    const port = await freePort();
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    worker = spawn(process.execPath, [...DEV_NODE_ARGS, join(ROOT, 'apps', 'worker', 'src', 'main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: stack.databaseUrl,
        TEMPORAL_ADDRESS: stack.config.temporal.address,
        TEMPORAL_NAMESPACE: 'default',
        TEMPORAL_TASK_QUEUE: taskQueue,
        JWT_SECRET: 'worker-metrics-test-secret-0123',
        WORKER_METRICS_ADDRESS: `127.0.0.1:${port}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (chunk) => (output += chunk));
    worker.stderr!.on('data', (chunk) => (output += chunk));
    await eventually(async () => {
      if (worker.exitCode !== null) throw new Error(`the worker exited with ${worker.exitCode}: ${output}`);
      return output.includes('"worker started"') ? true : undefined;
    }, 180_000, 'the worker to start');
    connection = await Connection.connect({ address: stack.config.temporal.address });
    client = new Client({ connection });
  }, 200_000);

  afterAll(async () => {
    await connection?.close();
    if (worker && worker.exitCode === null) {
      const exited = new Promise((r) => worker.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    }
    await stack?.stop();
  });

  it('serves Temporal runtime metrics of its task queue after a workflow ran', async () => {
    expect(output).toContain(`"metrics":"${metricsUrl}"`);
    // Preparing next year's draft on a database without campaigns: one workflow task, one activity, done.
    await client.workflow.execute('prepareNextCampaignWorkflow', { taskQueue, workflowId: `${taskQueue}-prepare`, args: [] });
    const samples = await eventually(async () => {
      const s = await scrape();
      return total(s, 'temporal_workflow_completed') >= 1 ? s : undefined;
    }, 30_000, 'the completed workflow in the worker metrics');
    expect(total(samples, 'temporal_workflow_task_schedule_to_start_latency_count')).toBeGreaterThanOrEqual(1);
    expect(total(samples, 'temporal_activity_schedule_to_start_latency_count')).toBeGreaterThanOrEqual(1); // per task queue, no activity_type
    expect(total(samples, 'temporal_activity_execution_latency_count', { activity_type: 'prepareNextCampaign' })).toBe(1);
    expect(samples.filter((s) => s.name === 'temporal_worker_task_slots_available' && s.labels.task_queue === taskQueue).map((s) => s.labels.worker_type)).toEqual(expect.arrayContaining(['ActivityWorker', 'WorkflowWorker']));
    expect(total(samples, 'temporal_activity_execution_failed')).toBe(0);
  }, 60_000);

  it('counts failed activities and failed workflow tasks', async () => {
    const pg = new PgClient({ connectionString: stack.databaseUrl });
    await pg.connect();
    try {
      await pg.query('ALTER TABLE campaigns RENAME TO campaigns_hidden'); // the activity's query fails until it is back
      const failing = await client.workflow.start('prepareNextCampaignWorkflow', { taskQueue, workflowId: `${taskQueue}-failing`, args: [] });
      const unknown = await client.workflow.start('noSuchWorkflow', { taskQueue, workflowId: `${taskQueue}-unknown`, args: [] });
      const samples = await eventually(async () => {
        const s = await scrape();
        return total(s, 'temporal_activity_execution_failed', { activity_type: 'prepareNextCampaign' }) >= 1 && total(s, 'temporal_workflow_task_execution_failed') >= 1 ? s : undefined;
      }, 30_000, 'the failures in the worker metrics');
      expect(total(samples, 'temporal_activity_execution_failed', { activity_type: 'prepareNextCampaign' })).toBeGreaterThanOrEqual(1);
      await pg.query('ALTER TABLE campaigns_hidden RENAME TO campaigns');
      await failing.result(); // retried, it succeeds
      await unknown.terminate('test over');
    } finally {
      await pg.query('ALTER TABLE IF EXISTS campaigns_hidden RENAME TO campaigns').catch(() => undefined);
      await pg.end();
    }
  }, 60_000);

  it('has a Grafana dashboard that queries only metrics the API and the worker export, from the provisioned datasource', async () => {
    await stack.request('GET', '/health'); // the request histogram has samples once a request is answered
    const apiNames = new Set(parseMetrics(await (await fetch(stack.baseUrl.replace('/api/v1', '/metrics'))).text()).map((s) => s.name));
    const workerNames = new Set((await scrape()).map((s) => s.name));
    const dashboard = JSON.parse(readFileSync(join(ROOT, 'deploy', 'grafana', 'dashboards', 'supervision.json'), 'utf8')) as { panels: { type: string; title: string; datasource?: { uid: string }; targets?: { expr: string; datasource?: { uid: string } }[] }[] };
    const datasources = parse(readFileSync(join(ROOT, 'deploy', 'grafana', 'provisioning', 'datasources', 'prometheus.yml'), 'utf8')) as { datasources: { uid: string; url: string }[] };
    const uids = datasources.datasources.map((d) => d.uid);
    const queries = dashboard.panels.filter((p) => p.type !== 'row').flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, ...t, panelUid: p.datasource?.uid })));
    expect(queries.length).toBeGreaterThan(10);
    expect(queries.filter((q) => !uids.includes(q.datasource?.uid ?? '') || !uids.includes(q.panelUid ?? '')).map((q) => q.panel)).toEqual([]);

    const missing: string[] = [];
    for (const q of queries) {
      const names = q.expr.match(/\b(?:http|supervision|temporal|process|nodejs)_[a-z0-9_]+/g) ?? [];
      expect(names.length).toBeGreaterThan(0);
      const job = /job="(api|worker)"/.exec(q.expr)?.[1];
      for (const name of names) if (!(job === 'worker' ? workerNames : apiNames).has(name)) missing.push(`${q.panel}: ${name} (${job})`);
    }
    expect(missing).toEqual([]);

    // Prometheus scrapes the API and the worker where compose has them listen.
    const prometheus = parse(readFileSync(join(ROOT, 'deploy', 'prometheus', 'prometheus.yml'), 'utf8')) as { scrape_configs: { job_name: string; metrics_path: string; static_configs: { targets: string[] }[] }[] };
    expect(prometheus.scrape_configs.map((c) => [c.job_name, c.metrics_path, c.static_configs.flatMap((s) => s.targets)])).toEqual([
      ['api', '/metrics', ['api:3000']],
      ['worker', '/metrics', ['worker:9464']],
    ]);
    const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, { environment?: Record<string, string>; ports?: string[] }> };
    expect(compose.services.worker.environment?.WORKER_METRICS_ADDRESS).toBe('0.0.0.0:9464');
    expect(compose.services.api.environment?.PORT).toBe('3000');
    expect(datasources.datasources[0].url).toBe('http://prometheus:9090');
    expect(compose.services.prometheus.ports).toEqual(['127.0.0.1:9090:9090']);
  });
});
