import type { EntityManager } from 'typeorm';
import { notificationRule } from '@rol/domain';
import { AuditLogEntity } from './entities';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  detail?: Record<string, unknown>;
  at?: Date;
}

/**
 * Writes one audit row with the caller's manager, i.e. inside the caller's transaction, and the
 * notification the event produces (消息中心, `NOTIFICATION_RULES`). Callers write an event once
 * (their change is keyed), so its notification is written once too.
 */
export async function recordAudit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  const at = entry.at ?? new Date();
  const { identifiers } = await manager.insert(AuditLogEntity, {
    at,
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    detail: (entry.detail ?? {}) as AuditLogEntity["detail"] & object,
  });
  const rule = notificationRule(entry.action);
  if (!rule) return;
  const subject = SUBJECTS[entry.targetType];
  if (!subject) throw new Error(`notification for ${entry.action}: no subject query for target type ${entry.targetType}`);
  await manager.query(
    `INSERT INTO notifications (audit_id, at, audience, kind, title, department_id, campaign_id, subject, link)
     SELECT $1, $2, $3, $4, $5, s.department_id, s.campaign_id, s.subject, s.link FROM (${subject}) s`,
    [identifiers[0].id, at, rule.audience, entry.action, rule.title, entry.targetId],
  );
}

/**
 * Writes several audit rows in one statement (a fan-out: the tasks one department workflow creates). Events
 * that notify someone go through `recordAudit`, one by one, so that each gets its notification.
 */
export async function recordAudits(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
  const plain = entries.filter((e) => !notificationRule(e.action));
  for (const e of entries) if (notificationRule(e.action)) await recordAudit(manager, e);
  if (plain.length === 0) return;
  const at = new Date();
  await manager.query(
    `INSERT INTO audit_log (at, actor_id, action, target_type, target_id, detail)
     SELECT * FROM unnest($1::timestamptz[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`,
    [plain.map((e) => e.at ?? at), plain.map((e) => e.actorId), plain.map((e) => e.action), plain.map((e) => e.targetType), plain.map((e) => e.targetId), plain.map((e) => JSON.stringify(e.detail ?? {}))],
  );
}

/** What a notification is about (department, campaign, a short name, the console page), by the event's target; `$6` is the target's id and `$3` the audience. */
const SUBJECTS: Record<string, string> = {
  task: `SELECT department_id, campaign_id, title AS subject, '/tasks/' || id AS link FROM tasks WHERE id = $6::uuid`,
  self_check: `
    SELECT sc.department_id, sc.campaign_id, c.title || '·自查' AS subject,
           CASE WHEN $3 = 'office' THEN '/self-check-reviews/' || sc.id ELSE '/self-checks/' || sc.campaign_id END AS link
      FROM self_checks sc JOIN campaigns c ON c.id = sc.campaign_id WHERE sc.id = $6::uuid`,
  opinion_letter: `SELECT department_id, campaign_id, coalesce(document_number, '监督意见书') AS subject, '/letters/' || id AS link FROM opinion_letters WHERE id = $6::uuid`,
  rectification_item: `
    SELECT ri.department_id, ri.campaign_id, CASE WHEN length(oi.problem) > 60 THEN left(oi.problem, 59) || '…' ELSE oi.problem END AS subject, '/rectifications/' || ri.id AS link
      FROM rectification_items ri JOIN opinion_items oi ON oi.id = ri.id WHERE ri.id = $6::uuid`,
  // A published assessment reaches every department of the campaign.
  assessment: `
    SELECT cd.department_id, c.id AS campaign_id, c.title || '·考核结果' AS subject, '/assessment/' || c.id AS link
      FROM campaigns c JOIN campaign_departments cd ON cd.campaign_id = c.id WHERE c.id = $6::uuid`,
  assessment_objection: `
    SELECT o.department_id, o.campaign_id, c.title || '·考核异议' AS subject,
           CASE WHEN $3 = 'office' THEN '/campaigns/' || o.campaign_id || '?tab=assessment' ELSE '/assessment/' || o.campaign_id END AS link
      FROM assessment_objections o JOIN campaigns c ON c.id = o.campaign_id WHERE o.id = $6::uuid`,
  // '<campaign id>' is the office's report, '<campaign id>:<department id>' a department's draft.
  annual_report: `
    SELECT d.id AS department_id, c.id AS campaign_id, c.year || '年度法治政府建设情况报告' AS subject,
           CASE WHEN $3 = 'office' THEN '/campaigns/' || c.id || '/annual-report' ELSE '/annual-report/' || c.id END AS link
      FROM campaigns c LEFT JOIN departments d ON d.id = nullif(split_part($6, ':', 2), '')::uuid
     WHERE c.id = split_part($6, ':', 1)::uuid`,
};
