export * from './entities';
export * from './audit';
export { MIGRATIONS } from './migrations';
export { createDataSource, runMigrations } from './data-source';
export { loadCalendars } from './calendars';
export { enqueueWorkflowStart, workflowStartPending, type OutboxSubject } from './outbox';
export { execute } from './execute';
export { latestIndicatorTreeId } from './indicator-trees';
export { poolRecusals, poolReviewers, type PoolReviewer } from './reviewer-pool';
