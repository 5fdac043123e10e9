import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { EscalationKind, RectificationStatus } from '@rol/domain';
import type { EvidenceItem } from './department.contract';

export function letterWorkflowId(letterId: string): string {
  return `opinion-letter-${letterId}`;
}
export function rectificationWorkflowId(itemId: string): string {
  return `rectification-${itemId}`;
}

/** An escalation moment, computed outside the workflow by the one deadline module. */
export interface ScheduledStep {
  kind: EscalationKind;
  atMs: number;
}

export interface LetterWorkflowInput {
  letterId: string;
  campaignId: string;
  year: number;
  departmentId: string;
  acknowledgeDueAtMs: number;
  /** Chasing an unacknowledged letter: the campaign's ladder around the acknowledgement deadline. */
  schedule: ScheduledStep[];
  /** `title`: the item's problem as the letter states it, for its workflow's summary. */
  items: { itemId: string; deadlineAtMs: number; schedule: ScheduledStep[]; title?: string }[];
  objectionDueAtMs: number;
  /** For the workflows' human summaries (the Temporal Web UI): the 文号 and the department's name. */
  documentNumber?: string;
  departmentName?: string;
}
export interface LetterState {
  acknowledged: boolean;
  escalations: EscalationKind[];
}
export const acknowledgeLetterUpdate = defineUpdate<{ acknowledgedAt: string }, [{ departmentId: string; actorId: string }]>('acknowledgeLetter');
export const letterStateQuery = defineQuery<LetterState>('letterState');

export interface RectificationWorkflowInput {
  itemId: string;
  letterId: string;
  campaignId: string;
  year: number;
  departmentId: string;
  deadlineAtMs: number;
  objectionDueAtMs: number;
  schedule: ScheduledStep[];
  state?: RectificationState;
  /** The item's campaign (and any year it was carried into) has closed: a closed item's workflow ends. */
  campaignClosed?: boolean;
  /** A new run started for 回头看 after the workflow had ended: it waits (a minute) for the reopen it was started for. */
  resumedForReopen?: boolean;
}
export interface RectificationState {
  status: RectificationStatus;
  round: number;
  deadlineAtMs: number;
  schedule: ScheduledStep[];
  /** kinds already recorded in this round */
  fired: EscalationKind[];
  reportVersion: number;
  extensionSeq: number;
  extensionPending: { seq: number; deadlineAtMs: number } | null;
  objection: 'pending' | 'upheld' | 'withdrawn' | null;
  busy: boolean;
}

export interface SubmitReportInput {
  departmentId: string;
  actorId: string;
  report: string;
  evidence: EvidenceItem[];
}
export interface DecideReportInput {
  actorId: string;
  decision: 'accepted' | 'returned';
  reason: string;
}
export interface RequestExtensionInput {
  departmentId: string;
  actorId: string;
  reason: string;
  requestedDeadlineAtMs: number;
}
export interface DecideExtensionInput {
  actorId: string;
  approve: boolean;
  note: string;
}
export interface FileObjectionInput {
  departmentId: string;
  actorId: string;
  reason: string;
}
export interface DecideObjectionInput {
  actorId: string;
  uphold: boolean;
  note: string;
}
export interface ReopenInput {
  actorId: string;
  reason: string;
  deadlineAtMs: number;
}

export const submitReportUpdate = defineUpdate<RectificationState, [SubmitReportInput]>('submitReport');
export const decideReportUpdate = defineUpdate<RectificationState, [DecideReportInput]>('decideReport');
export const requestExtensionUpdate = defineUpdate<RectificationState, [RequestExtensionInput]>('requestExtension');
export const decideExtensionUpdate = defineUpdate<RectificationState, [DecideExtensionInput]>('decideExtension');
export const fileObjectionUpdate = defineUpdate<RectificationState, [FileObjectionInput]>('fileObjection');
export const decideObjectionUpdate = defineUpdate<RectificationState, [DecideObjectionInput]>('decideObjection');
export const reopenUpdate = defineUpdate<RectificationState, [ReopenInput]>('reopen');
export const rectificationStateQuery = defineQuery<RectificationState>('rectificationState');

export const RectificationRefusal = {
  ForbiddenDepartment: 'FORBIDDEN_DEPARTMENT',
  NotAllowedNow: 'RECTIFICATION_STATE_CONFLICT',
  ObjectionWindowClosed: 'OBJECTION_WINDOW_CLOSED',
  AlreadyAcknowledged: 'LETTER_ALREADY_ACKNOWLEDGED',
  ExtensionInvalid: 'EXTENSION_INVALID',
} as const;

/** Activities of stages 4 and 5 (each idempotent: keyed by item, version, round, kind). */
export interface RectificationActivities {
  recordAcknowledgement(input: { letterId: string; actorId: string; at: string }): Promise<void>;
  recordEscalation(input: { campaignId: string; departmentId: string; targetType: 'opinion_letter' | 'rectification_item'; targetId: string; round: number; kind: EscalationKind; at: string }): Promise<void>;
  recordReport(input: { itemId: string; version: number; round: number; actorId: string; report: string; evidence: EvidenceItem[]; at: string }): Promise<void>;
  recordReportDecision(input: { itemId: string; version: number; actorId: string; decision: 'accepted' | 'returned'; reason: string; at: string; closedOnTime: boolean }): Promise<void>;
  recordExtensionRequest(input: { itemId: string; seq: number; actorId: string; reason: string; requestedDeadlineAt: string; at: string }): Promise<void>;
  recordExtensionDecision(input: { itemId: string; seq: number; actorId: string; approve: boolean; note: string; at: string; deadlineAt: string | null }): Promise<void>;
  recordObjection(input: { itemId: string; actorId: string; reason: string; at: string }): Promise<void>;
  recordObjectionDecision(input: { itemId: string; actorId: string; uphold: boolean; note: string; at: string }): Promise<void>;
  recordReopen(input: { itemId: string; round: number; actorId: string; reason: string; deadlineAt: string; at: string }): Promise<void>;
  /**
   * Starts each item's workflow (one already there, running or not, is left as it is): the letter's
   * items, started by the worker's client rather than as children, so each ends on its own.
   */
  startRectificationWorkflows(input: { items: { input: RectificationWorkflowInput; summary: string }[] }): Promise<void>;
  /** The escalation moments around a deadline, by the campaign's ladder and the working-day calendar. */
  scheduleLadder(input: { campaignId: string; deadlineAtMs: number }): Promise<ScheduledStep[]>;
}
