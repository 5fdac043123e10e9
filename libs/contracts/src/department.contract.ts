import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CampaignCalendar, SelfCheckAnswers, SelfCheckStatus, TaskStatus } from '@rol/domain';

export interface DepartmentWorkflowInput {
  campaignId: string;
  year: number;
  departmentId: string;
  calendar: CampaignCalendar;
  /** Carried over by continue-as-new. */
  state?: DepartmentWorkflowState;
}

export interface TrackedTask {
  taskId: string;
  dueAtMs: number;
  remindAtMs?: number;
  status: TaskStatus;
  reminded: boolean;
  overdue: boolean;
  completedAtMs?: number;
  /** True between an accepted completion and its persistence, so a second one is refused. */
  completing?: boolean;
}

export interface DepartmentWorkflowState {
  tasks: TrackedTask[];
  tasksCreated: boolean;
  campaignClosed: boolean;
  selfCheck: { status: SelfCheckStatus; version: number; busy?: boolean };
}

/** 佐证材料 as stored: a link, or an uploaded attachment (its id, type, size and SHA-256; `uri` downloads it). */
export interface EvidenceItem {
  name: string;
  uri: string;
  attachmentId?: string;
  mediaType?: string;
  sizeBytes?: number;
  sha256?: string;
}

export interface CompleteTaskInput {
  taskId: string;
  /** The department the caller acts for; must be the workflow's own. */
  departmentId: string;
  actorId: string;
  note: string;
  evidence: EvidenceItem[];
}

export interface CompleteTaskResult {
  taskId: string;
  completedAt: string;
  late: boolean;
}

export interface SubmitSelfCheckInput {
  departmentId: string;
  actorId: string;
  /** Validated against the template by the API; small (tens of items). */
  answers: SelfCheckAnswers;
}
export interface SubmitSelfCheckResult {
  version: number;
  submittedAt: string;
}
export interface DecideSelfCheckInput {
  actorId: string;
  decision: 'accepted' | 'returned';
  comment: string;
}
export interface DecideSelfCheckResult {
  version: number;
  status: SelfCheckStatus;
}

export const submitSelfCheckUpdate = defineUpdate<SubmitSelfCheckResult, [SubmitSelfCheckInput]>('submitSelfCheck');
export const decideSelfCheckUpdate = defineUpdate<DecideSelfCheckResult, [DecideSelfCheckInput]>('decideSelfCheck');
export const completeTaskUpdate = defineUpdate<CompleteTaskResult, [CompleteTaskInput]>('completeTask');
export const campaignClosedSignal = defineSignal('campaignClosed');
export const departmentStateQuery = defineQuery<DepartmentWorkflowState>('departmentState');

/** ApplicationFailure types the workflows use to refuse an update; the API maps them to HTTP. */
export const UpdateRefusal = {
  TaskNotFound: 'TASK_NOT_FOUND',
  ForbiddenDepartment: 'FORBIDDEN_DEPARTMENT',
  TaskAlreadyCompleted: 'TASK_ALREADY_COMPLETED',
  CampaignClosed: 'CAMPAIGN_CLOSED',
  SelfCheckWindowNotOpen: 'SELF_CHECK_WINDOW_NOT_OPEN',
  SelfCheckWindowClosed: 'SELF_CHECK_WINDOW_CLOSED',
  SelfCheckNotEditable: 'SELF_CHECK_NOT_EDITABLE',
  SelfCheckNotSubmitted: 'SELF_CHECK_NOT_SUBMITTED',
} as const;
