import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { ApiConfig } from '../common/api-config';
import { Clock } from '../common/clock';
import { MetricsRegistry } from './metrics.registry';

/** A scrape within this long of the last query reads its results again instead of querying. */
export const DOMAIN_CACHE_MS = 15_000;
/** How long the count of failing workflows may take before the scrape goes on without it. */
const TEMPORAL_CALL_MS = 3000;

export const STAGES = ['tasks', 'self_checks', 'reviews', 'rectification_items'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * Open and overdue items per stage, "now" being the app's Clock ($1):
 * - tasks: open tasks of campaigns not closed; overdue as the campaign page counts them (countTasksSql):
 *   marked by the department workflow's durable timer (overdue_at);
 * - self_checks: a department's self-check of a campaign not closed, from the day its window opens until
 *   it is accepted (draft, submitted, returned); overdue: still a draft after the window closed;
 * - reviews: active review assignments of campaigns not closed without a submitted review; overdue: after
 *   the review window closed;
 * - rectification_items: open, submitted or returned (whatever the campaign: items carry over the year);
 *   overdue past their deadline.
 */
export const OPEN_ITEMS_SQL = `
  SELECT 'tasks' AS stage, count(*)::int AS open, count(*) FILTER (WHERE t.overdue_at IS NOT NULL)::int AS overdue
    FROM tasks t JOIN campaigns c ON c.id = t.campaign_id
   WHERE t.status = 'open' AND c.closed_at IS NULL
  UNION ALL
  SELECT 'self_checks', count(*)::int,
         count(*) FILTER (WHERE coalesce(s.status, 'draft') = 'draft' AND nullif(c.calendar->>'selfCheckClosesAt', '')::timestamptz < $1)::int
    FROM campaign_departments cd JOIN campaigns c ON c.id = cd.campaign_id
    LEFT JOIN self_checks s ON s.campaign_id = cd.campaign_id AND s.department_id = cd.department_id
   WHERE c.closed_at IS NULL AND coalesce(s.status, 'draft') IN ('draft', 'submitted', 'returned')
     AND nullif(c.calendar->>'selfCheckOpensAt', '')::timestamptz <= $1
  UNION ALL
  SELECT 'reviews', count(*)::int, count(*) FILTER (WHERE nullif(c.calendar->>'reviewClosesAt', '')::timestamptz < $1)::int
    FROM review_assignments a JOIN campaigns c ON c.id = a.campaign_id
    LEFT JOIN reviews r ON r.assignment_id = a.id
   WHERE a.active AND c.closed_at IS NULL AND (r.id IS NULL OR r.status <> 'submitted')
  UNION ALL
  SELECT 'rectification_items', count(*)::int, count(*) FILTER (WHERE deadline_at < $1)::int
    FROM rectification_items WHERE status IN ('open', 'submitted', 'returned')`;

interface Snapshot {
  items: Map<Stage, { open: number; overdue: number }> | null;
  failingWorkflows: number | null;
}

/**
 * The domain's gauges, computed when Prometheus scrapes (prom-client's collect()), from queries cached
 * for DOMAIN_CACHE_MS so frequent scrapes stay cheap. A query that fails does not fail the scrape: it is
 * logged, counted in supervision_metrics_collect_errors_total{source}, and the gauge keeps its last value.
 */
@Injectable()
export class DomainMetrics {
  private readonly logger = new Logger(DomainMetrics.name);
  private readonly errors: Counter<'source'>;
  private last: Snapshot = { items: null, failingWorkflows: null };
  private fetchedAt = -Infinity;
  private pending: Promise<Snapshot> | null = null;

  constructor(
    metrics: MetricsRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly config: ApiConfig,
    private readonly clock: Clock,
  ) {
    const registers = [metrics.registry];
    const snapshot = () => this.snapshot();
    this.errors = new Counter({ name: 'supervision_metrics_collect_errors_total', help: '计算业务指标时查询失败的次数（source：database / temporal）', labelNames: ['source'] as const, registers });
    for (const source of ['database', 'temporal']) this.errors.inc({ source }, 0);
    new Gauge({
      name: 'supervision_open_items',
      help: '未办结事项数，按环节（stage：tasks / self_checks / reviews / rectification_items）',
      labelNames: ['stage'] as const,
      registers,
      async collect() {
        const { items } = await snapshot();
        for (const [stage, v] of items ?? []) this.set({ stage }, v.open);
      },
    });
    new Gauge({
      name: 'supervision_overdue_items',
      help: '已逾期未办结事项数，按环节',
      labelNames: ['stage'] as const,
      registers,
      async collect() {
        const { items } = await snapshot();
        for (const [stage, v] of items ?? []) this.set({ stage }, v.overdue);
      },
    });
    new Gauge({
      name: 'supervision_failing_workflows',
      help: '自报故障（Failing = true）的运行中流程数（本部署的任务队列）',
      registers,
      async collect() {
        const { failingWorkflows } = await snapshot();
        if (failingWorkflows !== null) this.set(failingWorkflows);
      },
    });
  }

  /** The cached results, or new ones once DOMAIN_CACHE_MS has passed (one query at a time, shared by concurrent scrapes). */
  snapshot(): Promise<Snapshot> {
    if (Date.now() - this.fetchedAt < DOMAIN_CACHE_MS) return Promise.resolve(this.last);
    this.pending ??= this.refresh().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async refresh(): Promise<Snapshot> {
    const [items, failingWorkflows] = await Promise.all([
      this.attempt('database', () => this.openItems()),
      this.attempt('temporal', () => this.countFailing()),
    ]);
    this.last = { items: items ?? this.last.items, failingWorkflows: failingWorkflows ?? this.last.failingWorkflows };
    this.fetchedAt = Date.now();
    return this.last;
  }

  private async attempt<T>(source: 'database' | 'temporal', query: () => Promise<T>): Promise<T | null> {
    try {
      return await query();
    } catch (err) {
      this.errors.inc({ source });
      this.logger.warn(`metrics: the ${source} query failed, the last values stay: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  }

  private async openItems(): Promise<Map<Stage, { open: number; overdue: number }>> {
    const rows: { stage: Stage; open: number; overdue: number }[] = await this.dataSource.query(OPEN_ITEMS_SQL, [new Date(this.clock.now())]);
    return new Map(rows.map((r) => [r.stage, { open: r.open, overdue: r.overdue }]));
  }

  /** The operators' console's self-flagged failing workflows (`Failing = true`, running, this task queue): one visibility count. */
  private async countFailing(): Promise<number> {
    const taskQueue = this.config.value.temporal.taskQueue.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
    const query = `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running' AND Failing = true`;
    const { count } = await this.temporal.withDeadline(Date.now() + TEMPORAL_CALL_MS, () => this.temporal.workflow.count(query));
    return count;
  }
}
