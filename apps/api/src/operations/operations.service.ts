import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowNotFoundError, defaultPayloadConverter, type WorkflowExecutionDescription } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { FailingKey, retryNowSignal, troubleQuery, type WorkflowTrouble } from '@rol/contracts';
import { recordAudit } from '@rol/db';
import { DomainError, ErrorCode, PHASE_LABELS, type Phase, validationFailed } from '@rol/domain';
import { ApiConfig } from '../common/api-config';
import type { AuthUser } from '../common/auth-user';
import {
  EXECUTION_STATUSES,
  EXECUTION_STATUS_LABELS,
  type ActionResultDto,
  type ExecutionStatus,
  type FailingPageDto,
  type ResetActionDto,
  type ScanQueryDto,
  type StageCountDto,
  type StuckPageDto,
  type StuckQueryDto,
  type TroubleDto,
  type WorkerHealthDto,
  type WorkflowFilterDto,
  type WorkflowListQueryDto,
  type WorkflowPageDto,
  type WorkflowRowDto,
} from './operations.dto';
import { STUCK_KIND_LABELS, failingActivities, stuckReasons, type FailureLike, type PendingActivity, type PendingWorkflowTask } from './workflow-health';
import { WORKFLOW_TYPES, activityLabel, summariesFromDatabase, workflowTypeLabel } from './workflow-summaries';

/** Temporal's enum values (temporal.api.enums.v1) used here. */
const TASK_QUEUE_KIND_NORMAL = 1;
const TASK_QUEUE_TYPE = { workflow: 1, activity: 2 } as const;
const RESET_REAPPLY_TYPE_ALL_ELIGIBLE = 3; // signals and updates received after the reset point are applied again
const EVENT_TYPE_WORKFLOW_TASK_COMPLETED = 7;
const GRPC_UNKNOWN = 2;
const GRPC_INVALID_ARGUMENT = 3;
const GRPC_NOT_FOUND = 5;
const GRPC_FAILED_PRECONDITION = 9;
/** How many workflows one scan describes at a time. */
const DESCRIBE_CONCURRENCY = 10;
/** How long one call to Temporal may take before the request answers 503. */
const CALL_MS = 5000;
/** Longer histories are not read for a failing step's start time (the page shows its last failure instead). */
const MAX_HISTORY_READ = 20_000;

type Timestamp = { seconds?: number | { toNumber(): number } | null; nanos?: number | null } | null | undefined;
type Count = number | { toNumber(): number } | null | undefined;
interface RawExecution {
  execution?: { workflowId?: string | null; runId?: string | null } | null;
  type?: { name?: string | null } | null;
  startTime?: Timestamp;
  closeTime?: Timestamp;
  status?: number | null;
  historyLength?: Count;
  taskQueue?: string | null;
  searchAttributes?: { indexedFields?: Record<string, { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }> | null } | null;
}

const num = (v: Count): number => (v === null || v === undefined ? 0 : typeof v === 'number' ? v : v.toNumber());
const msOf = (ts: Timestamp): number | null => (ts && ts.seconds !== null && ts.seconds !== undefined ? num(ts.seconds) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6) : null);
const isoOf = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const statusName = (code: number | null | undefined): ExecutionStatus => EXECUTION_STATUSES[(code ?? 1) - 1] ?? 'Running';
const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  }));
  return out;
}

function isJsonObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null;
  } catch {
    return false;
  }
}

const grpcCode = (err: unknown): number | undefined => {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, hops = 0; e && hops < 4; e = e.cause as typeof e, hops++) if (typeof e.code === 'number') return e.code;
  return undefined;
};

interface Inspected {
  row: RawExecution;
  description: WorkflowExecutionDescription;
  pending: PendingActivity[];
  workflowTask: PendingWorkflowTask | null;
}

const ACTIONS = { retry: '立即重试', cancel: '取消', terminate: '终止', reset: '重置' } as const;
export type OperatorAction = keyof typeof ACTIONS;

/**
 * The operators' console (运行监控): what Temporal's visibility and DescribeWorkflowExecution say about
 * this deployment's workflows (its task queue only), with human summaries from the database, and the
 * operators' actions on them, each audited once with its reason.
 */
@Injectable()
export class OperationsService {
  private readonly logger = new Logger(OperationsService.name);

  constructor(
    private readonly temporal: Client,
    private readonly config: ApiConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private get namespace() {
    return this.config.value.temporal.namespace;
  }
  private get taskQueue() {
    return this.config.value.temporal.taskQueue;
  }

  /** The visibility query of the filters, always limited to this deployment's task queue. */
  private query(f: WorkflowFilterDto & { failing?: boolean }, ...extra: string[]): string {
    const parts = [`TaskQueue = ${quote(this.taskQueue)}`];
    if (f.campaignId) parts.push(`CampaignId = ${quote(f.campaignId)}`);
    if (f.year !== undefined) parts.push(`CampaignYear = ${f.year}`);
    if (f.phase) parts.push(`Phase = ${quote(f.phase)}`);
    if (f.departmentId) parts.push(`DepartmentId = ${quote(f.departmentId)}`);
    if (f.executionStatus) parts.push(`ExecutionStatus = ${quote(f.executionStatus)}`);
    // `Status` is a keyword of Temporal's SQL-like query parser: unquoted it is refused ("invalid search attribute: status").
    if (f.status) parts.push(`\`Status\` = ${quote(f.status)}`);
    if (f.workflowType) parts.push(`WorkflowType = ${quote(f.workflowType)}`);
    if (f.failing !== undefined) parts.push(f.failing ? 'Failing = true' : '(Failing = false OR Failing IS NULL)');
    return [...parts, ...extra].join(' AND ');
  }

  private async listRaw(query: string, pageSize: number, pageToken?: string): Promise<{ executions: RawExecution[]; nextPageToken: string | null }> {
    const badToken = () => validationFailed([{ field: 'pageToken', code: 'BAD_FORMAT', message: 'pageToken 无效或已过期：请从第一页重新查询' }]);
    // Visibility's page tokens are JSON (SQL and Elasticsearch stores alike): anything else is refused here,
    // since Temporal answers an unreadable one UNKNOWN, which the client retries until its deadline.
    if (pageToken && !isJsonObject(Buffer.from(pageToken, 'base64url').toString('utf8'))) throw badToken();
    try {
      const res = await this.temporal.withDeadline(Date.now() + CALL_MS, () =>
        this.temporal.workflowService.listWorkflowExecutions({ namespace: this.namespace, query, pageSize, nextPageToken: pageToken ? Buffer.from(pageToken, 'base64url') : undefined }),
      );
      const token = res.nextPageToken && res.nextPageToken.length > 0 ? Buffer.from(res.nextPageToken).toString('base64url') : null;
      return { executions: (res.executions ?? []) as RawExecution[], nextPageToken: token };
    } catch (err) {
      // A token Temporal cannot read is answered INVALID_ARGUMENT, or UNKNOWN by the SQLite visibility of the dev server.
      if (pageToken && [GRPC_INVALID_ARGUMENT, GRPC_UNKNOWN].includes(grpcCode(err) ?? 0)) throw badToken();
      throw err;
    }
  }

  private searchAttribute(row: RawExecution, name: string): unknown {
    const payload = row.searchAttributes?.indexedFields?.[name];
    if (!payload) return undefined;
    try {
      const value = defaultPayloadConverter.fromPayload(payload);
      return Array.isArray(value) ? value[0] : value;
    } catch {
      return undefined;
    }
  }

  private uiUrl(workflowId: string, runId: string): string | null {
    const base = this.config.value.operations.temporalUiUrl;
    return base ? `${base}/namespaces/${encodeURIComponent(this.namespace)}/workflows/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}/history` : null;
  }

  private toRow(row: RawExecution, summaries: Map<string, string>, staticSummary?: string): WorkflowRowDto {
    const workflowId = row.execution?.workflowId ?? '';
    const runId = row.execution?.runId ?? '';
    const type = row.type?.name ?? '';
    const status = statusName(row.status);
    const phase = (this.searchAttribute(row, 'Phase') as string | undefined) ?? null;
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return {
      workflowId,
      runId,
      workflowType: type,
      workflowTypeLabel: workflowTypeLabel(type),
      summary: staticSummary || summaries.get(workflowId) || null,
      executionStatus: status,
      executionStatusLabel: EXECUTION_STATUS_LABELS[status],
      phase,
      phaseLabel: phase ? (PHASE_LABELS[phase as Phase] ?? phase) : null,
      status: text(this.searchAttribute(row, 'Status')),
      failing: this.searchAttribute(row, 'Failing') === true,
      startedAt: isoOf(msOf(row.startTime)) ?? new Date(0).toISOString(),
      closedAt: isoOf(msOf(row.closeTime)),
      historyLength: num(row.historyLength),
      campaignId: text(this.searchAttribute(row, 'CampaignId')),
      departmentId: text(this.searchAttribute(row, 'DepartmentId')),
      temporalUiUrl: this.uiUrl(workflowId, runId),
    };
  }

  async list(q: WorkflowListQueryDto): Promise<WorkflowPageDto> {
    const page = await this.listRaw(this.query(q), q.pageSize ?? 50, q.pageToken);
    const summaries = await summariesFromDatabase(this.dataSource, page.executions.map((e) => e.execution?.workflowId ?? ''));
    return { items: page.executions.map((e) => this.toRow(e, summaries)), nextPageToken: page.nextPageToken };
  }

  /** One page of running workflows, each described (pending activities, pending workflow task); those closed meanwhile are left out. */
  private async scan(q: ScanQueryDto, first: RawExecution[] = []): Promise<{ inspected: Inspected[]; scanned: number; nextPageToken: string | null }> {
    const page = await this.listRaw(this.query(q, `ExecutionStatus = 'Running'`), q.pageSize ?? 100, q.pageToken);
    const seen = new Set<string>();
    const rows = [...first, ...page.executions].filter((e) => {
      const id = e.execution?.workflowId ?? '';
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    const inspected = await mapLimit(rows, DESCRIBE_CONCURRENCY, async (row) => {
      try {
        const description = await this.temporal.withDeadline(Date.now() + CALL_MS, () => this.temporal.workflow.getHandle(row.execution!.workflowId!, row.execution!.runId!).describe());
        return inspectedOf(row, description);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return null;
        throw err;
      }
    });
    return { inspected: inspected.filter((i): i is Inspected => i !== null && i.description.status.name === 'RUNNING'), scanned: rows.length, nextPageToken: page.nextPageToken };
  }

  /** What the workflow says about its trouble (`troubleQuery`); a workflow without the handler, or one that does not answer, has none. */
  private async troubleOf(workflowId: string, runId: string): Promise<WorkflowTrouble | null> {
    try {
      return await this.temporal.withDeadline(Date.now() + 3000, () => this.temporal.workflow.getHandle(workflowId, runId).query(troubleQuery));
    } catch {
      return null;
    }
  }

  async failing(q: ScanQueryDto): Promise<FailingPageDto> {
    const afterAttempts = this.config.value.operations.failingAfterAttempts;
    // Those that flag themselves come first (on the first page), whatever their place in the running list.
    const flagged = q.pageToken ? [] : (await this.listRaw(this.query({ ...q, failing: true }, `ExecutionStatus = 'Running'`), 200)).executions;
    const { inspected, scanned, nextPageToken } = await this.scan(q, flagged);
    const found = await mapLimit(inspected, DESCRIBE_CONCURRENCY, async (i) => {
      const troubles: TroubleDto[] = [];
      if (this.searchAttribute(i.row, 'Failing') === true) {
        const t = await this.troubleOf(i.description.workflowId, i.description.runId);
        if (t) troubles.push({ source: 'workflow', activityType: t.activity, activityLabel: activityLabel(t.activity), activityId: null, attempts: t.attempts, error: t.error, since: isoOf(t.sinceMs), lastFailedAt: isoOf(t.sinceMs), nextAttemptAt: null });
      }
      const stillRetrying = failingActivities(i.pending, afterAttempts);
      // Temporal moves a pending activity's scheduled time to each new attempt; when it first began is its ActivityTaskScheduled event.
      const began = stillRetrying.length ? await this.scheduledTimes(i.description) : new Map<string, number>();
      for (const a of stillRetrying) {
        troubles.push({ source: 'pending_activity', activityType: a.activityType, activityLabel: activityLabel(a.activityType), activityId: a.activityId, attempts: a.attempt, error: a.error, since: isoOf(began.get(a.activityId) ?? null), lastFailedAt: isoOf(a.lastFailedAtMs), nextAttemptAt: isoOf(a.nextAttemptAtMs) });
      }
      if (troubles.length === 0 && this.searchAttribute(i.row, 'Failing') === true) {
        troubles.push({ source: 'workflow', activityType: '', activityLabel: '（未能读取失败的步骤）', activityId: null, attempts: 0, error: '流程标记为故障，但未能读取详情', since: null, lastFailedAt: null, nextAttemptAt: null });
      }
      return troubles.length ? { i, troubles } : null;
    });
    const hits = found.filter((f): f is NonNullable<typeof f> => f !== null);
    const summaries = await summariesFromDatabase(this.dataSource, hits.map((h) => h.i.description.workflowId));
    const items = await Promise.all(hits.map(async (h) => ({ ...this.toRow(h.i.row, summaries, await staticSummaryOf(h.i.description)), troubles: h.troubles })));
    return { items, scanned, afterAttempts, nextPageToken };
  }

  /** activity id → when it was scheduled (its ActivityTaskScheduled event), from the run's history; none for a very long history. */
  private async scheduledTimes(d: WorkflowExecutionDescription): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (d.historyLength > MAX_HISTORY_READ) return out;
    try {
      const history = await this.temporal.withDeadline(Date.now() + CALL_MS, () => this.temporal.workflow.getHandle(d.workflowId, d.runId).fetchHistory());
      for (const e of history.events ?? []) {
        const id = e.activityTaskScheduledEventAttributes?.activityId;
        const at = msOf(e.eventTime as Timestamp);
        if (id && at !== null) out.set(id, at);
      }
    } catch (err) {
      this.logger.warn(`history of ${d.workflowId} not read: ${String(err)}`);
    }
    return out;
  }

  async stuck(q: StuckQueryDto): Promise<StuckPageDto> {
    const afterSeconds = q.afterSeconds ?? this.config.value.operations.stuckAfterSeconds;
    const { inspected, scanned, nextPageToken } = await this.scan(q);
    const now = Date.now();
    const hits = inspected.map((i) => ({ i, reasons: stuckReasons(now, afterSeconds * 1000, i.workflowTask, i.pending) })).filter((h) => h.reasons.length > 0);
    const summaries = await summariesFromDatabase(this.dataSource, hits.map((h) => h.i.description.workflowId));
    const items = await Promise.all(
      hits.map(async (h) => ({
        ...this.toRow(h.i.row, summaries, await staticSummaryOf(h.i.description)),
        reasons: h.reasons.map((r) => ({ kind: r.kind, kindLabel: STUCK_KIND_LABELS[r.kind], activityType: r.activityType, activityLabel: r.activityType ? activityLabel(r.activityType) : null, since: new Date(r.sinceMs).toISOString() })),
      })),
    );
    return { items, scanned, afterSeconds, nextPageToken };
  }

  /** Counts by ExecutionStatus (one grouped count per query), per workflow type and per phase; rows with nothing are left out. */
  async counts(q: WorkflowFilterDto): Promise<StageCountDto[]> {
    const byStatus = (query: string) => this.countByStatus(query);
    const types = q.workflowType ? [q.workflowType] : WORKFLOW_TYPES;
    const phases = q.phase ? [q.phase] : (Object.keys(PHASE_LABELS) as Phase[]);
    const rows = await mapLimit(types, 3, async (type) => {
      const filters = { ...q, workflowType: type, executionStatus: undefined };
      const total = await byStatus(this.query({ ...filters, phase: undefined }));
      if (sum(total) === 0) return [];
      const perPhase = await mapLimit(phases, 4, async (phase) => ({ phase, counts: await byStatus(this.query({ ...filters, phase })) }));
      const out = perPhase.filter((p) => sum(p.counts) > 0).map((p) => countRow(type, p.phase, p.counts));
      if (!q.phase) {
        const rest: Record<string, number> = { ...total };
        for (const p of perPhase) for (const [k, v] of Object.entries(p.counts)) rest[k] = (rest[k] ?? 0) - v;
        if (sum(rest) > 0) out.push(countRow(type, null, rest));
      }
      return out;
    });
    return rows.flat();
  }

  /** `GROUP BY ExecutionStatus` (Temporal ≥ 1.22's SQL and Elasticsearch visibility); a server without it gets one count per status. */
  private async countByStatus(query: string): Promise<Record<string, number>> {
    try {
      const res = await this.temporal.withDeadline(Date.now() + CALL_MS, () => this.temporal.workflow.count(`${query} GROUP BY ExecutionStatus`));
      return Object.fromEntries(res.groups.map((g) => [String(g.groupValues[0]), g.count]));
    } catch (err) {
      if (grpcCode(err) !== GRPC_INVALID_ARGUMENT) throw err;
      const counts = await Promise.all(EXECUTION_STATUSES.map(async (s) => [s, (await this.temporal.workflow.count(`${query} AND ExecutionStatus = '${s}'`)).count] as const));
      return Object.fromEntries(counts);
    }
  }

  /**
   * Workers and queues (DescribeTaskQueue with reportStats, per queue type): who polls and when it last
   * did, the backlog and its age. Schedule-to-start latency is read from the backlog age: how long the
   * oldest task not yet picked up has waited, i.e. the schedule-to-start latency a task gets right now
   * (0 while workers keep up; the stuck scan shows which workflows wait, from their pending activities).
   */
  async workers(): Promise<WorkerHealthDto> {
    const queues = await Promise.all(
      (['workflow', 'activity'] as const).map(async (kind) => {
        const res = await this.temporal.withDeadline(Date.now() + CALL_MS, () =>
          this.temporal.workflowService.describeTaskQueue({ namespace: this.namespace, taskQueue: { name: this.taskQueue, kind: TASK_QUEUE_KIND_NORMAL }, taskQueueType: TASK_QUEUE_TYPE[kind], reportStats: true }),
        );
        const age = res.stats?.approximateBacklogAge;
        return {
          kind,
          kindLabel: kind === 'workflow' ? '流程任务' : '步骤（活动）任务',
          taskQueue: this.taskQueue,
          pollers: (res.pollers ?? []).map((p) => ({ identity: p.identity ?? '', lastAccessAt: isoOf(msOf(p.lastAccessTime as Timestamp)) })),
          backlogCount: num(res.stats?.approximateBacklogCount as Count),
          backlogAgeSeconds: age ? Math.round(((msOf(age as Timestamp) ?? 0) / 1000) * 10) / 10 : 0,
          addRate: Math.round((res.stats?.tasksAddRate ?? 0) * 100) / 100,
          dispatchRate: Math.round((res.stats?.tasksDispatchRate ?? 0) * 100) / 100,
        };
      }),
    );
    return { queues, checkedAt: new Date().toISOString() };
  }

  /** The workflow of this deployment, or 404 (another deployment's workflow on a shared server is not ours to touch). */
  private async describeOurs(workflowId: string): Promise<WorkflowExecutionDescription> {
    try {
      const d = await this.temporal.withDeadline(Date.now() + CALL_MS, () => this.temporal.workflow.getHandle(workflowId).describe());
      if (d.taskQueue === this.taskQueue) return d;
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError) && grpcCode(err) !== GRPC_INVALID_ARGUMENT) throw err;
    }
    throw new DomainError(ErrorCode.WorkflowNotFound, `没有找到流程“${workflowId.length > 80 ? `${workflowId.slice(0, 80)}…` : workflowId}”：请刷新列表后重试`);
  }

  /**
   * An operator's action on a workflow, audited exactly once with its reason. With an Idempotency-Key,
   * a repeated request (a double click, a retry after a lost answer) finds the first one's audit row
   * and answers with its outcome instead of acting again; concurrent repeats wait on an advisory lock.
   * The Temporal call is made inside the transaction that writes the audit row, so a refused or failed
   * call writes nothing.
   */
  async act(actor: AuthUser, workflowId: string, action: OperatorAction, body: ResetActionDto, idempotencyKey?: string): Promise<ActionResultDto> {
    const auditAction = `workflow.${action}`;
    return this.dataSource.transaction(async (m) => {
      if (idempotencyKey) {
        await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${auditAction}:${workflowId}:${idempotencyKey}`]);
        const [done]: { detail: { outcome?: string; newRunId?: string; runId?: string } }[] = await m.query(
          `SELECT detail FROM audit_log WHERE target_type = 'workflow' AND target_id = $1 AND action = $2 AND actor_id = $3 AND detail->>'idempotencyKey' = $4 LIMIT 1`,
          [workflowId, auditAction, actor.id, idempotencyKey],
        );
        if (done) return { action, message: done.detail.outcome ?? `已${ACTIONS[action]}`, workflowId, runId: done.detail.newRunId ?? done.detail.runId ?? '', repeated: true };
      }
      const d = await this.describeOurs(workflowId);
      const outcome = await this.perform(actor, d, action, body, idempotencyKey).catch((err: unknown) => {
        throw refusedByTemporal(err) ?? err;
      });
      await this.audit(m, actor, auditAction, d, { reason: body.reason.trim(), ...outcome.detail, outcome: outcome.message, ...(idempotencyKey ? { idempotencyKey } : {}) });
      return { action, message: outcome.message, workflowId, runId: outcome.runId, repeated: false };
    });
  }

  private audit(m: EntityManager, actor: AuthUser, action: string, d: WorkflowExecutionDescription, detail: Record<string, unknown>) {
    return recordAudit(m, { actorId: actor.id, action, targetType: 'workflow', targetId: d.workflowId, detail: { workflowType: d.type, runId: d.runId, ...detail } });
  }

  private async perform(actor: AuthUser, d: WorkflowExecutionDescription, action: OperatorAction, body: ResetActionDto, idempotencyKey?: string): Promise<{ message: string; runId: string; detail: Record<string, unknown> }> {
    const running = d.status.name === 'RUNNING';
    const notRunning = () => new DomainError(ErrorCode.OperationNotAllowed, `该流程已${EXECUTION_STATUS_LABELS[statusName(d.status.code)]}，不能${ACTIONS[action]}；请刷新列表`);
    const handle = this.temporal.workflow.getHandle(d.workflowId, d.runId);
    const reason = body.reason.trim();
    switch (action) {
      case 'retry': {
        if (!running) throw notRunning();
        // The workflow gave up on a step and waits for the operator: tell it (it re-runs the step).
        const flagged = d.typedSearchAttributes.get(FailingKey) === true;
        const trouble = flagged ? await this.troubleOf(d.workflowId, d.runId) : null;
        if (trouble?.awaitsPerson) {
          await handle.signal(retryNowSignal, { actorId: actor.id, reason });
          return { message: `已清除故障标记：失败的“${activityLabel(trouble.activity)}”是办理人的提交，须由办理人重新提交`, runId: d.runId, detail: { via: 'signal', activity: trouble.activity, attempt: trouble.attempts, awaitsPerson: true } };
        }
        if (trouble) {
          await handle.signal(retryNowSignal, { actorId: actor.id, reason });
          return { message: `已通知流程立即重试“${activityLabel(trouble.activity)}”`, runId: d.runId, detail: { via: 'signal', activity: trouble.activity, attempt: trouble.attempts } };
        }
        // Temporal is still retrying it (backing off between attempts): start the next attempt now, attempts counted afresh.
        const pending = (d.raw.pendingActivities ?? []).filter((a) => (a.attempt ?? 0) > 1 || a.lastFailure);
        if (pending.length === 0) throw new DomainError(ErrorCode.OperationNotAllowed, '该流程没有失败待重试的步骤，无需立即重试');
        for (const a of pending) {
          await this.temporal.withDeadline(Date.now() + CALL_MS, () =>
            this.temporal.workflowService.resetActivity({ namespace: this.namespace, execution: { workflowId: d.workflowId, runId: d.runId }, identity: `operator:${actor.username}`, id: a.activityId }),
          );
        }
        const names = [...new Set(pending.map((a) => activityLabel(a.activityType?.name ?? '')))].join('、');
        return { message: `已立即重试“${names}”`, runId: d.runId, detail: { via: 'reset_activity', activity: names, attempt: Math.max(...pending.map((a) => a.attempt ?? 0)) } };
      }
      case 'cancel':
        if (!running) throw notRunning();
        await handle.cancel();
        return { message: '已请求取消：流程收到取消请求后结束', runId: d.runId, detail: {} };
      case 'terminate':
        if (!running) throw notRunning();
        await handle.terminate(`${reason}（操作人：${actor.username}）`);
        return { message: '已终止流程', runId: d.runId, detail: {} };
      case 'reset':
        return this.reset(actor, d, body, idempotencyKey);
    }
  }

  /**
   * Reset: a new run replays the history up to a completed workflow task and continues from there
   * (signals and updates received later are applied again; activities after the point run again, which
   * is safe because every activity is idempotent). Allowed for a running workflow and for one that
   * failed, was cancelled, terminated or timed out; refused for a completed one (its work is done and
   * the business pages reopen it), and to any point other than a completed workflow task.
   */
  private async reset(actor: AuthUser, d: WorkflowExecutionDescription, body: ResetActionDto, idempotencyKey?: string) {
    const status = statusName(d.status.code);
    if (status === 'Completed' || status === 'ContinuedAsNew') {
      throw new DomainError(ErrorCode.OperationNotAllowed, `该流程${EXECUTION_STATUS_LABELS[status]}，其工作已结束，不能重置；如需重新办理，请在相应业务页面操作（如整改事项的“回头看”）`);
    }
    const history = await this.temporal.withDeadline(Date.now() + CALL_MS, () => this.temporal.workflow.getHandle(d.workflowId, d.runId).fetchHistory());
    const points = (history.events ?? []).filter((e) => e.eventType === EVENT_TYPE_WORKFLOW_TASK_COMPLETED).map((e) => num(e.eventId as Count));
    if (points.length === 0) throw new DomainError(ErrorCode.OperationNotAllowed, '该流程还没有完成过任何流程任务，没有可以重置到的位置');
    const eventId = body.eventId ?? points[points.length - 1];
    if (!points.includes(eventId)) throw new DomainError(ErrorCode.OperationNotAllowed, `只能重置到“流程任务完成”事件（可选：${points.slice(-10).join('、')}），事件 ${eventId} 不是`);
    const res = await this.temporal.withDeadline(Date.now() + CALL_MS, () =>
      this.temporal.workflowService.resetWorkflowExecution({
        namespace: this.namespace,
        workflowExecution: { workflowId: d.workflowId, runId: d.runId },
        reason: `${body.reason.trim()}（操作人：${actor.username}）`,
        workflowTaskFinishEventId: eventId as never, // a Long field: protobufjs encodes a plain number
        requestId: idempotencyKey ?? randomUUID(),
        resetReapplyType: RESET_REAPPLY_TYPE_ALL_ELIGIBLE,
        identity: `operator:${actor.username}`,
      }),
    );
    return { message: `已重置到事件 ${eventId}，流程以新的运行继续`, runId: res.runId ?? '', detail: { eventId, newRunId: res.runId ?? '' } };
  }
}

/**
 * Temporal refusing an action because the workflow changed since the page was read (it closed, the
 * activity finished, the reset point is no longer valid): a 409 the operator can act on, never a 500.
 */
function refusedByTemporal(err: unknown): DomainError | undefined {
  if (err instanceof DomainError) return undefined;
  const code = grpcCode(err);
  if (err instanceof WorkflowNotFoundError || code === GRPC_NOT_FOUND || code === GRPC_FAILED_PRECONDITION || code === GRPC_INVALID_ARGUMENT) {
    const detail = err instanceof Error ? err.message.slice(0, 200) : '';
    return new DomainError(ErrorCode.OperationNotAllowed, `Temporal 未执行此操作（流程状态已变化${detail ? `：${detail}` : ''}），请刷新列表后重试`);
  }
  return undefined;
}

function inspectedOf(row: RawExecution, description: WorkflowExecutionDescription): Inspected {
  const raw = description.raw;
  const pending: PendingActivity[] = (raw.pendingActivities ?? []).map((a) => ({
    activityId: a.activityId ?? '',
    activityType: a.activityType?.name ?? '',
    state: a.state ?? 0,
    attempt: a.attempt ?? 0,
    maximumAttempts: a.maximumAttempts ?? 0,
    scheduledAtMs: msOf(a.scheduledTime as Timestamp),
    lastStartedAtMs: msOf(a.lastStartedTime as Timestamp),
    lastHeartbeatAtMs: msOf(a.lastHeartbeatTime as Timestamp),
    lastAttemptCompletedAtMs: msOf(a.lastAttemptCompleteTime as Timestamp),
    nextAttemptAtMs: msOf(a.nextAttemptScheduleTime as Timestamp),
    lastFailure: (a.lastFailure ?? null) as FailureLike | null,
  }));
  const wt = raw.pendingWorkflowTask;
  const workflowTask: PendingWorkflowTask | null = wt ? { state: wt.state ?? 0, scheduledAtMs: msOf(wt.scheduledTime as Timestamp), startedAtMs: msOf(wt.startedTime as Timestamp), attempt: wt.attempt ?? 0 } : null;
  return { row, description, pending, workflowTask };
}

async function staticSummaryOf(d: WorkflowExecutionDescription): Promise<string | undefined> {
  try {
    return (await d.staticSummary()) || undefined;
  } catch {
    return undefined;
  }
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

function countRow(type: string, phase: Phase | null, counts: Record<string, number>): StageCountDto {
  const c = (s: ExecutionStatus) => Math.max(0, counts[s] ?? 0);
  return {
    workflowType: type,
    workflowTypeLabel: workflowTypeLabel(type),
    phase,
    phaseLabel: phase ? PHASE_LABELS[phase] : '未标阶段',
    running: c('Running'),
    completed: c('Completed'),
    failed: c('Failed'),
    canceled: c('Canceled'),
    terminated: c('Terminated'),
    other: c('TimedOut') + c('ContinuedAsNew'),
  };
}
