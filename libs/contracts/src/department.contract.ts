import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { TaskStatus } from '@rol/domain';

export interface DepartmentWorkflowInput {
  campaignId: string;
  year: number;
  departmentId: string;
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
}

export interface EvidenceItem {
  name: string;
  uri: string;
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

export const completeTaskUpdate = defineUpdate<CompleteTaskResult, [CompleteTaskInput]>('completeTask');
export const campaignClosedSignal = defineSignal('campaignClosed');
export const departmentStateQuery = defineQuery<DepartmentWorkflowState>('departmentState');

/** ApplicationFailure types the workflows use to refuse an update; the API maps them to HTTP. */
export const UpdateRefusal = {
  TaskNotFound: 'TASK_NOT_FOUND',
  ForbiddenDepartment: 'FORBIDDEN_DEPARTMENT',
  TaskAlreadyCompleted: 'TASK_ALREADY_COMPLETED',
  CampaignClosed: 'CAMPAIGN_CLOSED',
} as const;
