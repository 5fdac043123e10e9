import { campaignWorkflowId, departmentWorkflowId, annualReportWorkflowId, letterWorkflowId, rectificationWorkflowId, prepareNextCampaignWorkflowId } from '@rol/contracts';
import { subjectOf } from './workflow-summaries';

const C = '11111111-1111-4111-8111-111111111111';
const D = '22222222-2222-4222-8222-222222222222';

describe('subjectOf', () => {
  it('reads back every workflow id the contracts make', () => {
    expect(subjectOf(campaignWorkflowId(C))).toEqual({ kind: 'campaign', campaignId: C });
    expect(subjectOf(departmentWorkflowId(C, D))).toEqual({ kind: 'department', campaignId: C, departmentId: D });
    expect(subjectOf(annualReportWorkflowId(C))).toEqual({ kind: 'annual_report', campaignId: C });
    expect(subjectOf(letterWorkflowId(D))).toEqual({ kind: 'letter', letterId: D });
    expect(subjectOf(rectificationWorkflowId(D))).toEqual({ kind: 'rectification', itemId: D });
    expect(subjectOf(prepareNextCampaignWorkflowId('supervision-cycle'))).toEqual({ kind: 'prepare_next' });
    expect(subjectOf('something-else')).toBeNull();
  });
});
