/**
 * Benchmark (not a test): a department clerk's inbox (`GET /me/tasks`) and the office's campaign
 * status (`GET /campaigns/:id`) under load, with 10,000 departments × 3 priorities loaded, against
 * the same processes as `npm start` (embedded PostgreSQL, Temporal dev server, API, worker:
 * scripts/stack/process-stack.ts). Load: autocannon at a fixed request rate. Printed beside two raw
 * baselines measured in the same run: the API's /health under the same load (the framework floor)
 * and each endpoint's bare SQL sent through `pg` at the same rate (the database floor).
 *
 * The data: one campaign is launched through the API over ONE department (so the campaign workflow,
 * its department workflow and their rows are real), then the rows the launch would have created for
 * the other 9,999 departments (departments, campaign_departments, tasks, self_checks in draft) are
 * inserted with SQL, copying the real rows' shapes; 300 department clerks get users rows (with the
 * real clerk's password hash) and access tokens signed with the stack's JWT secret, the claims
 * auth.service signs. Launching 10,000 departments through Temporal takes minutes (bench:launch).
 *
 * Usage: npm run bench:inbox [-- --departments 10000 --clerks 300 --years 5 --duration 20 --plans]
 * (--duration 0: load and print the plans only; --hold: keep the loaded stack up for profiling; --years: campaigns in the database, the earlier ones closed)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import autocannon from 'autocannon';
import { sign } from 'jsonwebtoken';
import { Pool } from 'pg';
import { campaignStateQuery, campaignWorkflowId } from '@rol/contracts';
import { ADMIN, startProcessStack, type ProcessStack } from '../stack/process-stack';
import { arg } from './support';

const JWT_SECRET = 'process-stack-secret-0123456789'; // scripts/stack/process-stack.ts
const SELF_CHECK_COUNTS = `SELECT count(*) FILTER (WHERE status = 'submitted')::int AS submitted, count(*) FILTER (WHERE status = 'returned')::int AS returned,
                                  count(*) FILTER (WHERE status = 'accepted')::int AS accepted, count(*) FILTER (WHERE status = 'not_submitted')::int AS "notSubmitted"
                             FROM self_checks WHERE campaign_id = $1 AND status <> 'draft'`; // campaigns.service

interface Figure {
  rate: number;
  p50: number;
  p99: number;
  errors: number;
}

async function call<T>(stack: ProcessStack, method: string, path: string, token: string | null, body?: unknown, raw?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (raw !== undefined) headers['content-type'] = 'text/csv';
  else if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${stack.api}${path}`, { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** autocannon at `rate` requests/s over `connections`, each request with the next token of `tokens`. */
async function load(url: string, tokens: string[], rate: number, duration: number): Promise<Figure> {
  let i = 0;
  const result = await autocannon({
    url,
    connections: Math.min(100, Math.max(10, Math.ceil(rate / 10))),
    overallRate: rate,
    duration,
    requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${tokens[i++ % tokens.length]}` } }) }],
  });
  return { rate: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx + result.timeouts };
}

/** A floor without HTTP: `query(n)` (through a pool of 10, or a Temporal client) started `rate` times a second for `seconds`. */
async function sqlLoad(query: (n: number) => Promise<unknown>, rate: number, seconds: number): Promise<Figure> {
  const latencies: number[] = [];
  let errors = 0;
  const started = Date.now();
  const inFlight: Promise<void>[] = [];
  for (let n = 0; n < rate * seconds; n++) {
    const due = started + (n * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t = performance.now();
    inFlight.push(
      query(n).then(
        () => void latencies.push(performance.now() - t),
        () => void errors++,
      ),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 10) / 10;
  return { rate: Math.round(latencies.length / elapsed), p50: at(0.5), p99: at(0.99), errors };
}

async function seed(stack: ProcessStack, pool: Pool, departments: number, clerks: number, years: number): Promise<{ admin: string; campaignId: string; clerkTokens: string[]; clerks: { id: string; departmentId: string }[] }> {
  const admin = (await call<{ accessToken: string }>(stack, 'POST', '/auth/token', null, ADMIN)).accessToken;
  await call(stack, 'POST', '/departments/import', admin, undefined, 'code,name,kind,active\nD00000,部门00000,bureau,true');
  const [first] = (await pool.query<{ id: string }>(`SELECT id FROM departments WHERE code = 'D00000'`)).rows;
  await call(stack, 'POST', '/users', admin, { username: 'clerk00000', password: 'password-123', role: 'department_user', displayName: '部门00000', departmentId: first.id });

  const due = Date.now() + 30 * 86400000;
  const campaign = await call<{ id: string }>(stack, 'POST', '/campaigns', admin, {
    year: new Date().getFullYear(),
    title: '压力测试',
    priorities: [0, 1, 2].map((i) => ({ code: `P${i}`, title: `要点${i}`, departmentIds: 'all', dueAt: new Date(due + i * 86400000).toISOString(), evidenceRequired: i === 0 })),
    calendar: { closesAt: new Date(Date.now() + 300 * 86400000).toISOString() },
  });
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks WHERE campaign_id = $1`, [campaign.id]);
    if (rows[0].n >= 3) break;
    await new Promise((r) => setTimeout(r, 200));
  }

  // The rows the launch creates for every other department, shaped as the real department's rows.
  await pool.query(
    `INSERT INTO departments (code, name, kind, active)
     SELECT 'D' || lpad(n::text, 5, '0'), '部门' || lpad(n::text, 5, '0'), 'bureau', true FROM generate_series(1, $1 - 1) n`,
    [departments],
  );
  await pool.query(`INSERT INTO campaign_departments (campaign_id, department_id) SELECT $1, id FROM departments WHERE code <> 'D00000' ON CONFLICT DO NOTHING`, [campaign.id]);
  await pool.query(
    `INSERT INTO tasks (campaign_id, priority_id, department_id, title, due_at, remind_at, evidence_required, status)
     SELECT t.campaign_id, t.priority_id, d.id, t.title, t.due_at, t.remind_at, t.evidence_required, t.status
       FROM tasks t CROSS JOIN departments d WHERE t.campaign_id = $1 AND d.code <> 'D00000'`,
    [campaign.id],
  );
  await pool.query(`INSERT INTO self_checks (campaign_id, department_id, status) SELECT $1, id, 'draft' FROM departments ON CONFLICT DO NOTHING`, [campaign.id]);
  // A tenth of the tasks done, some marked overdue: the counts are not all in one bucket.
  await pool.query(`UPDATE tasks SET status = 'completed', completed_at = now() WHERE campaign_id = $1 AND department_id IN (SELECT id FROM departments WHERE code LIKE '%0')`, [campaign.id]);
  await pool.query(`UPDATE tasks SET overdue_at = now() WHERE campaign_id = $1 AND status = 'open' AND department_id IN (SELECT id FROM departments WHERE code LIKE '%7')`, [campaign.id]);
  await pool.query(
    `INSERT INTO users (username, password_hash, role, display_name, department_id)
     SELECT 'clerk' || substr(d.code, 2), u.password_hash, 'department_user', d.name, d.id
       FROM departments d CROSS JOIN users u
      WHERE u.username = 'clerk00000' AND d.code <> 'D00000' AND substr(d.code, 2)::int % ($1::int / $2::int) = 0`,
    [departments, clerks],
  );
  // Earlier years' cycles, closed, over the same departments: a running system keeps its history,
  // and the status and inbox queries must find this year's rows without reading the past years'.
  for (let back = 1; back < years; back++) {
    const { rows: [past] } = await pool.query<{ id: string }>(
      `INSERT INTO campaigns (year, title, calendar, reminder_days_before, phase, workflow_id, created_by, closed_at, rectification_rules, indicator_tree_id, annual_report_due_at)
       SELECT year - $2::int, title || '（往年）', calendar, reminder_days_before, 'closed', workflow_id || '-past-' || $2, created_by, now(), rectification_rules, indicator_tree_id, annual_report_due_at - make_interval(years => $2::int)
         FROM campaigns WHERE id = $1 RETURNING id`,
      [campaign.id, back],
    );
    await pool.query(
      `INSERT INTO work_priorities (campaign_id, code, title, description, department_ids, due_at, evidence_required)
       SELECT $2, code, title, description, department_ids, due_at - make_interval(years => $3::int), evidence_required FROM work_priorities WHERE campaign_id = $1`,
      [campaign.id, past.id, back],
    );
    await pool.query(`INSERT INTO campaign_departments (campaign_id, department_id) SELECT $1, id FROM departments`, [past.id]);
    await pool.query(
      `INSERT INTO tasks (campaign_id, priority_id, department_id, title, due_at, evidence_required, status, completed_at, completed_late, completion_note, evidence)
       SELECT $1, p.id, d.id, p.title, p.due_at, p.evidence_required, 'completed', p.due_at - interval '1 day', false, '已完成', '[]'
         FROM work_priorities p CROSS JOIN departments d WHERE p.campaign_id = $1`,
      [past.id],
    );
    await pool.query(`INSERT INTO self_checks (campaign_id, department_id, status) SELECT $1, id, 'accepted' FROM departments`, [past.id]);
  }
  await pool.query('VACUUM ANALYZE');
  const { rows: users } = await pool.query<{ id: string; username: string; department_id: string; session_epoch: number }>(
    `SELECT id, username, department_id, session_epoch FROM users WHERE role = 'department_user' ORDER BY username`,
  );
  // The claims auth.service signs at sign-in.
  const clerkTokens = users.map((u) => sign({ sub: u.id, username: u.username, role: 'department_user', departmentId: u.department_id, epoch: u.session_epoch }, JWT_SECRET, { expiresIn: '1h' }));
  return { admin, campaignId: campaign.id, clerkTokens, clerks: users.map((u) => ({ id: u.id, departmentId: u.department_id })) };
}

/** EXPLAIN (ANALYZE, BUFFERS) of every query the two endpoints send (as tasks.service, campaigns.service and the auth guard write them). */
async function printPlans(pool: Pool, campaignId: string, clerk: { id: string; departmentId: string }): Promise<void> {
  const plans: [string, string, unknown[]][] = [
    ['auth guard: the user row', `SELECT id, username, role, department_id, active, session_epoch FROM users WHERE id = $1::uuid`, [clerk.id]],
    [
      'GET /me/tasks',
      `SELECT t.id, t.campaign_id, t.department_id, p.code AS priority_code, t.title, p.description, t.due_at, t.evidence_required, t.status, t.overdue_at,
              t.completed_late, t.reminded_at, t.completed_at, t.completion_note, t.evidence
         FROM tasks t JOIN work_priorities p ON p.id = t.priority_id
        WHERE t.department_id = $1 AND ($2::text IS NULL OR t.status = $2) AND ($3::uuid IS NULL OR t.campaign_id = $3)
        ORDER BY t.due_at, p.code LIMIT $4 OFFSET $5`,
      [clerk.departmentId, null, null, 100, 0],
    ],
    ['GET /campaigns/:id: the campaign', `SELECT * FROM campaigns WHERE id = $1`, [campaignId]],
    ['GET /campaigns/:id: departments covered', `SELECT count(*)::int FROM campaign_departments WHERE campaign_id = $1`, [campaignId]],
    [
      'GET /campaigns/:id: task counts',
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'completed')::int AS done, count(*) FILTER (WHERE status = 'open')::int AS open,
              count(*) FILTER (WHERE status = 'open' AND overdue_at IS NOT NULL)::int AS overdue, count(*) FILTER (WHERE status = 'completed' AND completed_late)::int AS late
         FROM tasks WHERE campaign_id = $1`,
      [campaignId],
    ],
    [
      'GET /campaigns/:id: self-check counts',
      SELF_CHECK_COUNTS,
      [campaignId],
    ],
  ];
  for (const [label, sql, params] of plans) {
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    console.log(`\n-- ${label}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
  console.log();
}

async function main(): Promise<void> {
  const departments = arg('departments', 10_000);
  const clerks = arg('clerks', 300);
  const duration = arg('duration', 20);
  const years = arg('years', 5); // this year's campaign and the earlier years' (closed)
  const stack = await startProcessStack();
  const pool = new Pool({ connectionString: stack.databaseUrl, max: 10 });
  const rows: [string, Figure][] = [];
  const print = (label: string, f: Figure) => {
    rows.push([label, f]);
    console.log(`${label.padEnd(64)} ${String(f.rate).padStart(5)}/s  p50 ${String(f.p50).padStart(6)} ms  p99 ${String(f.p99).padStart(6)} ms  errors ${f.errors}`);
  };
  try {
    let t = Date.now();
    const { admin, campaignId, clerkTokens, clerks: clerkRows } = await seed(stack, pool, departments, clerks, years);
    const sizes = (await pool.query<{ departments: number; tasks: number; users: number }>(`SELECT (SELECT count(*) FROM departments)::int AS departments, (SELECT count(*) FROM tasks)::int AS tasks, (SELECT count(*) FROM users)::int AS users`)).rows[0];
    console.log(`loaded ${years} campaign(s), ${sizes.departments} departments, ${sizes.tasks} tasks, ${sizes.users} users (${clerkTokens.length} clerk tokens) in ${Date.now() - t} ms`);
    const { rows: tables } = await pool.query<{ name: string; rows: string; size: string }>(
      `SELECT c.relname AS name, c.reltuples::bigint AS rows, pg_size_pretty(pg_table_size(c.oid)) || ' + indexes ' || pg_size_pretty(pg_indexes_size(c.oid)) AS size
         FROM pg_class c WHERE c.relname IN ('departments', 'users', 'campaign_departments', 'tasks', 'self_checks', 'audit_log') ORDER BY c.relname`,
    );
    console.log(tables.map((r) => `  ${r.name}: ${r.rows} rows, ${r.size}`).join('\n'));
    if (process.argv.includes('--plans')) await printPlans(pool, campaignId, clerkRows[0]);
    if (process.argv.includes('--hold')) {
      // For profiling by hand: the loaded stack stays up until Ctrl-C; its addresses and tokens go to a file.
      const file = join(stack.dir, 'hold.json');
      writeFileSync(file, JSON.stringify({ api: stack.api, databaseUrl: stack.databaseUrl, temporalAddress: stack.temporalAddress, campaignId, admin, clerkTokens }));
      console.log(`holding the stack (Ctrl-C stops it): ${file}`);
      await new Promise((resolve) => process.once('SIGINT', resolve));
    }
    if (duration === 0) return;
    t = Date.now();
    // Warm-up: the API's and PostgreSQL's caches, the worker's sticky cache of the campaign workflow.
    await load(`${stack.api}/me/tasks`, clerkTokens, 200, 3);
    await load(`${stack.api}/campaigns/${campaignId}`, [admin], 50, 3);

    print('raw baseline: GET /health (framework floor) at 500/s', await load(`${stack.api}/health`, [admin], 500, duration));
    const inboxSql = `SELECT t.id, t.campaign_id, t.department_id, p.code AS priority_code, t.title, p.description, t.due_at, t.evidence_required, t.status, t.overdue_at,
                             t.completed_late, t.reminded_at, t.completed_at, t.completion_note, t.evidence
                        FROM tasks t JOIN work_priorities p ON p.id = t.priority_id WHERE t.department_id = $1 ORDER BY t.due_at, p.code LIMIT 100`;
    const userSql = `SELECT id, username, role, department_id, active, session_epoch FROM users WHERE id = $1::uuid`;
    print('raw baseline: /me/tasks bare SQL (user row + tasks) via pg at 500/s', await sqlLoad(async (n) => {
      const clerk = clerkRows[n % clerkRows.length];
      await pool.query(userSql, [clerk.id]);
      await pool.query(inboxSql, [clerk.departmentId]);
    }, 500, Math.min(duration, 10)));
    print('GET /me/tasks at 50/s (the latency without queueing)', await load(`${stack.api}/me/tasks`, clerkTokens, 50, Math.min(duration, 10)));
    print('GET /me/tasks at 500/s', await load(`${stack.api}/me/tasks`, clerkTokens, 500, duration));

    const statusSql = [
      `SELECT * FROM campaigns WHERE id = $1`,
      `SELECT count(*)::int FROM campaign_departments WHERE campaign_id = $1`,
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'completed')::int AS done, count(*) FILTER (WHERE status = 'open')::int AS open,
              count(*) FILTER (WHERE status = 'open' AND overdue_at IS NOT NULL)::int AS overdue, count(*) FILTER (WHERE status = 'completed' AND completed_late)::int AS late
         FROM tasks WHERE campaign_id = $1`,
      SELF_CHECK_COUNTS,
    ];
    const connection = await Connection.connect({ address: stack.temporalAddress });
    const workflow = new Client({ connection }).workflow.getHandle(campaignWorkflowId(campaignId));
    print('raw baseline: the campaign workflow\'s describe + query via @temporalio/client at 100/s', await sqlLoad(() => Promise.all([workflow.describe(), workflow.query(campaignStateQuery)]), 100, Math.min(duration, 10)));
    await connection.close();
    for (const rate of [100, 200, 500]) {
      print(`raw baseline: /campaigns/:id bare SQL (4 queries) via pg at ${rate}/s`, await sqlLoad(() => Promise.all(statusSql.map((q) => pool.query(q, [campaignId]))), rate, Math.min(duration, 10)));
      print(`GET /campaigns/:id at ${rate}/s`, await load(`${stack.api}/campaigns/${campaignId}`, [admin], rate, duration));
    }
    console.log(`(measured in ${Math.round((Date.now() - t) / 1000)} s)`);
  } finally {
    await pool.end();
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
