/**
 * The entities are the schema's description: after every migration has run on a fresh database,
 * TypeORM's own schema diff (what `synchronize` or `migration:generate` would do) finds nothing to
 * change, and every table the migrations made has an entity. A drift here means an entity and the
 * migrations disagree; the failure lists the statements TypeORM would run to make the database match.
 */
import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '@rol/db';
import { createTestDatabase } from './support/database';

async function drift(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => `${q.query};`);
}

describe('schema drift (integration)', () => {
  let db: { dataSource: DataSource; drop(): Promise<void> };
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('finds nothing to change between the entities and the migrated database', async () => {
    const statements = await drift(db.dataSource);
    if (statements.length) console.error(`The entities and the migrated database differ; TypeORM would run:\n${statements.join('\n')}`);
    expect(statements).toEqual([]);
  });

  it('has an entity for every table the migrations create', async () => {
    const tables = (
      (await db.dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY table_name`,
      )) as { table_name: string }[]
    ).map((t) => t.table_name);
    const described = new Set(db.dataSource.entityMetadatas.map((m) => m.tableName));
    expect(tables.length).toBeGreaterThan(40);
    expect(tables.filter((t) => !described.has(t))).toEqual([]);
  });

  it("undoes the newest migration and applies it again, still without drift", async () => {
    const newest = MIGRATIONS[MIGRATIONS.length - 1].name;
    await db.dataSource.undoLastMigration({ transaction: 'each' });
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM migrations WHERE name = $1`, [newest]);
    expect(n).toBe(0);
    expect(await drift(db.dataSource)).not.toEqual([]);
    await db.dataSource.runMigrations({ transaction: 'each' });
    expect(await drift(db.dataSource)).toEqual([]);
  });
});
