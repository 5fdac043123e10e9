/**
 * Benchmark (not a test): is the import's memory flat whatever the file size? Runs the import job's
 * reader-writer (`importCatalogue`, what the worker's activity runs) on CSV files of 200,000,
 * 1,000,000 and 3,000,000 rows (default; `-- --sizes 200000,1000000`) in this process, against a
 * fresh migrated database, sampling the process's RSS and V8 heap every 20 ms; the raw baseline is
 * the same process's RSS just before each import (after a GC).
 * Usage: npm run bench:import-memory [-- --sizes 200000,1000000,3000000]
 */
import * as fs from 'node:fs';
import { once } from 'node:events';
import * as os from 'node:os';
import * as path from 'node:path';
import { finished } from 'node:stream/promises';
import { Role } from '@rol/domain';
import { importCatalogue } from '@rol/activities';
import { createTestDatabase } from '../../test/support/database';

const TYPES = ['penalty', 'license', 'coercion', 'inspection', 'other', '行政处罚', '行政许可'];

async function writeCsv(file: string, rows: number, tag: string): Promise<void> {
  const out = fs.createWriteStream(file);
  let chunk = 'department_code,case_number,case_type,title,decision_date,handling_officer,status\n';
  for (let i = 0; i < rows; i++) {
    chunk += `B${i % 1000},${tag}-${i},${TYPES[i % 7]},某某有限公司涉嫌违法行为案（第${i}号）,2025-0${1 + (i % 9)}-1${i % 10},执法人员${i % 397}、执法人员${(i + 1) % 397},concluded\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await finished(out);
}

async function main(): Promise<void> {
  process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  const i = process.argv.indexOf('--sizes');
  const sizes = (i > 0 ? process.argv[i + 1] : '200000,1000000,3000000').split(',').map(Number);
  const db = await createTestDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-memory-'));
  try {
    await db.dataSource.query(`INSERT INTO departments (code, name, kind) SELECT 'B' || g, '部门' || g, 'bureau' FROM generate_series(0, 999) g`);
    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
    for (const [n, rows] of sizes.entries()) {
      const file = path.join(dir, `catalogue-${rows}.csv`);
      await writeCsv(file, rows, `F${n}`);
      (globalThis as { gc?: () => void }).gc?.();
      const before = process.memoryUsage();
      let rss = before.rss;
      let heap = before.heapUsed;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        rss = Math.max(rss, m.rss);
        heap = Math.max(heap, m.heapUsed);
      }, 20);
      const t = Date.now();
      const result = await importCatalogue(db.dataSource, {
        format: 'csv',
        open: async () => fs.createReadStream(file),
        scope: { role: Role.OfficeAdmin, departmentId: null },
        progress: { bytesRead: 0, rowsRead: 0, rowsWritten: 0 },
        finish: async () => undefined,
      });
      clearInterval(sampler);
      console.log(
        `${String(rows).padStart(9)} rows (${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MiB, ${result.path}): ${Date.now() - t} ms; ` +
          `RSS before ${mb(before.rss)} MB → peak ${mb(rss)} MB; V8 heap used before ${mb(before.heapUsed)} MB → peak ${mb(heap)} MB`,
      );
      fs.rmSync(file);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
