import { PendingActivityState, PendingWorkflowTaskState, StuckKind, failingActivities, readableError, stuckReasons, type PendingActivity } from './workflow-health';

const NOW = Date.parse('2026-12-03T10:00:00Z');
const MIN = 60_000;
const activity = (over: Partial<PendingActivity>): PendingActivity => ({
  activityId: '1',
  activityType: 'createDepartmentTasks',
  state: PendingActivityState.Scheduled,
  attempt: 1,
  maximumAttempts: 0,
  scheduledAtMs: NOW - MIN,
  lastStartedAtMs: null,
  lastHeartbeatAtMs: null,
  lastAttemptCompletedAtMs: null,
  nextAttemptAtMs: null,
  lastFailure: null,
  ...over,
});

describe('readableError', () => {
  it('joins the messages of the cause chain without repeating one, never a stack', () => {
    expect(readableError({ message: 'Activity task failed', cause: { message: '部门任务暂停写入', cause: { message: '部门任务暂停写入' } } })).toBe('Activity task failed：部门任务暂停写入');
    expect(readableError({ message: '', applicationFailureInfo: { type: 'QueryFailedError' } })).toBe('QueryFailedError');
    expect(readableError(null)).toBeNull();
  });
});

describe('failingActivities', () => {
  it('lists a pending activity only past N attempts, with its last error', () => {
    const pending = [activity({ attempt: 3 }), activity({ activityId: '2', attempt: 4, lastFailure: { message: '写入被拒绝' }, lastAttemptCompletedAtMs: NOW - 1000, nextAttemptAtMs: NOW + 4000 })];
    expect(failingActivities(pending, 3)).toEqual([{ activityId: '2', activityType: 'createDepartmentTasks', attempt: 4, error: '写入被拒绝', lastFailedAtMs: NOW - 1000, nextAttemptAtMs: NOW + 4000 }]);
  });
});

describe('stuckReasons', () => {
  const T = 5 * MIN;
  it('is empty for a workflow waiting on a timer or a person (nothing pending)', () => {
    expect(stuckReasons(NOW, T, null, [])).toEqual([]);
  });
  it('names a workflow task no worker picked up for longer than T, not a fresh one', () => {
    expect(stuckReasons(NOW, T, { state: PendingWorkflowTaskState.Scheduled, scheduledAtMs: NOW - 6 * MIN, startedAtMs: null, attempt: 1 }, [])).toEqual([{ kind: StuckKind.WorkflowTaskWaiting, activityType: null, sinceMs: NOW - 6 * MIN }]);
    expect(stuckReasons(NOW, T, { state: PendingWorkflowTaskState.Scheduled, scheduledAtMs: NOW - MIN, startedAtMs: null, attempt: 1 }, [])).toEqual([]);
  });
  it('names an activity waiting for a worker past its backoff, not one in its backoff', () => {
    expect(stuckReasons(NOW, T, null, [activity({ scheduledAtMs: NOW - 10 * MIN })])).toMatchObject([{ kind: StuckKind.ActivityWaiting }]);
    expect(stuckReasons(NOW, T, null, [activity({ scheduledAtMs: NOW - 10 * MIN, nextAttemptAtMs: NOW + 1000 })])).toEqual([]);
    expect(stuckReasons(NOW, T, null, [activity({ scheduledAtMs: NOW - 10 * MIN, nextAttemptAtMs: NOW - 6 * MIN })])).toMatchObject([{ kind: StuckKind.ActivityWaiting, sinceMs: NOW - 6 * MIN }]);
  });
  it('names a started attempt without a heartbeat for longer than T; a recent heartbeat is progress', () => {
    expect(stuckReasons(NOW, T, null, [activity({ state: PendingActivityState.Started, lastStartedAtMs: NOW - 10 * MIN })])).toMatchObject([{ kind: StuckKind.ActivityRunning, sinceMs: NOW - 10 * MIN }]);
    expect(stuckReasons(NOW, T, null, [activity({ state: PendingActivityState.Started, lastStartedAtMs: NOW - 10 * MIN, lastHeartbeatAtMs: NOW - MIN })])).toEqual([]);
  });
  it('names a paused activity whatever its age', () => {
    expect(stuckReasons(NOW, T, null, [activity({ state: PendingActivityState.Paused })])).toMatchObject([{ kind: StuckKind.ActivityPaused }]);
  });
});
