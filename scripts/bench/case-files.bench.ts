/**
 * Benchmark (not a test): import N case files (default 1,000,000) over D departments (default
 * 1,000) through `POST /case-files/import`, streamed from a CSV file on disk, and time it beside
 * the raw baseline taken in the same run on the same server: one `COPY` of the same rows into a
 * fresh table with the same columns, constraints (checks, unique, foreign key) and index.
 * Usage: npm run bench:case-files [-- --departments 1000 --files 1000000]
 */
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import { Client as PgClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { arg, benchStack, launchBenchCampaign } from './support';
import { verifyDraw, type PublishedDraw } from '../verify-draw';


const TYPES = ['penalty', 'license', 'coercion', 'inspection', 'other', '行政处罚', '行政许可'];
const COLUMNS = 'department_code,case_number,case_type,title,decision_date,handling_officer,status';



/** Row i of the deterministic data set: department i mod D, dates across 2025–2026. */
function row(i: number, departments: number): { code: string; caseNumber: string; caseType: string; title: string; date: string; officer: string; status: string } {
  const d = i % departments;
  const n = Math.floor(i / departments);
  const day = (i * 7919) % 730; // 0..729 days from 2025-01-01
  const date = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  return {
    code: `B${d}`,
    caseNumber: `B${d}-${2025 + (day >= 365 ? 1 : 0)}-${String(n).padStart(6, '0')}`,
    caseType: TYPES[i % TYPES.length],
    title: `某某有限公司涉嫌违法行为案（第${i}号）`,
    date,
    officer: `执法人员${i % 397}、执法人员${(i + 1) % 397}`,
    status: i % 4 === 0 ? '在办' : 'concluded',
  };
}

const CODE_OF: Record<string, string> = { 行政处罚: 'penalty', 行政许可: 'license', 在办: 'in_progress' };

/** Writes the CSV for the API, and the same rows in COPY text format (department ids resolved) for the baseline. */
async function writeFiles(dir: string, files: number, departments: number, idOf: Map<string, string>): Promise<{ csv: string; copy: string }> {
  const csvPath = path.join(dir, 'case-files.csv');
  const copyPath = path.join(dir, 'case-files.copy');
  const csv = fs.createWriteStream(csvPath);
  const copy = fs.createWriteStream(copyPath);
  let a = `${COLUMNS}\n`;
  let b = '';
  for (let i = 0; i < files; i++) {
    const r = row(i, departments);
    a += `${r.code},${r.caseNumber},${r.caseType},${r.title},${r.date},${r.officer},${r.status}\n`;
    b += `${idOf.get(r.code)}\t${r.caseNumber}\t${CODE_OF[r.caseType] ?? r.caseType}\t${r.title}\t${r.date}\t${r.officer}\t${CODE_OF[r.status] ?? r.status}\n`;
    if (a.length > 1 << 20) {
      if (!csv.write(a)) await once(csv, 'drain');
      if (!copy.write(b)) await once(copy, 'drain');
      a = '';
      b = '';
    }
  }
  csv.end(a);
  copy.end(b);
  await Promise.all([finished(csv), finished(copy)]);
  return { csv: csvPath, copy: copyPath };
}

async function main(): Promise<void> {
  const departments = arg('departments', 1000);
  const files = arg('files', 1_000_000);
  const { stack, stop } = await benchStack();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'case-files-bench-'));
  const pg = new PgClient({ connectionString: stack.databaseUrl });
  try {
    const admin = await stack.login('admin', 'admin-test-password');
    const departmentCsv = ['code,name,kind,active', ...Array.from({ length: departments }, (_, i) => `B${i},部门${i},bureau,true`)].join('\n');
    const imported = await stack.request('POST', '/departments/import', { token: admin, raw: departmentCsv, contentType: 'text/csv' });
    if (imported.status !== 200) throw new Error(JSON.stringify(imported.body));
    await pg.connect();
    const idOf = new Map<string, string>(((await pg.query('SELECT code, id FROM departments')).rows as { code: string; id: string }[]).map((d) => [d.code, d.id]));

    let t = Date.now();
    const paths = await writeFiles(dir, files, departments, idOf);
    const generateMs = Date.now() - t;
    const bytes = fs.statSync(paths.csv).size;

    t = Date.now();
    const res = await fetch(`${stack.baseUrl}/case-files/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      body: fs.createReadStream(paths.csv) as unknown as RequestInit['body'],
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    const answer = await res.json();
    const importMs = Date.now() - t;
    if (res.status !== 200) throw new Error(`import failed: ${res.status} ${JSON.stringify(answer).slice(0, 2000)}`);
    const count = Number((await pg.query('SELECT count(*) FROM case_files')).rows[0].count);
    if (count !== files) throw new Error(`expected ${files} case files, found ${count}`);

    // Raw baseline: COPY the same rows into a fresh table with the same columns, constraints and index.
    await pg.query('CHECKPOINT').catch(() => undefined);
    await pg.query(`CREATE TABLE case_files_baseline (LIKE case_files INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
    await pg.query(`ALTER TABLE case_files_baseline ADD FOREIGN KEY (department_id) REFERENCES departments (id)`);
    t = Date.now();
    await pg.query('BEGIN');
    await pipeline(
      fs.createReadStream(paths.copy, { highWaterMark: 1 << 20 }),
      pg.query(copyFrom('COPY case_files_baseline (department_id, case_number, case_type, title, decision_date, handling_officer, status) FROM STDIN')),
    );
    await pg.query('COMMIT');
    const copyMs = Date.now() - t;

    // A second import of the same file: every row found, nothing changed.
    t = Date.now();
    const again = await fetch(`${stack.baseUrl}/case-files/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      body: fs.createReadStream(paths.csv) as unknown as RequestInit['body'],
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    const againAnswer = await again.json();
    const againMs = Date.now() - t;

    // The draw: a campaign over every department, 200 reviewers, a 5 % stratified sample with reviewer assignment.
    const campaignId = await launchBenchCampaign(stack, admin, departments);
    await pg.query(
      `INSERT INTO users (username, password_hash, role, display_name, department_id)
       SELECT 'reviewer-' || g, 'x', 'reviewer', '评查人员' || g, (SELECT id FROM departments WHERE code = 'B' || g) FROM generate_series(0, 199) g`,
    );
    const rules = { rate: 0.05, min: 1, max: 100, caseTypeCoverage: true, period: { from: '2025-01-01', to: '2026-12-31' }, reviewersPerFile: 1 };
    await stack.request('PUT', `/campaigns/${campaignId}/draw/config`, { token: admin, body: { rules } });
    await stack.request('POST', `/campaigns/${campaignId}/draw/commit`, { token: admin });
    t = Date.now();
    const drawn = await stack.request<{ sampleCount: number; candidateCount: number }>('POST', `/campaigns/${campaignId}/draw`, { token: admin });
    const drawMs = Date.now() - t;
    if (drawn.status !== 200) throw new Error(`draw failed: ${JSON.stringify(drawn.body).slice(0, 500)}`);
    const [{ assigned }] = (await pg.query(`SELECT count(*)::int AS assigned FROM review_assignments WHERE campaign_id = $1`, [campaignId])).rows;
    const [{ maxload, minload }] = (await pg.query(`SELECT max(n) AS maxload, min(n) AS minload FROM (SELECT count(*) AS n FROM review_assignments WHERE campaign_id = $1 GROUP BY reviewer_id) x`, [campaignId])).rows;
    t = Date.now();
    await pg.query(`SELECT count(*), max(case_number), max(decision_date) FROM case_files`);
    const scanMs = Date.now() - t;
    t = Date.now();
    const published = await stack.request<PublishedDraw>('GET', `/campaigns/${campaignId}/draw`, { token: admin });
    const download = async (path: string) => (await fetch(`${stack.baseUrl}/campaigns/${campaignId}/draw/${path}`, { headers: { authorization: `Bearer ${admin}` } })).text();
    const verified = verifyDraw(published.body, await download('candidates'), await download('result'));
    const verifyMs = Date.now() - t;

    const perSecond = (ms: number) => `${Math.round(files / (ms / 1000)).toLocaleString('en-US')} rows/s`;
    const lines = [
      ['departments × case files', `${departments} × ~${Math.round(files / departments)} = ${files} rows (${(bytes / 1024 / 1024).toFixed(1)} MiB CSV; generated in ${generateMs} ms)`],
      ['POST /case-files/import (CSV streamed, all or nothing)', `${importMs} ms (${perSecond(importMs)})  → ${JSON.stringify(answer)}`],
      ['raw baseline: COPY of the same rows into a fresh table (same constraints, FK, index)', `${copyMs} ms (${perSecond(copyMs)})`],
      ['import / baseline', `${(importMs / copyMs).toFixed(2)} ×`],
      ['re-import of the same file (every row unchanged)', `${againMs} ms (${perSecond(againMs)})  → ${JSON.stringify(againAnswer)}`],
      ['draw: freeze candidates, 5 % stratified sample with type coverage, 200 reviewers assigned', `${drawMs} ms → ${drawn.body.candidateCount} candidates, ${drawn.body.sampleCount} drawn, ${assigned} assignments, load ${minload}–${maxload} per reviewer`],
      ['raw baseline: one full scan of case_files (count, max)', `${scanMs} ms`],
      ['published draw fetched and re-run by scripts/verify-draw.ts', `${verifyMs} ms → ${verified.ok ? 'OK, same files' : verified.problems.join('; ')}`],
    ];
    for (const [k, v] of lines) console.log(`${k.padEnd(86)} ${v}`);
  } finally {
    await pg.end().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
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
