import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { campaignClosedSignal, letterWorkflowId, rectificationWorkflowId, type CycleActivities } from '@rol/contracts';
import { nextYearLaunch, shiftDate, type CampaignCalendar, type CampaignDraftBody, type DraftStartingPoints } from '@rol/domain';
import { recordAudit } from '@rol/db';

type TurnOfYearActivities = Pick<CycleActivities, 'carryOverRectifications' | 'signalClosedWorkflows' | 'prepareNextCampaign'>;

/** Items of the campaign, or carried into its year, in a given state: `$1` campaign, `$2` year. */
const ITEMS_OF_THE_YEAR = `
  FROM rectification_items r
 WHERE (r.campaign_id = $1 OR EXISTS (SELECT 1 FROM rectification_carryovers c WHERE c.item_id = r.id AND c.to_year = $2))`;

/**
 * 年度交替: the open items carried into next year when a campaign closes, the finished workflows told
 * to end, and next year's campaign prepared as a draft. Keyed writes (item + year, draft year): a retry
 * writes nothing twice.
 */
export function createTurnOfYearActivities(deps: { dataSource: DataSource; client: Client; concurrency?: number }): TurnOfYearActivities {
  const { dataSource, client } = deps;
  const concurrency = deps.concurrency ?? 16;

  return {
    async carryOverRectifications({ campaignId, year, after, limit, closedAt }) {
      return dataSource.transaction(async (m) => {
        const rows: { id: string }[] = await m.query(
          `SELECT r.id ${ITEMS_OF_THE_YEAR} AND r.status IN ('open', 'submitted', 'returned') AND ($3::uuid IS NULL OR r.id > $3::uuid) ORDER BY r.id LIMIT $4`,
          [campaignId, year, after, limit],
        );
        const ids = rows.map((r) => r.id);
        const carried: { item_id: string }[] = ids.length
          ? await m.query(
              `INSERT INTO rectification_carryovers (item_id, from_year, to_year, carried_at)
               SELECT id, $2, $2 + 1, $3 FROM unnest($1::uuid[]) id ON CONFLICT DO NOTHING RETURNING item_id`,
              [ids, year, closedAt],
            )
          : [];
        for (const { item_id } of carried) {
          await recordAudit(m, { actorId: null, action: 'rectification.carry_over', targetType: 'rectification_item', targetId: item_id, at: new Date(closedAt), detail: { fromYear: year, toYear: year + 1 } });
        }
        Context.current().heartbeat(ids.length);
        return { count: ids.length, last: ids.at(-1) ?? null, done: ids.length < limit };
      });
    },

    async signalClosedWorkflows({ campaignId, year, after, limit, kind }) {
      const rows: { id: string }[] =
        kind === 'items'
          ? await dataSource.query(`SELECT r.id ${ITEMS_OF_THE_YEAR} AND r.status IN ('closed', 'withdrawn') AND ($3::uuid IS NULL OR r.id > $3::uuid) ORDER BY r.id LIMIT $4`, [campaignId, year, after, limit])
          : await dataSource.query(`SELECT id FROM opinion_letters WHERE campaign_id = $1 AND status = 'issued' AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`, [campaignId, after, limit]);
      const ids = rows.map((r) => r.id);
      for (let i = 0; i < ids.length; i += concurrency) {
        await Promise.all(
          ids.slice(i, i + concurrency).map(async (id) => {
            try {
              await client.workflow.getHandle(kind === 'items' ? rectificationWorkflowId(id) : letterWorkflowId(id)).signal(campaignClosedSignal);
            } catch (err) {
              if (!(err instanceof WorkflowNotFoundError)) throw err; // already finished: nothing to tell
            }
          }),
        );
        Context.current().heartbeat(i);
      }
      return { count: ids.length, last: ids.at(-1) ?? null, done: ids.length < limit };
    },

    async prepareNextCampaign({ at }) {
      return dataSource.transaction(async (m) => {
        const [source]: { id: string; year: number; title: string; calendar: CampaignCalendar; reminder_days_before: number; rectification_rules: unknown; indicator_tree_id: string }[] = await m.query(
          `SELECT id, year, title, calendar, reminder_days_before, rectification_rules, indicator_tree_id FROM campaigns ORDER BY year DESC LIMIT 1`,
        );
        if (!source) return { year: null, draft: null };
        const year = source.year + 1;
        const [existing] = await m.query(`SELECT confirmed_campaign_id, discarded_at FROM campaign_drafts WHERE year = $1`, [year]);
        if (existing) return { year, draft: existing.confirmed_campaign_id ? 'confirmed' : existing.discarded_at ? 'discarded' : 'pending' }; // never overwritten
        const priorities: { code: string; title: string; description: string; department_ids: string[] | null; due_at: Date; evidence_required: boolean }[] = await m.query(
          `SELECT code, title, description, department_ids, due_at, evidence_required FROM work_priorities WHERE campaign_id = $1 ORDER BY due_at, code`,
          [source.id],
        );
        const [template] = await m.query(`SELECT template FROM self_check_templates WHERE campaign_id = $1`, [source.id]);
        const [draw] = await m.query(`SELECT rules FROM draw_configs WHERE campaign_id = $1`, [source.id]);
        const drawRules = draw ? shiftPeriod(draw.rules) : null;
        const standardCode = typeof drawRules?.standardCode === 'string' ? drawRules.standardCode : 'default';
        const [standard] = await m.query(`SELECT code, version, name FROM scoring_standards WHERE code = $1 ORDER BY version DESC LIMIT 1`, [standardCode]);
        const [tree] = await m.query(`SELECT id, code, version, name FROM indicator_trees WHERE id = $1`, [source.indicator_tree_id]);
        const copy: DraftStartingPoints = {
          selfCheckTemplate: template?.template ?? null,
          rectificationRules: source.rectification_rules ?? null,
          drawRules,
          scoringStandard: standard ?? null,
          indicatorTree: tree,
        };
        const body: CampaignDraftBody = {
          launch: nextYearLaunch({
            year: source.year,
            title: source.title,
            calendar: source.calendar,
            reminderDaysBefore: source.reminder_days_before,
            priorities: priorities.map((p) => ({ code: p.code, title: p.title, description: p.description, departmentIds: p.department_ids, dueAt: p.due_at.toISOString(), evidenceRequired: p.evidence_required })),
          }),
          copy,
        };
        const inserted: unknown[] = await m.query(
          `INSERT INTO campaign_drafts (year, source_campaign_id, body, prepared_at) VALUES ($1, $2, $3, $4) ON CONFLICT (year) DO NOTHING RETURNING year`,
          [year, source.id, JSON.stringify(body), at],
        );
        if (inserted.length === 0) return { year, draft: 'pending' }; // written meanwhile by another run
        await recordAudit(m, { actorId: null, action: 'campaign_draft.prepare', targetType: 'campaign_draft', targetId: String(year), at: new Date(at), detail: { year, sourceCampaignId: source.id } });
        return { year, draft: 'pending' };
      });
    },
  };
}

/** Draw rules for next year: the same rules, the period of decision dates a year on; never the seed (a column of its own). */
function shiftPeriod(rules: Record<string, unknown>): DraftStartingPoints['drawRules'] {
  const period = rules.period as { from?: string; to?: string } | undefined;
  if (!period?.from || !period?.to) return { ...rules };
  return { ...rules, period: { from: shiftDate(period.from), to: shiftDate(period.to) } };
}
