/** 台账: the ledgers an office exports, and what each is called (the API's file names, the console's buttons). */
export const LEDGER_KINDS = ['tasks', 'self-checks', 'review-results', 'letters', 'rectification', 'assessment'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const LEDGER_TITLES: Record<LedgerKind, string> = {
  tasks: '任务台账',
  'self-checks': '自查台账',
  'review-results': '评查结果汇总表',
  letters: '意见书台账',
  rectification: '整改台账',
  assessment: '考核得分表',
};

export const isLedgerKind = (value: string): value is LedgerKind => (LEDGER_KINDS as readonly string[]).includes(value);

/** `2026年度任务台账.xlsx`; a department's copy carries its name: `2026年度任务台账（市场监督管理局）.xlsx`. */
export function ledgerFileName(year: number, kind: LedgerKind, departmentName?: string): string {
  return `${year}年度${LEDGER_TITLES[kind]}${departmentName ? `（${departmentName}）` : ''}.xlsx`;
}
