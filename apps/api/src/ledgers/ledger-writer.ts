import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Column } from './ledger-columns';

/**
 * Writes one ledger as XLSX straight into `out` (the HTTP response) with exceljs's streaming
 * WorkbookWriter: a bold header row, frozen (the sheet scrolls under it), an auto-filter over the
 * whole table, and the rows batch by batch as `batches` yields them, each row committed (not kept)
 * once written. Between batches it waits while `out` is full, and stops reading when the client
 * went away (the generator's `finally` then releases its cursor). Returns the number of rows written.
 */
export async function writeLedger<R>(out: Writable, sheetName: string, columns: Column<R>[], batches: AsyncIterable<R[]>): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = '法治督察工作平台';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  sheet.columns = columns.map((c, i) => ({ key: String(i), width: c.width }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  header.commit();
  let count = 0;
  for await (const batch of batches) {
    if (out.destroyed) break;
    for (const row of batch) {
      sheet.addRow(columns.map((c) => c.value(row) ?? '')).commit();
      count++;
    }
    if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: count + 1, column: columns.length } };
  sheet.commit();
  await workbook.commit();
  return count;
}
