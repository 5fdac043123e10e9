import type { EntityManager } from 'typeorm';
import { DEFAULT_INDICATOR_TREE } from '@rol/domain';

/** The newest version of the shipped 指标体系 (or of `code`): what a new campaign pins. */
export async function latestIndicatorTreeId(m: EntityManager, code = DEFAULT_INDICATOR_TREE.code): Promise<string> {
  const [row] = await m.query(`SELECT id FROM indicator_trees WHERE code = $1 ORDER BY version DESC LIMIT 1`, [code]);
  if (!row) throw new Error(`indicator tree ${code} missing: run the migrations`);
  return row.id;
}
