import type { DataSource } from 'typeorm';
import type { CycleActivities } from '@rol/contracts';
import { SelfCheckStatus } from '@rol/domain';
import { SelfCheckEntity, execute, recordAudit } from '@rol/db';

type SelfCheckActivities = Pick<CycleActivities, 'recordSelfCheckSubmission' | 'recordSelfCheckDecision' | 'markSelfCheckNotSubmitted'>;

/** 自查: each write is keyed by (campaign, department, version), so a retry writes nothing twice. */
export function createSelfCheckActivities(dataSource: DataSource): SelfCheckActivities {
  async function selfCheckId(campaignId: string, departmentId: string, m = dataSource.manager): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO self_checks (campaign_id, department_id, status) VALUES ($1, $2, 'draft')
       ON CONFLICT (campaign_id, department_id) DO UPDATE SET campaign_id = excluded.campaign_id
       RETURNING id`,
      [campaignId, departmentId],
    );
    return row.id;
  }

  return {
    async recordSelfCheckSubmission(input) {
      await dataSource.transaction(async (m) => {
        const id = await selfCheckId(input.campaignId, input.departmentId, m);
        const { affected: inserted } = await execute(m, 
          `INSERT INTO self_check_versions (self_check_id, version, answers, submitted_at, submitted_by)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING version`,
          [id, input.version, JSON.stringify(input.answers), input.submittedAt, input.actorId],
        );
        if (!inserted) return; // this version was recorded by an earlier attempt
        await m.update(SelfCheckEntity, { id }, { status: SelfCheckStatus.Submitted, version: input.version, answers: input.answers, updatedAt: new Date(input.submittedAt) });
        await recordAudit(m, { actorId: input.actorId, action: 'self_check.submit', targetType: 'self_check', targetId: id, at: new Date(input.submittedAt), detail: { version: input.version } });
      });
    },

    async recordSelfCheckDecision(input) {
      await dataSource.transaction(async (m) => {
        const id = await selfCheckId(input.campaignId, input.departmentId, m);
        const { affected: decided } = await execute(m, 
          `UPDATE self_check_versions SET decision = $3, decided_at = $4, decided_by = $5, comment = $6
            WHERE self_check_id = $1 AND version = $2 AND decision IS NULL RETURNING version`,
          [id, input.version, input.decision, input.decidedAt, input.actorId, input.comment],
        );
        if (!decided) return;
        const status = input.decision === 'accepted' ? SelfCheckStatus.Accepted : SelfCheckStatus.Returned;
        await m.update(SelfCheckEntity, { id }, { status, updatedAt: new Date(input.decidedAt) });
        await recordAudit(m, { actorId: input.actorId, action: `self_check.${input.decision === 'accepted' ? 'accept' : 'return'}`, targetType: 'self_check', targetId: id, at: new Date(input.decidedAt), detail: { version: input.version, comment: input.comment } });
      });
    },

    async markSelfCheckNotSubmitted({ campaignId, departmentId, at }) {
      await dataSource.transaction(async (m) => {
        const id = await selfCheckId(campaignId, departmentId, m);
        const { affected: changed } = await execute(m, 
          `UPDATE self_checks SET status = 'not_submitted', updated_at = $2 WHERE id = $1 AND status = 'draft' AND version = 0 RETURNING id`,
          [id, at],
        );
        if (changed) {
          await recordAudit(m, { actorId: null, action: 'self_check.not_submitted', targetType: 'self_check', targetId: id, at: new Date(at) });
        }
      });
    },
  };
}
