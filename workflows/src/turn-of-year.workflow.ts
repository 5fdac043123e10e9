import { patched, proxyActivities } from '@temporalio/workflow';
import type { CycleActivities, PrepareNextCampaignResult } from '@rol/contracts';
import { SHORT_WRITE } from './activity-options';
import { OPERATORS_VIEW_PATCH } from './status';
import { trackTrouble } from './trouble';

const acts = proxyActivities<CycleActivities>(SHORT_WRITE);

/**
 * 准备下一年度工作周期: started by the yearly schedule (or the office's "prepare now"); writes next
 * year's draft from the latest campaign, once. The office confirms it to launch. A write failing past
 * its retries puts it in trouble (`Failing`) until it succeeds (the office's "prepare now" answers
 * 草稿正在准备中 meanwhile).
 */
export async function prepareNextCampaignWorkflow(): Promise<PrepareNextCampaignResult> {
  const trouble = trackTrouble(patched(OPERATORS_VIEW_PATCH));
  const at = new Date(Date.now()).toISOString();
  return trouble.background(() => acts.prepareNextCampaign({ at }));
}
