/**
 * Benchmark (not a test): launch one campaign over N departments (default 1,000) through the API
 * and time until every department workflow has created its tasks, beside two raw baselines taken
 * in the same run on the same servers:
 *   - raw Temporal orchestration (the baseline): N workflows, 16 starts in flight, each running
 *     one activity that inserts its P rows through a 10-connection pool, on a worker of their own
 *     (scripts/bench/raw-launch.workflow.ts) — timed until every workflow completed; and the ratio,
 *   - raw Temporal: N `workflow.start` calls of a no-op workflow type (start throughput floor),
 *   - raw PostgreSQL: one INSERT … SELECT of the same N×P task rows.
 * Usage: npm run bench:launch [-- --departments 1000 --priorities 3 --no-baselines]
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Client as PgClient, Pool } from 'pg';
import { campaignWorkflowId, departmentWorkflowId } from '@rol/contracts';
import { arg, benchStack } from './support';




async function main(): Promise<void> {
  const departments = arg('departments', 1000);
  const priorities = arg('priorities', 3);
  const { stack, stop } = await benchStack();
  try {
    const admin = await stack.login('admin', 'admin-test-password');
    const csv = ['code,name,kind,active', ...Array.from({ length: departments }, (_, i) => `B${i},部门${i},bureau,true`)].join('\n');
    let t = Date.now();
    const imported = await stack.request('POST', '/departments/import', { token: admin, raw: csv, contentType: 'text/csv' });
    const importMs = Date.now() - t;
    if (imported.status !== 200) throw new Error(JSON.stringify(imported.body));

    // The raw baseline runs before the launch and again after it (the ratio uses their mean): after, the dev
    // server holds the launch's running department workflows, before it does not; neither order is favoured.
    const noBaselines = process.argv.includes('--no-baselines');
    const rawBeforeMs = noBaselines ? 0 : await rawOrchestration(stack.databaseUrl, departments, priorities, 'before');

    const due = new Date(Date.now() + 30 * 86400000).toISOString();
    const closes = new Date(Date.now() + 300 * 86400000).toISOString();
    t = Date.now();
    const launch = await stack.request<{ id: string }>('POST', '/campaigns', {
      token: admin,
      body: {
        year: 2026,
        title: 'bench',
        priorities: Array.from({ length: priorities }, (_, i) => ({ code: `P${i}`, title: `要点${i}`, departmentIds: 'all', dueAt: due, evidenceRequired: false })),
        calendar: { closesAt: closes },
      },
    });
    const launchMs = Date.now() - t;
    const expected = departments * priorities;
    for (;;) {
      const s = await stack.request<{ tasks: { total: number } }>('GET', `/campaigns/${launch.body.id}`, { token: admin });
      if (s.body.tasks.total >= expected) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const fanOutMs = Date.now() - t;

    // Raw baselines on the same servers.
    const connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS });
    const client = new Client({ connection });
    const campaignHistory = (await client.workflow.getHandle(campaignWorkflowId(launch.body.id)).describe()).historyLength;
    const pgProbe = new PgClient({ connectionString: stack.databaseUrl });
    await pgProbe.connect();
    const { rows: [{ department_id: oneDepartment }] } = await pgProbe.query<{ department_id: string }>('SELECT department_id FROM campaign_departments WHERE campaign_id = $1 LIMIT 1', [launch.body.id]);
    await pgProbe.end();
    const departmentHistory = (await client.workflow.getHandle(departmentWorkflowId(launch.body.id, oneDepartment)).describe()).historyLength;
    console.log(`launch → all tasks created: ${fanOutMs} ms; history length: campaign ${campaignHistory}, one department ${departmentHistory} events`);
    if (noBaselines) return; // a long run (10,000 departments): the launch only
    t = Date.now();
    const ids = Array.from({ length: departments }, (_, i) => `raw-${i}`);
    for (let i = 0; i < ids.length; i += 16) {
      await Promise.all(ids.slice(i, i + 16).map((workflowId) => client.workflow.start('noSuchWorkflow', { taskQueue: 'raw-baseline', workflowId, args: [] })));
    }
    const rawStartMs = Date.now() - t;

    const rawAfterMs = await rawOrchestration(stack.databaseUrl, departments, priorities, 'after');
    const rawOrchestrationMs = Math.round((rawBeforeMs + rawAfterMs) / 2);
    await connection.close();

    const pg = new PgClient({ connectionString: stack.databaseUrl });
    await pg.connect();
    await pg.query('CREATE TEMP TABLE raw_tasks (LIKE tasks INCLUDING DEFAULTS)');
    t = Date.now();
    await pg.query(
      `INSERT INTO raw_tasks (campaign_id, priority_id, department_id, title, due_at, evidence_required)
       SELECT p.campaign_id, p.id, cd.department_id, p.title, p.due_at, p.evidence_required
         FROM work_priorities p JOIN campaign_departments cd ON cd.campaign_id = p.campaign_id`,
    );
    const rawInsertMs = Date.now() - t;
    await pg.end();

    const rows = [
      ['departments × priorities', `${departments} × ${priorities} = ${expected} tasks`],
      ['department import (CSV, API)', `${importMs} ms`],
      ['launch request (API → campaign workflow started)', `${launchMs} ms`],
      ['launch → all department workflows started and all tasks created', `${fanOutMs} ms (${Math.round(departments / (fanOutMs / 1000))} departments/s)`],
      ['history length: the campaign workflow / one department workflow (after the launch)', `${campaignHistory} / ${departmentHistory} events`],
      [`raw baseline: ${departments} workflows × 1 activity inserting ${priorities} rows (pool of 10, 16 starts in flight), before / after the launch`, `${rawBeforeMs} ms / ${rawAfterMs} ms, mean ${rawOrchestrationMs} ms`],
      ['launch / raw orchestration run before it, after it', `${(fanOutMs / rawBeforeMs).toFixed(2)} × / ${(fanOutMs / rawAfterMs).toFixed(2)} ×`],
      ['launch / mean raw orchestration (goal ≤ 1.25)', `${(fanOutMs / rawOrchestrationMs).toFixed(2)} ×`],
      [`raw baseline: ${departments} bare workflow.start calls (16 in flight)`, `${rawStartMs} ms (${Math.round(departments / (rawStartMs / 1000))} starts/s)`],
      [`raw baseline: one INSERT … SELECT of ${expected} task rows`, `${rawInsertMs} ms`],
    ];
    for (const [k, v] of rows) console.log(`${k.padEnd(110)} ${v}`);
  } finally {
    await stop();
  }
}

/**
 * The raw baseline: the same orchestration with nothing of ours in it — `departments` workflows of a
 * bare type, 16 starts in flight, each running one activity that inserts its `priorities` rows through a pool
 * of 10, on a worker of its own; timed until every one has completed, and the rows counted.
 */
async function rawOrchestration(databaseUrl: string, departments: number, priorities: number, tag: string): Promise<number> {
  const connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS });
  const client = new Client({ connection });
  const due = new Date(Date.now() + 30 * 86400000).toISOString();
  const table = `raw_launch_rows_${tag}`;
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query(`CREATE TABLE ${table} (department int NOT NULL, priority int NOT NULL, title text NOT NULL, due_at timestamptz NOT NULL, PRIMARY KEY (department, priority))`);
  const rows = Array.from({ length: priorities }, (_, p) => p);
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS }),
    taskQueue: `raw-launch-${tag}`,
    workflowsPath: require.resolve('./raw-launch.workflow'),
    activities: {
      async insertDepartmentRows(department: number) {
        await pool.query(`INSERT INTO ${table} (department, priority, title, due_at) SELECT $1, p, '要点' || p, $2::timestamptz FROM unnest($3::int[]) p`, [department, due, rows]);
      },
    },
  });
  const running = worker.run();
  const t = Date.now();
  const handles = [];
  for (let i = 0; i < departments; i += 16) {
    handles.push(...(await Promise.all(Array.from({ length: Math.min(16, departments - i) }, (_, j) => client.workflow.start('rawDepartmentWorkflow', { taskQueue: `raw-launch-${tag}`, workflowId: `raw-launch-${tag}-${i + j}`, args: [i + j] })))));
  }
  await Promise.all(handles.map((h) => h.result()));
  const ms = Date.now() - t;
  const { rows: [{ n }] } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  if (n !== departments * priorities) throw new Error(`raw baseline wrote ${n} rows, expected ${departments * priorities}`);
  worker.shutdown();
  await running;
  await pool.query(`DROP TABLE ${table}`);
  await pool.end();
  await connection.close();
  return ms;
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
