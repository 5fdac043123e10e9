import ExcelJS from 'exceljs';
import { CASE_TYPE_LABELS, CASE_TYPES } from '@rol/domain';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const TEMPLATE_HEADER = ['部门编码', '案卷号', '案卷类别', '案卷名称', '决定日期', '承办人', '状态'];
const TEMPLATE_EXAMPLE = ['SCJGJ', '市监罚〔2026〕12号', '行政处罚', '某公司销售不合格产品案', '2026-03-31', '张三、李四', '已办结'];

/** The case-file import template: Chinese header and one example row, as CSV (UTF-8 with BOM, for Excel) or XLSX with drop-downs. */
export async function caseFileImportTemplate(format: 'csv' | 'xlsx'): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(`\uFEFF${TEMPLATE_HEADER.join(',')}\r\n${TEMPLATE_EXAMPLE.join(',')}\r\n`, 'utf8');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('案卷目录');
  sheet.addRow(TEMPLATE_HEADER).font = { bold: true };
  sheet.addRow(TEMPLATE_EXAMPLE);
  sheet.columns.forEach((c, i) => (c.width = [12, 24, 12, 36, 14, 16, 10][i]));
  const types = CASE_TYPES.map((t) => CASE_TYPE_LABELS[t]).join(',');
  for (let r = 2; r <= 1000; r++) {
    sheet.getCell(r, 3).dataValidation = { type: 'list', allowBlank: false, formulae: [`"${types}"`], showErrorMessage: true, error: `案卷类别须为 ${types} 之一` };
    sheet.getCell(r, 5).numFmt = '@';
    sheet.getCell(r, 7).dataValidation = { type: 'list', allowBlank: false, formulae: ['"已办结,在办"'] };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
