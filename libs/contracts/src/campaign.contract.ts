import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CampaignCalendar, Phase } from '@rol/domain';
import type { DrawOutcome } from './activities.contract';

export interface CampaignWorkflowInput {
  campaignId: string;
  year: number;
  calendar: CampaignCalendar;
  /** Carried over by continue-as-new: the last department whose workflow was started. */
  startedThrough?: string | null;
  departmentsStarted?: number;
  fanOutDone?: boolean;
  draw?: DrawOutcome | null;
  /** Carried over by continue-as-new: the 年度报告 deadline workflow was started (as an abandoned child). */
  annualReportStarted?: boolean;
}

export interface CampaignWorkflowState {
  phase: Phase;
  departmentsStarted: number;
  fanOutDone: boolean;
  closed: boolean;
  /** Counts of the draw once performed (never the ids). */
  draw: DrawOutcome | null;
  reviewsEscalated: number | null;
}

export interface CloseCampaignInput {
  actorId: string;
  reason?: string;
}

export const campaignStateQuery = defineQuery<CampaignWorkflowState>('campaignState');
/** The office closes the campaign early; answered once the close is recorded. */
export const closeCampaignUpdate = defineUpdate<CampaignWorkflowState, [CloseCampaignInput]>('closeCampaign');

/** 抽取: the office draws files and reviewers, once per campaign. */
export const executeDrawUpdate = defineUpdate<DrawOutcome, [{ actorId: string }]>('executeDraw');

export const CampaignRefusal = {
  AlreadyDrawn: 'DRAW_ALREADY_DONE',
  Closed: 'CAMPAIGN_CLOSED',
} as const;
