export { createActivities, type ActivityDeps } from './task.activities';
/** For the benchmarks and tests that run one piece on its own (the import's reader-writer, the draw with its batch hook). */
export { importCatalogue } from './case-file-import/catalogue';
export { createReviewActivities } from './review.activities';
