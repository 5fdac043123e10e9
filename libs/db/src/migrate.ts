/** `npm run migration:run`: applies pending migrations to DATABASE_URL. */
import { createDataSource, runMigrations } from './data-source';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const dataSource = await createDataSource(url).initialize();
  try {
    const applied = await runMigrations(dataSource);
    console.log(JSON.stringify({ msg: 'migrations applied', applied }));
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
