/**
 * Benchmark (not a test): the draw at province scale (issue 12). N case files (default 1,000,000)
 * over D departments (default 1,000) are loaded by SQL (generate_series), a campaign is launched, and
 * `POST /campaigns/:id/draw` is timed (the batched draw: batches of departments, each its own
 * transaction; the frozen list hashed; reviewers assigned). Beside it, in the same run on the same
 * database, the raw baseline: ONE SQL statement doing the same selection (rank every candidate by
 * sha256(seed ‖ code ‖ caseNumber), per-department quota half up, type coverage, insert the selected
 * rows) plus hashing the sorted candidate list (COPY … TO STDOUT into node:crypto). The draw's result
 * is checked equal to the baseline's (same files, same candidate hash).
 * Usage: npm run bench:draw [-- --departments 1000 --files 1000000 --batch <departments per batch, default 50>]
 */
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { Client as PgClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { arg, benchStack, launchBenchCampaign } from './support';

async function main(): Promise<void> {
  const departments = arg('departments', 1000);
  const files = arg('files', 1_000_000);
  const batch = arg('batch', 0);
  const { stack, stop } = await benchStack(batch > 0 ? { drawBatchDepartments: batch } : {});
  const pg = new PgClient({ connectionString: stack.databaseUrl });
  try {
    const admin = await stack.login('admin', 'admin-test-password');
    const departmentCsv = ['code,name,kind,active', ...Array.from({ length: departments }, (_, i) => `B${i},部门${i},bureau,true`)].join('\n');
    const imported = await stack.request('POST', '/departments/import', { token: admin, raw: departmentCsv, contentType: 'text/csv' });
    if (imported.status !== 200) throw new Error(JSON.stringify(imported.body));
    await pg.connect();

    let t = Date.now();
    // The catalogue, by SQL: department i mod D, dates across 2025–2026, a quarter in progress; loaded in slices of 1,000,000.
    const slice = 1_000_000;
    for (let from = 0; from < files; from += slice) {
      await pg.query(
        `INSERT INTO case_files (department_id, case_number, case_type, title, decision_date, handling_officer, status)
         SELECT d.id, 'B' || (g % $1::int) || '-' || (2025 + ((g * 7919) % 730 >= 365)::int) || '-' || lpad((g / $1::int)::text, 6, '0'),
                (ARRAY['penalty','license','coercion','inspection','other'])[1 + g % 5], '某某有限公司涉嫌违法行为案（第' || g || '号）',
                DATE '2025-01-01' + ((g * 7919) % 730)::int, '执法人员' || (g % 397), CASE WHEN g % 4 = 0 THEN 'in_progress' ELSE 'concluded' END
           FROM generate_series($2::bigint, $3::bigint) g JOIN departments d ON d.code = 'B' || (g % $1::int)`,
        [departments, from, Math.min(files, from + slice) - 1],
      );
    }
    await pg.query('VACUUM ANALYZE case_files');
    const loadMs = Date.now() - t;

    const campaignId = await launchBenchCampaign(stack, admin, departments);
    const [{ id: adminId }] = (await pg.query(`SELECT id FROM users WHERE username = 'admin'`)).rows;
    await pg.query(
      `INSERT INTO users (username, password_hash, role, display_name, department_id)
       SELECT 'reviewer-' || g, 'x', 'reviewer', '评查人员' || g, (SELECT id FROM departments WHERE code = 'B' || g) FROM generate_series(0, 199) g`,
    );
    await pg.query(`INSERT INTO reviewer_pool (campaign_id, user_id, category, department_id, added_by) SELECT $1, id, 'supervisor', department_id, $2 FROM users WHERE role = 'reviewer'`, [campaignId, adminId]);
    const rules = { rate: 0.05, min: 1, max: 100, caseTypeCoverage: true, period: { from: '2025-01-01', to: '2026-12-31' }, reviewersPerFile: 1, statuses: ['concluded'] };
    for (const [method, path, body] of [['PUT', 'config', { rules }], ['POST', 'commit', undefined]] as const) {
      const r = await stack.request(method, `/campaigns/${campaignId}/draw/${path}`, { token: admin, body });
      if (r.status >= 300) throw new Error(`${path}: ${JSON.stringify(r.body)}`);
    }
    await pg.query('CHECKPOINT').catch(() => undefined);

    t = Date.now();
    const drawn = await stack.request<{ sampleCount: number; candidateCount: number }>('POST', `/campaigns/${campaignId}/draw`, { token: admin });
    // The API answers 503 WORKFLOW_UNAVAILABLE ("may have been accepted") after waiting 10 s; the draw goes on: wait until it is recorded.
    if (drawn.status === 503) {
      while ((await pg.query(`SELECT 1 FROM sample_draws WHERE campaign_id = $1`, [campaignId])).rowCount === 0) await new Promise((r) => setTimeout(r, 100));
    } else if (drawn.status !== 200) throw new Error(`draw failed: ${drawn.status} ${JSON.stringify(drawn.body).slice(0, 500)}`);
    const drawMs = Date.now() - t;
    const [run] = (await pg.query(`SELECT batches, departments FROM draw_runs WHERE campaign_id = $1`, [campaignId])).rows;
    const [draw] = (await pg.query(`SELECT seed, candidate_hash, candidate_count, sample_count FROM sample_draws WHERE campaign_id = $1`, [campaignId])).rows;
    const [{ assigned }] = (await pg.query(`SELECT count(*)::int AS assigned FROM review_assignments WHERE campaign_id = $1`, [campaignId])).rows;

    // Raw baseline 1: the same selection as ONE SQL statement, into a fresh table.
    await pg.query(`CREATE TABLE draw_baseline (case_file_id uuid PRIMARY KEY, department_id uuid NOT NULL, rank_key text NOT NULL)`);
    await pg.query('CHECKPOINT').catch(() => undefined);
    t = Date.now();
    await pg.query(
      `INSERT INTO draw_baseline
       SELECT id, department_id, rank_key FROM (
         SELECT id, department_id, rank_key, count(*) OVER w AS k,
                row_number() OVER (PARTITION BY department_id ORDER BY CASE WHEN first_of_type THEN 0 ELSE 1 END, rank_key) AS pos
           FROM (SELECT cf.id, cf.department_id, x.rank_key,
                        row_number() OVER (PARTITION BY cf.department_id, cf.case_type ORDER BY x.rank_key) = 1 AS first_of_type
                   FROM case_files cf JOIN departments d ON d.id = cf.department_id
                   JOIN campaign_departments cd ON cd.department_id = d.id AND cd.campaign_id = $1
                   CROSS JOIN LATERAL (SELECT encode(sha256(convert_to($2::text || chr(10) || d.code || chr(10) || cf.case_number, 'UTF8')), 'hex') COLLATE "C" AS rank_key) x
                  WHERE cf.decision_date BETWEEN '2025-01-01' AND '2026-12-31' AND cf.status = 'concluded') t
         WINDOW w AS (PARTITION BY department_id)) p
        WHERE pos <= least(k, greatest(1, least(100, (500 * k + 5000) / 10000)))`,
      [campaignId, draw.seed],
    );
    const sqlMs = Date.now() - t;
    // Raw baseline 2: hashing the sorted candidate list (the published text), streamed.
    t = Date.now();
    const hash = createHash('sha256');
    await pipeline(
      pg.query(copyTo(
        `COPY (SELECT d.code, cf.case_number, cf.case_type, cf.decision_date FROM case_files cf JOIN departments d ON d.id = cf.department_id
                WHERE cf.decision_date BETWEEN '2025-01-01' AND '2026-12-31' AND cf.status = 'concluded'
                ORDER BY d.code COLLATE "C", cf.case_number COLLATE "C") TO STDOUT`,
      )),
      new Writable({ write: (chunk, _enc, done) => (hash.update(chunk), done()) }),
    );
    const baselineHash = hash.digest('hex');
    const hashMs = Date.now() - t;
    const [{ differ }] = (await pg.query(
      `SELECT count(*)::int AS differ FROM (SELECT case_file_id, rank_key FROM sampled_files WHERE campaign_id = $1) s FULL JOIN draw_baseline b USING (case_file_id, rank_key)
        WHERE s.case_file_id IS NULL OR b.case_file_id IS NULL`,
      [campaignId],
    )).rows;
    const baselineMs = sqlMs + hashMs;

    const lines = [
      ['departments × case files (loaded by SQL generate_series)', `${departments} × ~${Math.round(files / departments)} = ${files} rows in ${loadMs} ms`],
      ['POST /campaigns/:id/draw until recorded (batched: freeze + rank + quota per batch, hash, assign 200 reviewers)', `${drawMs} ms (API answered ${drawn.status}) → ${draw.candidate_count} candidates, ${draw.sample_count} drawn, ${assigned} assignments, ${run.batches} batches of ≤ ${Math.ceil(run.departments / run.batches)} departments`],
      ['raw baseline: one SQL statement (rank by sha256, quota, coverage, insert)', `${sqlMs} ms`],
      ['raw baseline: hashing the sorted candidate list (COPY TO STDOUT → sha256)', `${hashMs} ms`],
      ['raw baseline total', `${baselineMs} ms`],
      ['draw / baseline (goal ≤ 2)', `${(drawMs / baselineMs).toFixed(2)} ×`],
      ['same files as the baseline, same candidate hash', `${differ === 0 && baselineHash === draw.candidate_hash ? 'yes' : `NO: ${differ} files differ, hash ${baselineHash === draw.candidate_hash ? 'same' : 'differs'}`}`],
    ];
    for (const [k, v] of lines) console.log(`${k.padEnd(100)} ${v}`);
  } finally {
    await pg.end().catch(() => undefined);
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
