import type { DataSource, EntityManager } from 'typeorm';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { CampaignIdKey, CampaignYearKey, DepartmentIdKey, PhaseKey, StatusKey, rectificationWorkflowId, type RectificationActivities } from '@rol/contracts';
import { DEFAULT_RECTIFICATION_RULES, ladderSchedule } from '@rol/domain';
import { CampaignEntity, RectificationItemEntity, execute, loadCalendars, recordAudit } from '@rol/db';

/**
 * 签收、整改、延期、复查、回头看, and the escalation ladder. Each write is keyed (item + version,
 * sequence, round or kind) and changes state only when the keyed row is new: a retry writes nothing twice.
 */
export function createRectificationActivities(dataSource: DataSource, temporal: { client: Client; taskQueue: string }): RectificationActivities {
  const tx = <T>(work: (m: EntityManager) => Promise<T>) => dataSource.transaction(work);
  const audit = (m: EntityManager, actorId: string | null, action: string, targetType: string, targetId: string, at: string, detail: Record<string, unknown> = {}) =>
    recordAudit(m, { actorId, action, targetType, targetId, at: new Date(at), detail });

  return {
    async startRectificationWorkflows({ items }) {
      for (const { input, summary } of items) {
        try {
          await temporal.client.workflow.start('rectificationWorkflow', {
            taskQueue: temporal.taskQueue,
            workflowId: rectificationWorkflowId(input.itemId),
            workflowIdReusePolicy: 'REJECT_DUPLICATE', // a retry, or an item already closed and ended: left as it is
            args: [input],
            staticSummary: summary,
            typedSearchAttributes: [
              { key: CampaignIdKey, value: input.campaignId },
              { key: CampaignYearKey, value: input.year },
              { key: DepartmentIdKey, value: input.departmentId },
              { key: PhaseKey, value: 'rectification' },
              { key: StatusKey, value: 'open' },
            ],
          });
        } catch (err) {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        }
      }
    },

    async recordAcknowledgement({ letterId, actorId, at }) {
      await tx(async (m) => {
        const { affected } = await execute(m, 
          `UPDATE opinion_letters SET status = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3 WHERE id = $1 AND acknowledged_at IS NULL RETURNING id`,
          [letterId, at, actorId],
        );
        if (affected) await audit(m, actorId, 'opinion_letter.acknowledge', 'opinion_letter', letterId, at);
      });
    },

    async recordEscalation(e) {
      await tx(async (m) => {
        const { affected } = await execute(m, 
          `INSERT INTO escalations (campaign_id, department_id, kind, target_type, target_id, round, at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (kind, target_type, target_id, round) DO NOTHING RETURNING id`,
          [e.campaignId, e.departmentId, e.kind, e.targetType, e.targetId, e.round, e.at],
        );
        if (affected) await audit(m, null, `escalation.${e.kind}`, e.targetType, e.targetId, e.at, { round: e.round });
      });
    },

    async recordReport(r) {
      await tx(async (m) => {
        const { affected } = await execute(m, 
          `INSERT INTO rectification_reports (item_id, version, round, report, evidence, submitted_at, submitted_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING version`,
          [r.itemId, r.version, r.round, r.report, JSON.stringify(r.evidence), r.at, r.actorId],
        );
        if (!affected) return;
        await m.update(RectificationItemEntity, { id: r.itemId }, { status: 'submitted' });
        await audit(m, r.actorId, 'rectification.report', 'rectification_item', r.itemId, r.at, { version: r.version });
      });
    },

    async recordReportDecision(d) {
      await tx(async (m) => {
        const { affected } = await execute(m, 
          `UPDATE rectification_reports SET decision = $3, decided_at = $4, decided_by = $5, reason = $6
            WHERE item_id = $1 AND version = $2 AND decision IS NULL RETURNING version`,
          [d.itemId, d.version, d.decision, d.at, d.actorId, d.reason],
        );
        if (!affected) return;
        if (d.decision === 'accepted') {
          await m.update(RectificationItemEntity, { id: d.itemId }, { status: 'closed', closedAt: new Date(d.at), closedOnTime: d.closedOnTime });
        } else {
          await m.update(RectificationItemEntity, { id: d.itemId }, { status: 'returned' });
        }
        await audit(m, d.actorId, d.decision === 'accepted' ? 'rectification.accept' : 'rectification.return', 'rectification_item', d.itemId, d.at, { version: d.version, reason: d.reason });
      });
    },

    async recordExtensionRequest(r) {
      await tx(async (m) => {
        const { affected } = await execute(m, 
          `INSERT INTO extension_requests (item_id, seq, reason, requested_deadline_at, requested_at, requested_by)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING seq`,
          [r.itemId, r.seq, r.reason, r.requestedDeadlineAt, r.at, r.actorId],
        );
        if (affected) await audit(m, r.actorId, 'rectification.extension_request', 'rectification_item', r.itemId, r.at, { seq: r.seq, requestedDeadlineAt: r.requestedDeadlineAt });
      });
    },

    async recordExtensionDecision(d) {
      await tx(async (m) => {
        const { affected } = await execute(m, 
          `UPDATE extension_requests SET decision = $3, decided_at = $4, decided_by = $5, note = $6
            WHERE item_id = $1 AND seq = $2 AND decision IS NULL RETURNING seq`,
          [d.itemId, d.seq, d.approve ? 'approved' : 'refused', d.at, d.actorId, d.note],
        );
        if (!affected) return;
        if (d.approve && d.deadlineAt) await m.update(RectificationItemEntity, { id: d.itemId }, { deadlineAt: new Date(d.deadlineAt) });
        await audit(m, d.actorId, d.approve ? 'rectification.extension_approve' : 'rectification.extension_refuse', 'rectification_item', d.itemId, d.at, { seq: d.seq, deadlineAt: d.deadlineAt });
      });
    },

    async recordObjection(o) {
      await tx(async (m) => {
        const { affected } = await execute(m, 
          `INSERT INTO objections (item_id, reason, filed_at, filed_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING item_id`,
          [o.itemId, o.reason, o.at, o.actorId],
        );
        if (!affected) return;
        await m.update(RectificationItemEntity, { id: o.itemId }, { objection: 'pending' });
        await audit(m, o.actorId, 'rectification.objection', 'rectification_item', o.itemId, o.at, { reason: o.reason });
      });
    },

    async recordObjectionDecision(d) {
      await tx(async (m) => {
        const { affected } = await execute(m, 
          `UPDATE objections SET decision = $2, decided_at = $3, decided_by = $4, note = $5 WHERE item_id = $1 AND decision IS NULL RETURNING item_id`,
          [d.itemId, d.uphold ? 'upheld' : 'withdrawn', d.at, d.actorId, d.note],
        );
        if (!affected) return;
        // Upheld: the item stays as it is; withdrawn: the item is withdrawn with it.
        await m.update(RectificationItemEntity, { id: d.itemId }, d.uphold ? { objection: 'upheld' } : { objection: 'withdrawn', status: 'withdrawn' });
        await audit(m, d.actorId, d.uphold ? 'rectification.objection_uphold' : 'rectification.objection_withdraw', 'rectification_item', d.itemId, d.at, { note: d.note });
      });
    },

    async recordReopen(r) {
      await tx(async (m) => {
        const { affected } = await execute(m, 
          `INSERT INTO reopenings (item_id, round, reason, deadline_at, reopened_at, reopened_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING round`,
          [r.itemId, r.round, r.reason, r.deadlineAt, r.at, r.actorId],
        );
        if (!affected) return;
        await m.update(RectificationItemEntity, { id: r.itemId }, { status: 'open', round: r.round, deadlineAt: new Date(r.deadlineAt), closedAt: null, closedOnTime: null });
        await audit(m, r.actorId, 'rectification.reopen', 'rectification_item', r.itemId, r.at, { round: r.round, reason: r.reason });
      });
    },

    async scheduleLadder({ campaignId, deadlineAtMs }) {
      const campaign = await dataSource.manager.findOne(CampaignEntity, { select: { id: true, rectificationRules: true }, where: { id: campaignId } });
      return ladderSchedule(campaign?.rectificationRules ?? DEFAULT_RECTIFICATION_RULES, deadlineAtMs, await loadCalendars(dataSource.manager));
    },
  };
}
