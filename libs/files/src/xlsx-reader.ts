/**
 * Opens an uploaded XLSX for exceljs's streaming reader through yauzl, within caps.
 *
 * Why not hand exceljs the raw file: exceljs unzips with `unzipper`, front to back over the local
 * headers, trusting every size. A 1.4 MB file that inflates to 1 GB took the API to 1.39 GB of memory
 * (sharedStrings are cached whole); a file can also hide entries the central directory does not list.
 * yauzl reads the central directory, refuses entries that inflate past their declared size
 * (`validateEntrySizes`), and we check those sizes against the caps before reading a byte. exceljs then
 * parses only the entries yauzl hands it.
 *
 * The streams are decoded as UTF-8 before exceljs sees them: exceljs decodes each Buffer chunk on its
 * own and garbles a Chinese character split across two chunks (exceljs issues #2063, #2084).
 *
 * This overrides `parse()` of exceljs's WorkbookReader and calls its `_parse*` methods, which are not
 * public API: exceljs is pinned to 4.4.0 (apps/api/package.json) and xlsx-reader.spec.ts reads real
 * files through it, so an upgrade that changes them fails the tests, not an import.
 */
import ExcelJS from 'exceljs';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

export interface XlsxCaps {
  /** Entries in the archive (a real workbook has 10–20). */
  maxEntries: number;
  /** xl/sharedStrings.xml, which the reader holds in memory (≈ 2.2 × its size). */
  maxSharedStringsBytes: number;
  /** Any other entry (worksheets are streamed: this bounds time, not memory). */
  maxEntryBytes: number;
  /** All entries together. */
  maxTotalBytes: number;
}

/**
 * A 1,000,000-row catalogue written by Excel or exceljs: sheet ≈ 300 MiB, sharedStrings ≈ 120 MiB,
 * 10–16 entries (measured from a 200,000-row file ×5). The caps leave room for longer titles.
 */
export const XLSX_CAPS: XlsxCaps = {
  maxEntries: 200,
  maxSharedStringsBytes: 192 * 1024 * 1024,
  maxEntryBytes: 768 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
};

export type XlsxRefusal = 'XLSX_TOO_MANY_ENTRIES' | 'XLSX_TOO_LARGE_UNZIPPED' | 'XLSX_MALFORMED';

export class XlsxArchiveError extends Error {
  constructor(
    readonly code: XlsxRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'XlsxArchiveError';
  }
}

type Reader = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookReader>;
/** The private parsing steps `parse()` drives (exceljs 4.4.0, lib/stream/xlsx/workbook-reader.js). */
interface ReaderInternals {
  _parseRels(stream: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(stream: NodeJS.ReadableStream): Promise<void>;
  _parseStyles(stream: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(stream: NodeJS.ReadableStream): AsyncIterable<unknown>;
  _parseWorksheet(stream: NodeJS.ReadableStream, sheetNo: string): AsyncIterable<unknown>;
  workbookRels?: unknown[];
  sharedStrings?: unknown[];
}
const WorkbookReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (input: unknown, options: object) => Reader & ReaderInternals;

const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** Checks the archive's entries against the caps (declared sizes; yauzl enforces them while inflating). */
async function entriesWithin(zip: ZipFile, caps: XlsxCaps): Promise<Map<string, Entry>> {
  if (zip.entryCount > caps.maxEntries) {
    throw new XlsxArchiveError('XLSX_TOO_MANY_ENTRIES', `XLSX 文件含 ${zip.entryCount} 个内部文件，超过上限 ${caps.maxEntries}：请用 Excel 另存为后重新导入`);
  }
  const byName = new Map<string, Entry>();
  let total = 0;
  for await (const entry of zip.eachEntry()) {
    const shared = entry.fileName === 'xl/sharedStrings.xml';
    const max = shared ? caps.maxSharedStringsBytes : caps.maxEntryBytes;
    total += entry.uncompressedSize;
    if (entry.uncompressedSize > max || total > caps.maxTotalBytes) {
      throw new XlsxArchiveError('XLSX_TOO_LARGE_UNZIPPED', `XLSX 文件解压后过大（${shared ? '共享字符串' : entry.fileName} 超过 ${mib(Math.min(max, caps.maxTotalBytes))}）：请拆分为多个文件，或改用 CSV 导入`);
    }
    if (entry.isEncrypted() || (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)) {
      throw new XlsxArchiveError('XLSX_MALFORMED', 'XLSX 文件已加密或压缩方式不受支持：请取消密码保护后另存为 .xlsx');
    }
    if (byName.has(entry.fileName)) throw new XlsxArchiveError('XLSX_MALFORMED', `XLSX 文件内部结构异常（${entry.fileName} 重复）`);
    byName.set(entry.fileName, entry);
  }
  return byName;
}

/**
 * An exceljs WorkbookReader over the XLSX at `path` (iterate it as usual: `for await (const sheet of reader)`).
 * Throws XlsxArchiveError when the archive exceeds the caps or is not a readable zip.
 */
export async function openXlsx(path: string, options: object, caps: XlsxCaps = XLSX_CAPS): Promise<Reader> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true });
  } catch {
    throw new XlsxArchiveError('XLSX_MALFORMED', 'XLSX 文件无法读取：请确认是有效的 Excel（.xlsx）文件');
  }
  let byName: Map<string, Entry>;
  try {
    byName = await entriesWithin(zip, caps);
  } catch (err) {
    zip.close();
    if (err instanceof XlsxArchiveError) throw err;
    throw new XlsxArchiveError('XLSX_MALFORMED', 'XLSX 文件无法读取：请确认是有效的 Excel（.xlsx）文件');
  }
  const open = async (name: string) => {
    const entry = byName.get(name);
    return entry ? (await zip.openReadStreamPromise(entry)).setEncoding('utf8') : undefined;
  };
  const sheets = [...byName.keys()]
    .map((name) => /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .sort((a, b) => Number(a) - Number(b));

  class CappedWorkbookReader extends WorkbookReader {
    override async *parse(): AsyncGenerator<unknown> {
      try {
        let stream: NodeJS.ReadableStream | undefined;
        if ((stream = await open('xl/_rels/workbook.xml.rels'))) await this._parseRels(stream);
        if ((stream = await open('xl/workbook.xml'))) await this._parseWorkbook(stream);
        if ((stream = await open('xl/styles.xml'))) await this._parseStyles(stream);
        if ((stream = await open('xl/sharedStrings.xml'))) yield* this._parseSharedStrings(stream);
        this.workbookRels ??= [];
        this.model ??= {} as Reader['model'];
        this.sharedStrings ??= [];
        for (const sheetNo of sheets) {
          const sheet = (await open(`xl/worksheets/sheet${sheetNo}.xml`))!;
          yield* this._parseWorksheet(sheet, sheetNo);
          (sheet as NodeJS.ReadableStream & { destroy(): void }).destroy(); // a sheet the caller skipped
        }
      } finally {
        zip.close();
      }
    }
  }
  return new CappedWorkbookReader(null, options);
}
