import { Foundation1763798400000 } from './1763798400000-foundation';

/** Every migration, oldest first. The schema changes only through these. */
export const MIGRATIONS = [Foundation1763798400000];
