import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '@rol/db';

/** A fresh database for one suite, migrated; `drop()` removes it. */
export async function createTestDatabase(): Promise<{ url: string; dataSource: DataSource; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is set by test/setup/global-setup.ts');
  const name = `supervision_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dataSource = await createDataSource(url.toString(), { name: 'supervision-test' }).initialize();
  await runMigrations(dataSource);
  return {
    url: url.toString(),
    dataSource,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin(url: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** Every table's row count and a hash of its rows in a stable order: equal snapshots mean nothing was written. */
export async function tableSnapshot(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<Record<string, string>> {
  const tables = (await query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY table_name`,
  )) as { table_name: string }[];
  const result: Record<string, string> = {};
  for (const { table_name } of tables) {
    const [row] = (await query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${table_name}" t`)) as { n: number; h: string }[];
    result[table_name] = `${row.n}:${row.h}`;
  }
  return result;
}
