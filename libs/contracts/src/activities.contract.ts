import type { SelfCheckAnswers } from '@rol/domain';
import type { EvidenceItem } from './department.contract';
import type { PrepareNextCampaignResult } from './turn-of-year.contract';

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
  /** One page (by item id) of the rectification items still open when the campaign closed: carried into year + 1. */
  carryOverRectifications(page: FanOutPage & { closedAt: string }): Promise<FanOutResult>;
  /** One page of the closed campaign's finished items (closed, withdrawn) and unacknowledged letters: their workflows are told to end. */
  signalClosedWorkflows(page: FanOutPage & { kind: 'items' | 'letters' }): Promise<FanOutResult>;
  /** Writes next year's draft from the latest campaign (once: a draft already there is left as it is). */
  prepareNextCampaign(input: { at: string }): Promise<PrepareNextCampaignResult>;
  createDepartmentTasks(input: { campaignId: string; departmentId: string }): Promise<TaskSchedule[]>;
  recordTaskReminder(input: { taskId: string; at: string }): Promise<void>;
  markTaskOverdue(input: { taskId: string; at: string }): Promise<void>;
  recordTaskCompletion(input: RecordCompletionInput): Promise<void>;
  recordSelfCheckSubmission(input: {
    campaignId: string;
    departmentId: string;
    actorId: string;
    version: number;
    answers: SelfCheckAnswers;
    submittedAt: string;
  }): Promise<void>;
  recordSelfCheckDecision(input: {
    campaignId: string;
    departmentId: string;
    actorId: string;
    version: number;
    decision: 'accepted' | 'returned';
    comment: string;
    decidedAt: string;
  }): Promise<void>;
  markSelfCheckNotSubmitted(input: { campaignId: string; departmentId: string; at: string }): Promise<void>;
  /** Escalates every review of the campaign not submitted by the end of the window; returns how many. */
  escalateUnfinishedReviews(input: { campaignId: string; at: string }): Promise<number>;
  /** Freezes the candidates, reveals the committed seed, draws files and reviewers; returns counts only. */
  performDraw(input: { campaignId: string; actorId: string; at: string }): Promise<DrawOutcome>;
}

export interface DrawOutcome {
  candidateCount: number;
  sampleCount: number;
  assignmentCount: number;
  unassignedCount: number;
}
