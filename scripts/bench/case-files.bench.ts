/**
 * Benchmark (not a test): import N case files (default 1,000,000) over D departments (default
 * 1,000) as a clerk does — `POST /case-files/imports` with a CSV file streamed from disk, then the
 * job polled until the worker has written it — and time it beside the raw baseline taken in the
 * same run on the same server: one `COPY` of the same rows into a fresh table with the same
 * columns, constraints (checks, unique, foreign key) and index. The peak memory of the process
 * (it holds the API and the worker) is sampled during the N-row import and during one of N/5 rows.
 * Usage: npm run bench:case-files [-- --departments 1000 --files 1000000]
 */
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import { Client as PgClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { arg, benchStack } from './support';
import { waitForImport } from '../../test/support/case-file-imports';
import type { Stack } from '../../test/support/stack';


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

/** Submits the CSV at `file` and waits for the job; the time from the first byte sent to the job written, and the process's peak RSS meanwhile. */
async function timedImport(stack: Stack, token: string, file: string): Promise<{ ms: number; rssBeforeMb: number; peakRssMb: number; job: Awaited<ReturnType<typeof waitForImport>> }> {
  (globalThis as { gc?: () => void }).gc?.(); // with --expose-gc (npm run bench:case-files): the generator's garbage is not counted
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const t = Date.now();
  try {
    const res = await fetch(`${stack.baseUrl}/case-files/imports?fileName=${encodeURIComponent(path.basename(file))}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: fs.createReadStream(file) as unknown as RequestInit['body'],
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    const accepted = (await res.json()) as { id: string };
    if (res.status !== 202) throw new Error(`import refused: ${res.status} ${JSON.stringify(accepted).slice(0, 2000)}`);
    const job = await waitForImport(stack, token, accepted.id, 3_600_000);
    if (job.status !== 'succeeded') throw new Error(`import ${job.status}: ${job.message} ${JSON.stringify(job.errors.slice(0, 5))}`);
    return { ms: Date.now() - t, rssBeforeMb: Math.round(before / 1024 / 1024), peakRssMb: Math.round(peak / 1024 / 1024), job };
  } finally {
    clearInterval(sampler);
  }
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

    const t = Date.now();
    const paths = await writeFiles(dir, files, departments, idOf);
    const generateMs = Date.now() - t;
    const bytes = fs.statSync(paths.csv).size;

    // First a file a fifth the size (its own case numbers): the peak memory should not grow with the file.
    const fifth = path.join(dir, 'case-files-fifth.csv');
    const out = fs.createWriteStream(fifth);
    let chunk = `${COLUMNS}\n`;
    for (let i = 0; i < files / 5; i++) {
      const r = row(i, departments);
      chunk += `${r.code},S-${r.caseNumber},${r.caseType},${r.title},${r.date},${r.officer},${r.status}\n`;
      if (chunk.length > 1 << 20) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    out.end(chunk);
    await finished(out);
    const small = await timedImport(stack, admin, fifth);

    // Raw baseline: COPY the same rows into a fresh table with the same columns, constraints and index;
    // run both before and after the import (the ratio uses their mean), so neither order is favoured.
    const baseline = async (n: number): Promise<number> => {
      await pg.query('CHECKPOINT').catch(() => undefined);
      await pg.query(`CREATE TABLE case_files_baseline_${n} (LIKE case_files INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
      await pg.query(`ALTER TABLE case_files_baseline_${n} ADD FOREIGN KEY (department_id) REFERENCES departments (id)`);
      const started = Date.now();
      await pg.query('BEGIN');
      await pipeline(
        fs.createReadStream(paths.copy, { highWaterMark: 1 << 20 }),
        pg.query(copyFrom(`COPY case_files_baseline_${n} (department_id, case_number, case_type, title, decision_date, handling_officer, status) FROM STDIN`)),
      );
      await pg.query('COMMIT');
      const ms = Date.now() - started;
      await pg.query(`DROP TABLE case_files_baseline_${n}`);
      return ms;
    };
    const copyBeforeMs = await baseline(1);

    await pg.query('CHECKPOINT').catch(() => undefined);
    const imported1 = await timedImport(stack, admin, paths.csv);
    const importMs = imported1.ms;
    const answer = imported1.job.result;
    const count = Number((await pg.query('SELECT count(*) FROM case_files')).rows[0].count);
    if (count !== files + Math.ceil(files / 5)) throw new Error(`expected ${files + Math.ceil(files / 5)} case files, found ${count}`);
    const copyAfterMs = await baseline(2);
    const copyMs = Math.round((copyBeforeMs + copyAfterMs) / 2);

    // A second import of the same file: every row found, nothing changed.
    const again = await timedImport(stack, admin, paths.csv);
    const againMs = again.ms;
    const againAnswer = again.job.result;


    const perSecond = (ms: number) => `${Math.round(files / (ms / 1000)).toLocaleString('en-US')} rows/s`;
    const lines = [
      ['departments × case files', `${departments} × ~${Math.round(files / departments)} = ${files} rows (${(bytes / 1024 / 1024).toFixed(1)} MiB CSV; generated in ${generateMs} ms)`],
      ['POST /case-files/imports, CSV uploaded, the job read, checked and written (all or nothing)', `${importMs} ms (${perSecond(importMs)})  → ${JSON.stringify(answer)}`],
      ['raw baseline: COPY of the same rows into a fresh table (same constraints, FK, index), before / after the import', `${copyBeforeMs} ms / ${copyAfterMs} ms, mean ${copyMs} ms (${perSecond(copyMs)})`],
      ['import rate / COPY rate', `${Math.round((copyMs / importMs) * 100)} % (goal ≥ 70 %)`],
      ['re-import of the same file (every row unchanged)', `${againMs} ms (${perSecond(againMs)})  → ${JSON.stringify(againAnswer)}`],
      [`RSS of the process (API + worker), before → peak of the import: ${files} rows / ${Math.floor(files / 5)} rows`, `${imported1.rssBeforeMb} → ${imported1.peakRssMb} MB / ${small.rssBeforeMb} → ${small.peakRssMb} MB (the ${Math.floor(files / 5)}-row import took ${small.ms} ms)`],
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
