import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  ApplicationFailure,
  Client,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type UpdateDefinition,
} from '@temporalio/client';
import { DomainError, ErrorCode } from '@rol/domain';
import { ApiConfig } from '../common/api-config';
import { isTemporalUnavailable } from '../common/unavailable';

const CODES = new Set<string>(Object.values(ErrorCode));
/** How long a request waits for a workflow not started yet (outbox, parent, fan-out: normally well under a second). */
const START_WAIT_MS = 5000;

export interface UpdateOptions {
  /** The answer when the workflow has already finished (a closed campaign, an acknowledged letter…). */
  whenFinished?: () => Error;
  /** The client's Idempotency-Key: the same key with the same action returns the first outcome (Temporal deduplicates by update id). */
  idempotencyKey?: string;
  /**
   * The answer when the Update has not finished within the wait and may still be running (a long step: the
   * draw of a province's catalogue). Without it such a request answers 503 (处理超时).
   */
  whenStillRunning?: () => Promise<unknown>;
}

/**
 * Sends a person's action to its workflow as an Update, waiting at most TEMPORAL_UPDATE_WAIT_MS (10 s), and turns
 * every outcome into an answer:
 * - the workflow's refusal (an ApplicationFailure typed with one of our error codes, thrown by the
 *   Update's validator) becomes that domain error;
 * - a workflow not started yet (its start waits in the outbox, or in its parent) is waited for, a few
 *   seconds, then asked again;
 * - a workflow that has finished answers `whenFinished`; one still missing after the wait, and Temporal
 *   being unreachable, answer 503, so the client retries rather than being told something untrue;
 * - no result in time (the activity is retrying while the database is down) answers 503 too: the
 *   action may have been accepted, and a retry with the same Idempotency-Key returns its outcome;
 * - the step failed past its bounded retries (STEP_FAILED, 503: nothing was changed): a retry with the
 *   same Idempotency-Key is a new attempt. Temporal remembers an Update's outcome by its id, so a
 *   STEP_FAILED answered at once (faster than the step's retries can fail, REMEMBERED_WITHIN_MS) is
 *   that remembered failure: the request moves on to the key's next update id (`…-1`, `…-2`) and
 *   tries again. Only this process's own elapsed time decides, never a comparison of two clocks.
 */
@Injectable()
export class WorkflowUpdates {
  private readonly logger = new Logger(WorkflowUpdates.name);

  private readonly waitMs: number;

  constructor(
    private readonly temporal: Client,
    config: ApiConfig,
  ) {
    this.waitMs = config.value.temporal.updateWaitMs;
  }

  async execute<Ret, Arg>(workflowId: string, update: UpdateDefinition<Ret, [Arg]>, arg: Arg, options: UpdateOptions = {}): Promise<Ret> {
    const handle = this.temporal.workflow.getHandle(workflowId);
    const updateId = options.idempotencyKey ? `${update.name}-${createHash('sha256').update(JSON.stringify([options.idempotencyKey, arg])).digest('hex').slice(0, 40)}` : undefined;
    const started = Date.now();
    let attemptStarted = started;
    for (let generation = 0; ; ) {
      try {
        const id = updateId && generation > 0 ? `${updateId}-${generation}` : updateId;
        attemptStarted = Date.now();
        return await this.temporal.withDeadline(Date.now() + this.waitMs, () => handle.executeUpdate(update, { args: [arg], updateId: id }));
      } catch (err) {
        if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
          if (options.whenStillRunning) return (await options.whenStillRunning()) as Ret;
          throw new DomainError(ErrorCode.WorkflowUnavailable, '处理超时：操作可能已被受理，请稍后刷新查看；用相同的 Idempotency-Key 重试不会重复办理');
        }
        if (updateId && generation < MAX_GENERATIONS && isRememberedStepFailure(err, Date.now() - attemptStarted)) {
          generation++;
          continue;
        }
        if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && CODES.has(err.cause.type ?? '')) {
          throw new DomainError(err.cause.type as ErrorCode, err.cause.message);
        }
        if (!(err instanceof WorkflowNotFoundError)) {
          if (!isTemporalUnavailable(err)) this.logger.warn(`update ${update.name} on ${workflowId} failed: ${String(err)}`);
          throw unreachable();
        }
        // Not found: not started yet (the outbox, a parent or the fan-out is about to start it), just
        // started (between the miss and now), or finished. Only "finished" is an answer; the others wait.
        const state = await this.stateOf(workflowId);
        if (state === 'finished') throw options.whenFinished?.() ?? new DomainError(ErrorCode.CampaignClosed, '本年度工作周期已结束');
        if (Date.now() - started > START_WAIT_MS) throw state === 'unreachable' ? unreachable() : starting();
        if (state !== 'running') await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  private async stateOf(workflowId: string): Promise<'running' | 'finished' | 'missing' | 'unreachable'> {
    try {
      const { status } = await this.temporal.withDeadline(Date.now() + 3000, () => this.temporal.workflow.getHandle(workflowId).describe());
      return status.name === 'RUNNING' ? 'running' : 'finished';
    } catch (err) {
      return err instanceof WorkflowNotFoundError ? 'missing' : 'unreachable';
    }
  }
}

/** How many times one Idempotency-Key may meet a remembered STEP_FAILED before it is answered as it is. */
const MAX_GENERATIONS = 50;

/**
 * A fresh STEP_FAILED takes at least the pauses between the step's attempts (USER_STEP in
 * workflows/src/activity-options.ts: 0.2 + 0.4 + 0.8 + 1.6 = 3 s); one answered faster is Temporal
 * replaying the outcome it remembers for this update id.
 */
const REMEMBERED_WITHIN_MS = 1500;

function isRememberedStepFailure(err: unknown, elapsedMs: number): boolean {
  return err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === ErrorCode.StepFailed && elapsedMs < REMEMBERED_WITHIN_MS;
}

function unreachable(): DomainError {
  return new DomainError(ErrorCode.WorkflowUnavailable, '工作流服务暂时无法访问，请稍后重试');
}

function starting(): DomainError {
  return new DomainError(ErrorCode.WorkflowUnavailable, '相关流程正在启动，请稍后几秒重试');
}
