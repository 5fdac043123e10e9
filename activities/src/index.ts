export { createActivities, type ActivityDeps } from './cycle.activities';
