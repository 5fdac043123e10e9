import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_SCORING_STANDARD } from '@rol/domain';

/**
 * The default 评查标准 now names the provision each criterion applies (`basis`), which letters cite
 * as the 依据. A database created before has version 1 without it: this publishes the default as a
 * new version (started reviews keep theirs). A database created since has it already and gets nothing.
 */
export class ScoringStandardBases1764489600000 implements MigrationInterface {
  name = 'ScoringStandardBases1764489600000';

  async up(q: QueryRunner): Promise<void> {
    const [latest] = await q.query(`SELECT version, body FROM scoring_standards WHERE code = $1 ORDER BY version DESC LIMIT 1`, [DEFAULT_SCORING_STANDARD.code]);
    if (!latest || JSON.stringify(latest.body).includes('"basis"')) return;
    await q.query(`INSERT INTO scoring_standards (code, version, name, body) VALUES ($1, $2, $3, $4)`, [
      DEFAULT_SCORING_STANDARD.code,
      latest.version + 1,
      DEFAULT_SCORING_STANDARD.name,
      JSON.stringify(DEFAULT_SCORING_STANDARD),
    ]);
  }

  async down(): Promise<void> {
    // A published version stays: reviews may already use it.
  }
}
