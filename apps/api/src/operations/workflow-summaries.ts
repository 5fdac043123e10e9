import type { DataSource } from 'typeorm';
import { summaries } from '@rol/contracts';

/** The workflow types this system runs, as the operators' console names them. */
export const WORKFLOW_TYPE_LABELS: Record<string, string> = {
  campaignWorkflow: '年度工作周期',
  departmentWorkflow: '部门任务与自查',
  letterWorkflow: '监督意见书签收',
  rectificationWorkflow: '整改事项',
  annualReportWorkflow: '年度报告',
  prepareNextCampaignWorkflow: '准备下一年度工作周期',
};
export const WORKFLOW_TYPES = Object.keys(WORKFLOW_TYPE_LABELS);
export const workflowTypeLabel = (type: string) => WORKFLOW_TYPE_LABELS[type] ?? type;

/** The activities (steps) as the console names them; one not listed is shown by its code name. */
export const ACTIVITY_LABELS: Record<string, string> = {
  startDepartmentWorkflows: '启动各部门流程',
  signalCampaignClosed: '通知各部门周期结束',
  recordCampaignPhase: '记录进入新阶段',
  closeCampaign: '结束年度工作周期',
  carryOverRectifications: '整改事项结转下一年度',
  signalClosedWorkflows: '通知已结束事项的流程',
  prepareNextCampaign: '准备下一年度工作周期草稿',
  createDepartmentTasks: '生成部门任务',
  recordTaskReminder: '记录到期提醒',
  markTaskOverdue: '标记任务逾期',
  recordTaskCompletion: '记录任务完成',
  recordSelfCheckSubmission: '记录自查报送',
  recordSelfCheckDecision: '记录自查审核',
  markSelfCheckNotSubmitted: '标记自查逾期未报',
  escalateUnfinishedReviews: '催办未完成的评查',
  performDraw: '抽取案卷',
  annualReportSchedule: '读取年度报告期限',
  remindAnnualReport: '年度报告到期提醒',
  markAnnualReportOverdue: '标记年度报告逾期',
  recordAcknowledgement: '记录意见书签收',
  recordEscalation: '记录催办/约谈/通报',
  recordReport: '记录整改报告',
  recordReportDecision: '记录整改审核',
  recordExtensionRequest: '记录延期申请',
  recordExtensionDecision: '记录延期审批',
  recordObjection: '记录复查申请',
  recordObjectionDecision: '记录复查决定',
  recordReopen: '记录重新整改',
  scheduleLadder: '计算催办时间表',
};
export const activityLabel = (type: string) => ACTIVITY_LABELS[type] ?? type;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** What a workflow id says it is about (libs/contracts workflowId functions), read back. */
export type WorkflowSubject =
  | { kind: 'campaign'; campaignId: string }
  | { kind: 'department'; campaignId: string; departmentId: string }
  | { kind: 'annual_report'; campaignId: string }
  | { kind: 'letter'; letterId: string }
  | { kind: 'rectification'; itemId: string }
  | { kind: 'prepare_next' };

export function subjectOf(workflowId: string): WorkflowSubject | null {
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^campaign-(${UUID})-department-(${UUID})$`).exec(workflowId))) return { kind: 'department', campaignId: m[1], departmentId: m[2] };
  if ((m = new RegExp(`^campaign-(${UUID})-annual-report$`).exec(workflowId))) return { kind: 'annual_report', campaignId: m[1] };
  if ((m = new RegExp(`^campaign-(${UUID})$`).exec(workflowId))) return { kind: 'campaign', campaignId: m[1] };
  if ((m = new RegExp(`^opinion-letter-(${UUID})$`).exec(workflowId))) return { kind: 'letter', letterId: m[1] };
  if ((m = new RegExp(`^rectification-(${UUID})$`).exec(workflowId))) return { kind: 'rectification', itemId: m[1] };
  if (workflowId.startsWith('prepare-next-campaign-')) return { kind: 'prepare_next' };
  return null;
}

/**
 * A human summary per workflow id (department name, campaign year, 文号 or item title), read from the
 * database in four queries for a whole page. The workflow's own static summary (start metadata), where
 * it has one, is preferred by the caller; this is for workflows started without it.
 */
export async function summariesFromDatabase(dataSource: DataSource, workflowIds: string[]): Promise<Map<string, string>> {
  const subjects = workflowIds.map((id) => [id, subjectOf(id)] as const);
  const ids = (kind: WorkflowSubject['kind'], pick: (s: WorkflowSubject) => string) => [...new Set(subjects.filter(([, s]) => s?.kind === kind).map(([, s]) => pick(s!)))];
  const campaignIds = [...new Set(subjects.flatMap(([, s]) => (s && 'campaignId' in s ? [s.campaignId] : [])))];
  const departmentIds = ids('department', (s) => (s as { departmentId: string }).departmentId);
  const letterIds = ids('letter', (s) => (s as { letterId: string }).letterId);
  const itemIds = ids('rectification', (s) => (s as { itemId: string }).itemId);
  const [campaigns, departments, letters, items] = await Promise.all([
    campaignIds.length ? (dataSource.query(`SELECT id, year, title FROM campaigns WHERE id = ANY($1::uuid[])`, [campaignIds]) as Promise<{ id: string; year: number; title: string }[]>) : [],
    departmentIds.length ? (dataSource.query(`SELECT id, name FROM departments WHERE id = ANY($1::uuid[])`, [departmentIds]) as Promise<{ id: string; name: string }[]>) : [],
    letterIds.length
      ? (dataSource.query(
          `SELECT l.id, c.year, d.name, l.document_number FROM opinion_letters l JOIN departments d ON d.id = l.department_id JOIN campaigns c ON c.id = l.campaign_id WHERE l.id = ANY($1::uuid[])`,
          [letterIds],
        ) as Promise<{ id: string; year: number; name: string; document_number: string | null }[]>)
      : [],
    itemIds.length
      ? (dataSource.query(
          `SELECT ri.id, c.year, d.name, l.document_number, oi.problem FROM rectification_items ri JOIN opinion_items oi ON oi.id = ri.id
             JOIN opinion_letters l ON l.id = ri.letter_id JOIN departments d ON d.id = ri.department_id JOIN campaigns c ON c.id = l.campaign_id
            WHERE ri.id = ANY($1::uuid[])`,
          [itemIds],
        ) as Promise<{ id: string; year: number; name: string; document_number: string | null; problem: string }[]>)
      : [],
  ]);
  const campaign = new Map(campaigns.map((c) => [c.id, c]));
  const department = new Map(departments.map((d) => [d.id, d.name]));
  const letter = new Map(letters.map((l) => [l.id, l]));
  const item = new Map(items.map((i) => [i.id, i]));
  const out = new Map<string, string>();
  for (const [id, s] of subjects) {
    if (!s) continue;
    const year = 'campaignId' in s ? campaign.get(s.campaignId)?.year : undefined;
    let text: string | undefined;
    // The same words the workflows are started with (libs/contracts summaries), so both lists read alike.
    if (s.kind === 'campaign') text = year ? summaries.campaign(year) : undefined;
    else if (s.kind === 'department') text = year && department.has(s.departmentId) ? summaries.department(year, department.get(s.departmentId)) : undefined;
    else if (s.kind === 'annual_report') text = year ? summaries.annualReport(year) : undefined;
    else if (s.kind === 'letter') {
      const l = letter.get(s.letterId);
      text = l ? summaries.letter(l.year, l.name, l.document_number ?? undefined) : undefined;
    } else if (s.kind === 'rectification') {
      const i = item.get(s.itemId);
      text = i ? summaries.rectification(i.year, i.name, i.document_number ?? undefined, i.problem.slice(0, 60)) : undefined;
    } else text = summaries.prepareNextCampaign();
    if (text) out.set(id, text);
  }
  return out;
}
