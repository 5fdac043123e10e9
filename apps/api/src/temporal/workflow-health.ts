import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { FailingKey } from '@rol/contracts';

/** How long an item's page waits to learn whether its workflow is in trouble before it says nothing. */
const LOOKUP_MS = 2000;

/**
 * Whether an item's workflow flags itself in trouble (`Failing` = true: a step failed past its retries
 * and waits for its automatic re-attempt or the operator), so the item's page can say so. Unknown (no
 * such workflow, Temporal unreachable or slow) answers false: the page then shows what the database says.
 */
@Injectable()
export class WorkflowHealth {
  constructor(private readonly temporal: Client) {}

  async isFailing(workflowId: string): Promise<boolean> {
    try {
      const d = await this.temporal.withDeadline(Date.now() + LOOKUP_MS, () => this.temporal.workflow.getHandle(workflowId).describe());
      return d.status.name === 'RUNNING' && d.typedSearchAttributes.get(FailingKey) === true;
    } catch {
      return false;
    }
  }
}
