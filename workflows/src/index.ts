export { campaignWorkflow } from './campaign.workflow';
export { departmentWorkflow } from './department.workflow';
export { letterWorkflow } from './letter.workflow';
export { rectificationWorkflow } from './rectification.workflow';
export { prepareNextCampaignWorkflow } from './turn-of-year.workflow';
export { annualReportWorkflow } from './annual-report.workflow';
export { caseFileImportWorkflow } from './case-file-import.workflow';
