export { createWorker, bundleWorkflows, WORKFLOWS_PATH, type WorkerDeps } from './worker';
export { createOutboxDispatcher } from './outbox-dispatcher';
export { ensurePrepareNextCampaignSchedule } from './schedules';
export { ACTIVITY_INTERCEPTORS, domainErrorInterceptor } from './domain-errors';
export { createLogger, logFunction, temporalLogger, requestIdActivityInterceptor, type Logger } from './logging';
