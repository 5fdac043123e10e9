/**
 * The human summary each workflow is started with (`staticSummary`): the Temporal Web UI shows it
 * beside the workflow id, so an operator reads "2026年度 · 市场监管局 · 整改：…" instead of a UUID.
 * Names missing (a start prepared before they were passed) are left out, never invented.
 */
const MAX = 180;

function join(parts: (string | number | null | undefined)[]): string {
  const text = parts.filter((p) => p !== undefined && p !== null && p !== '').join(' · ');
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

export const summaries = {
  campaign: (year: number) => join([`${year}年度工作周期`]),
  department: (year: number, departmentName?: string) => join([`${year}年度`, departmentName, '部门年度工作']),
  annualReport: (year: number) => join([`${year}年度`, '年度报告期限']),
  letter: (year: number, departmentName?: string, documentNumber?: string) => join([`${year}年度`, departmentName, '监督意见书', documentNumber]),
  rectification: (year: number, departmentName?: string, documentNumber?: string, title?: string) => join([`${year}年度`, departmentName, documentNumber, title ? `整改：${title}` : '整改事项']),
  prepareNextCampaign: () => '准备下一年度工作周期草稿',
  caseFileImport: (fileName: string, departmentName?: string) => join([departmentName, '案卷目录导入', fileName]),
};
