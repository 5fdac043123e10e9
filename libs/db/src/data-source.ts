import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The one way to reach PostgreSQL: entities and migrations registered, `synchronize` off. */
export function createDataSource(url: string, options: { poolSize?: number; name?: string } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    extra: { max: options.poolSize ?? 10, application_name: options.name ?? 'supervision' },
  });
}

/** Applies pending migrations under an advisory lock, so two processes starting at once do not race. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const LOCK = 727_001;
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [LOCK]).catch(() => undefined);
    await runner.release();
  }
}
