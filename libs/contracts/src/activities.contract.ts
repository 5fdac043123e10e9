import type { EvidenceItem } from './department.contract';

/** A department's task as the department workflow needs it: ids and times, nothing more. */
export interface TaskSchedule {
  taskId: string;
  dueAt: string;
  remindAt: string | null;
  status: 'open' | 'completed';
  completedAt: string | null;
}

export interface FanOutPage {
  campaignId: string;
  year: number;
  /** Department id to continue after (keyset paging), null for the first page. */
  after: string | null;
  limit: number;
}

export interface FanOutResult {
  count: number;
  last: string | null;
  done: boolean;
}

export interface RecordCompletionInput {
  taskId: string;
  actorId: string;
  note: string;
  evidence: EvidenceItem[];
  completedAt: string;
  late: boolean;
}

/**
 * What the workflows may ask of the outside world. Every activity is idempotent:
 * run twice, it writes once (natural keys, conditional updates).
 */
export interface CycleActivities {
  startDepartmentWorkflows(page: FanOutPage): Promise<FanOutResult>;
  signalCampaignClosed(page: FanOutPage): Promise<FanOutResult>;
  recordCampaignPhase(input: { campaignId: string; phase: string }): Promise<void>;
  closeCampaign(input: { campaignId: string; actorId: string | null; closedAt: string }): Promise<void>;
  createDepartmentTasks(input: { campaignId: string; departmentId: string }): Promise<TaskSchedule[]>;
  recordTaskReminder(input: { taskId: string; at: string }): Promise<void>;
  markTaskOverdue(input: { taskId: string; at: string }): Promise<void>;
  recordTaskCompletion(input: RecordCompletionInput): Promise<void>;
}
