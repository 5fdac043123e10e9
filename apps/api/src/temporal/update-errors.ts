import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DomainError, ErrorCode } from '@rol/domain';

const CODES = new Set<string>(Object.values(ErrorCode));

/**
 * Sends an Update and turns a workflow's refusal (an ApplicationFailure whose type is one of our
 * error codes, thrown by the Update's validator) into the same domain error the API would raise.
 */
export async function sendUpdate<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && CODES.has(err.cause.type ?? '')) {
      throw new DomainError(err.cause.type as ErrorCode, err.cause.message);
    }
    if (err instanceof WorkflowNotFoundError) throw new DomainError(ErrorCode.CampaignClosed, '本年度工作周期已结束');
    throw new DomainError(ErrorCode.WorkflowUnavailable, '工作流服务暂不可用，请稍后重试');
  }
}
