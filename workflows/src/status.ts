import { upsertSearchAttributes } from '@temporalio/workflow';
import { StatusKey } from '@rol/contracts';

/** The patch marker of issue 10's operators' view: `Status`, `Failing`, `Phase` kept true (runs started before it upsert none). */
export const OPERATORS_VIEW_PATCH = 'operators-view';

/**
 * Keeps the `Status` search attribute equal to the workflow's status: call it after every change (it
 * upserts only a change). `upsert` false (a run from before OPERATORS_VIEW_PATCH) upserts nothing.
 */
export function statusKeeper(upsert: boolean): (status: string) => void {
  let last: string | undefined;
  return (status) => {
    if (!upsert || status === last) return;
    last = status;
    upsertSearchAttributes([{ key: StatusKey, value: status }]);
  };
}
