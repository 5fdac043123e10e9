export { createActivities, type ActivityDeps } from './task.activities';
