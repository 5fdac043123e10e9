import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes the operators filter on, e.g.
 *   temporal workflow list --query "CampaignYear=2026 AND Phase='priorities'"
 * Every server the project starts registers them (scripts/temporal.js, docker-compose.yml).
 */
export const CampaignIdKey = defineSearchAttributeKey('CampaignId', SearchAttributeType.KEYWORD);
export const CampaignYearKey = defineSearchAttributeKey('CampaignYear', SearchAttributeType.INT);
export const DepartmentIdKey = defineSearchAttributeKey('DepartmentId', SearchAttributeType.KEYWORD);
export const PhaseKey = defineSearchAttributeKey('Phase', SearchAttributeType.KEYWORD);
/** What the workflow is doing now, in the item's own words (e.g. a rectification item's status). */
export const StatusKey = defineSearchAttributeKey('Status', SearchAttributeType.KEYWORD);
/** True while a step has failed past its retries and waits for the operator (or its automatic re-attempt). */
export const FailingKey = defineSearchAttributeKey('Failing', SearchAttributeType.BOOL);

/** name → type, as `temporal server start-dev --search-attribute Name=Type` wants them. */
export const SEARCH_ATTRIBUTES: Record<string, 'Keyword' | 'Int' | 'Bool'> = {
  CampaignId: 'Keyword',
  CampaignYear: 'Int',
  DepartmentId: 'Keyword',
  Phase: 'Keyword',
  Status: 'Keyword',
  Failing: 'Bool',
};
