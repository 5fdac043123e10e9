export { campaignWorkflow } from './campaign.workflow';
export { departmentWorkflow } from './department.workflow';
