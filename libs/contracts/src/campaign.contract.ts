import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CampaignCalendar, Phase } from '@rol/domain';

export interface CampaignWorkflowInput {
  campaignId: string;
  year: number;
  calendar: CampaignCalendar;
  /** Carried over by continue-as-new: the last department whose workflow was started. */
  startedThrough?: string | null;
  departmentsStarted?: number;
  fanOutDone?: boolean;
}

export interface CampaignWorkflowState {
  phase: Phase;
  departmentsStarted: number;
  fanOutDone: boolean;
  closed: boolean;
}

export interface CloseCampaignInput {
  actorId: string;
  reason?: string;
}

export const campaignStateQuery = defineQuery<CampaignWorkflowState>('campaignState');
/** The office closes the campaign early; answered once the close is recorded. */
export const closeCampaignUpdate = defineUpdate<CampaignWorkflowState, [CloseCampaignInput]>('closeCampaign');
