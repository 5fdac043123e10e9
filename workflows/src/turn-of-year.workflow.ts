import { proxyActivities } from '@temporalio/workflow';
import type { CycleActivities, PrepareNextCampaignResult } from '@rol/contracts';
import { SHORT_WRITE } from './activity-options';

const acts = proxyActivities<CycleActivities>(SHORT_WRITE);

/**
 * 准备下一年度工作周期: started by the yearly schedule (or the office's "prepare now"); writes next
 * year's draft from the latest campaign, once. The office confirms it to launch.
 */
export async function prepareNextCampaignWorkflow(): Promise<PrepareNextCampaignResult> {
  return acts.prepareNextCampaign({ at: new Date(Date.now()).toISOString() });
}
