import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { XlsxArchiveError, openXlsx, type XlsxCaps } from './xlsx-reader';

const OPTIONS = { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' };
const SMALL: XlsxCaps = { maxEntries: 20, maxSharedStringsBytes: 1024 * 1024, maxEntryBytes: 2 * 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024 };

async function readAll(path: string, caps?: XlsxCaps): Promise<string[][]> {
  const rows: string[][] = [];
  let first = true;
  for await (const sheet of await openXlsx(path, OPTIONS, caps)) {
    if (!first) continue;
    first = false;
    for await (const row of sheet) rows.push((row.values as unknown[]).slice(1).map(String));
  }
  return rows;
}

/** Sets the uncompressed size an entry declares, in its local header and in the central directory. */
function declareSize(zip: Buffer, name: string, size: number): Buffer {
  const patched = Buffer.from(zip);
  for (let at = 0; at < patched.length - 46; at++) {
    const sig = patched.readUInt32LE(at);
    if (sig === 0x04034b50 && patched.toString('utf8', at + 30, at + 30 + patched.readUInt16LE(at + 26)) === name) patched.writeUInt32LE(size, at + 22);
    if (sig === 0x02014b50 && patched.toString('utf8', at + 46, at + 46 + patched.readUInt16LE(at + 28)) === name) patched.writeUInt32LE(size, at + 24);
  }
  return patched;
}

async function minimalXlsx(sharedStrings: string, extraEntries = 0): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>');
  zip.file('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${sharedStrings}</t></si></sst>`);
  for (let i = 0; i < extraEntries; i++) zip.file(`xl/media/image${i}.png`, 'x');
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('XLSX reading within caps', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xlsx-reader-spec-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every row of a workbook written by exceljs, Chinese text intact across chunk boundaries', async () => {
    const path = join(dir, 'legit.xlsx');
    const expected: string[][] = [];
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
    const sheet = workbook.addWorksheet('案卷目录');
    for (let i = 1; i <= 20000; i++) {
      const row = [`SCJG`, `郑市监罚〔2025〕${i}号`, '行政处罚', `某某市场主体销售不合格产品案（第${i}件，涉及食品安全与价格监督检查）`, '2025-03-31', '张三、李四'];
      expected.push(row);
      sheet.addRow(row).commit();
    }
    await workbook.commit();
    const rows = await readAll(path);
    expect(rows).toHaveLength(expected.length);
    expect(rows.filter((r) => r.join('').includes('\uFFFD'))).toEqual([]);
    expect(rows).toEqual(expected);
  });

  it('refuses an archive whose shared strings declare more than the cap, before reading them', async () => {
    const path = join(dir, 'declared.xlsx');
    await writeFile(path, declareSize(await minimalXlsx('小'), 'xl/sharedStrings.xml', 1024 * 1024 * 1024));
    await expect(openXlsx(path, OPTIONS, SMALL)).rejects.toMatchObject({ code: 'XLSX_TOO_LARGE_UNZIPPED' });
  });

  it('refuses a zip bomb that hides its size: reading stops once an entry inflates past what it declared', async () => {
    const path = join(dir, 'bomb.xlsx');
    const bomb = await minimalXlsx('炸'.repeat(600_000)); // ≈1.8 MB of text, a few KB zipped
    await writeFile(path, declareSize(bomb, 'xl/sharedStrings.xml', 1000));
    const started = Date.now();
    await expect(readAll(path, SMALL)).rejects.toThrow(/too many bytes/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses an archive with more entries than the cap, and one that is not a zip', async () => {
    const many = join(dir, 'many.xlsx');
    await writeFile(many, await minimalXlsx('x', 30));
    await expect(openXlsx(many, OPTIONS, SMALL)).rejects.toMatchObject({ code: 'XLSX_TOO_MANY_ENTRIES' });
    const junk = join(dir, 'junk.xlsx');
    await writeFile(junk, 'department_code,case_number\n');
    const error = await openXlsx(junk, OPTIONS, SMALL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XlsxArchiveError);
    expect(error).toMatchObject({ code: 'XLSX_MALFORMED' });
  });
});
