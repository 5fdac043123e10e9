/** A spreadsheet cell as text: numbers, dates (as YYYY-MM-DD), rich text, formula results, hyperlinks. */
export function cellText(value: unknown, column: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return column === 'decision_date' && value > 0 && value < 200000 ? excelSerialDate(value) : String(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result, column);
    if ('text' in v) return cellText(v.text, column);
    if (v.error) return String(v.error);
  }
  return '';
}

/** An Excel day number (1900 date system) as YYYY-MM-DD, for a date column formatted as a number. */
function excelSerialDate(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}
