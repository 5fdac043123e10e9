import type { EntityManager } from 'typeorm';

/**
 * Runs one statement and returns its rows and how many rows it changed, whatever the statement.
 * Use it wherever a write decides something by "did this change a row": TypeORM's `query()` returns
 * `[rows, rowCount]` for UPDATE and DELETE on PostgreSQL (so `rows.length` is always 2) and plain
 * rows otherwise; the structured result says it the same way for every statement.
 */
export async function execute<T = Record<string, unknown>>(m: EntityManager, sql: string, params: unknown[] = []): Promise<{ rows: T[]; affected: number }> {
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return { rows: (result.records ?? []) as T[], affected: result.affected ?? 0 };
  } finally {
    if (runner !== m.queryRunner) await runner.release();
  }
}
