/**
 * Benchmark (not a test): launch one campaign over N departments (default 1,000) through the API
 * and time until every department workflow has created its tasks, beside two raw baselines taken
 * in the same run on the same servers:
 *   - raw Temporal: N `workflow.start` calls of a no-op workflow type (start throughput floor),
 *   - raw PostgreSQL: one INSERT … SELECT of the same N×P task rows.
 * Usage: npm run bench:launch [-- --departments 1000 --priorities 3]
 */
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
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
    t = Date.now();
    const ids = Array.from({ length: departments }, (_, i) => `raw-${i}`);
    for (let i = 0; i < ids.length; i += 16) {
      await Promise.all(ids.slice(i, i + 16).map((workflowId) => client.workflow.start('noSuchWorkflow', { taskQueue: 'raw-baseline', workflowId, args: [] })));
    }
    const rawStartMs = Date.now() - t;
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
      [`raw baseline: ${departments} bare workflow.start calls (16 in flight)`, `${rawStartMs} ms (${Math.round(departments / (rawStartMs / 1000))} starts/s)`],
      [`raw baseline: one INSERT … SELECT of ${expected} task rows`, `${rawInsertMs} ms`],
    ];
    for (const [k, v] of rows) console.log(`${k.padEnd(72)} ${v}`);
  } finally {
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
