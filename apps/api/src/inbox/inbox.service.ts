import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarYearMissingError, shanghaiDate, workingDaysBetween, type OfficialCalendars } from '@rol/domain';
import { loadCalendars } from '@rol/db';
import type { AuthUser } from '../common/auth-user';
import { ownDepartment } from '../common/lookups';
import type { Page } from '../common/paging';
import { INBOX_KIND_LABELS, type InboxItemDto, type InboxKind, type InboxQueryDto } from './inbox.dto';
import { Clock } from '../common/clock';

/**
 * 我的待办 across stages, for the caller's department: open tasks, the self-check while it is the
 * department's to fill in (window open, or returned), issued letters not yet acknowledged (签收), and
 * rectification items waiting for the department (open or returned). Soonest deadline first.
 */
const INBOX = `
  SELECT 'task' AS kind, t.id, t.campaign_id, t.title, '待完成' AS status_label, t.due_at
    FROM tasks t JOIN campaigns c ON c.id = t.campaign_id
   WHERE t.department_id = $1 AND t.status = 'open' AND c.closed_at IS NULL
  UNION ALL
  SELECT 'self_check', c.id, c.id, c.title || ' 自查', CASE WHEN s.status = 'returned' THEN '已退回，待重新报送' ELSE '待报送' END,
         nullif(c.calendar->>'selfCheckClosesAt', '')::timestamptz
    FROM campaign_departments cd JOIN campaigns c ON c.id = cd.campaign_id
    LEFT JOIN self_checks s ON s.campaign_id = cd.campaign_id AND s.department_id = cd.department_id
   WHERE cd.department_id = $1 AND c.closed_at IS NULL
     AND (s.status = 'returned'
          OR (coalesce(s.status, 'draft') = 'draft' AND (c.calendar->>'selfCheckOpensAt')::timestamptz <= now()
              AND (c.calendar->>'selfCheckClosesAt' IS NULL OR (c.calendar->>'selfCheckClosesAt')::timestamptz >= now())))
  UNION ALL
  SELECT 'letter', l.id, l.campaign_id, '监督意见书 ' || l.document_number, '待签收', l.acknowledge_due_at
    FROM opinion_letters l JOIN campaigns c ON c.id = l.campaign_id
   WHERE l.department_id = $1 AND l.status = 'issued' AND c.closed_at IS NULL
  UNION ALL
  SELECT 'rectification', r.id, r.campaign_id, i.problem, CASE WHEN r.status = 'returned' THEN '整改报告被退回' ELSE '待整改' END, r.deadline_at
    FROM rectification_items r JOIN opinion_items i ON i.id = r.id JOIN campaigns c ON c.id = r.campaign_id
   WHERE r.department_id = $1 AND r.status IN ('open', 'returned') AND c.closed_at IS NULL`;

@Injectable()
export class InboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(actor: AuthUser, query: InboxQueryDto): Promise<Page<InboxItemDto>> {
    const departmentId = ownDepartment(actor, '查看待办');
    const filter = `FROM (${INBOX}) x WHERE ($2::text IS NULL OR x.kind = $2)`;
    const [rows, [{ total }], calendars] = await Promise.all([
      this.dataSource.query(`SELECT x.* ${filter} ORDER BY x.due_at ASC NULLS LAST, x.kind, x.id LIMIT $3 OFFSET $4`, [departmentId, query.kind ?? null, query.limit ?? 100, query.offset ?? 0]) as Promise<
        { kind: InboxKind; id: string; campaign_id: string; title: string; status_label: string; due_at: Date | null }[]
      >,
      this.dataSource.query(`SELECT count(*)::int AS total ${filter}`, [departmentId, query.kind ?? null]) as Promise<{ total: number }[]>,
      loadCalendars(this.dataSource.manager),
    ]);
    const now = this.clock.now();
    return {
      total,
      items: rows.map((r) => ({
        kind: r.kind,
        kindLabel: INBOX_KIND_LABELS[r.kind],
        id: r.id,
        campaignId: r.campaign_id,
        title: r.title,
        statusLabel: r.status_label,
        dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
        overdue: r.due_at !== null && new Date(r.due_at).getTime() < now,
        workingDaysLeft: r.due_at ? workingDaysLeft(now, new Date(r.due_at).getTime(), calendars) : null,
        daysLeft: r.due_at ? Math.round((Date.parse(shanghaiDate(new Date(r.due_at).getTime())) - Date.parse(shanghaiDate(now))) / 86_400_000) : null,
      })),
    };
  }
}

/** Working days from today to the deadline's day (negative: working days overdue); null when a year's calendar is missing. */
export function workingDaysLeft(nowMs: number, dueMs: number, calendars: OfficialCalendars): number | null {
  const today = shanghaiDate(nowMs);
  const due = shanghaiDate(dueMs);
  try {
    return due >= today ? workingDaysBetween(today, due, calendars) : -workingDaysBetween(due, today, calendars);
  } catch (err) {
    if (err instanceof CalendarYearMissingError) return null;
    throw err;
  }
}
