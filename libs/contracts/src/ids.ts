/** Workflow ids are derived from business ids, so starting twice finds the first run. */
export function campaignWorkflowId(campaignId: string): string {
  return `campaign-${campaignId}`;
}

export function departmentWorkflowId(campaignId: string, departmentId: string): string {
  return `campaign-${campaignId}-department-${departmentId}`;
}
