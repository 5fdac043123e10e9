/** The raw launch baseline's workflow (scripts/bench/launch.bench.ts): one activity inserting a department's rows. */
import { proxyActivities } from '@temporalio/workflow';

const { insertDepartmentRows } = proxyActivities<{ insertDepartmentRows(department: number): Promise<void> }>({ startToCloseTimeout: '1 minute' });

export async function rawDepartmentWorkflow(department: number): Promise<void> {
  await insertDepartmentRows(department);
}
