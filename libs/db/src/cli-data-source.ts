/**
 * The data source the TypeORM CLI loads (`npm run migration:generate`): the application's own, on
 * DATABASE_URL. Point it at a database with every migration applied; the CLI diffs the entities against it.
 */
import { createDataSource } from './data-source';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required (a database with every migration applied)');

export default createDataSource(url, { name: 'supervision-migration-generate' });
