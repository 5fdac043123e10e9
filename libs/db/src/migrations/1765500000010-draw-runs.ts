import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The draw's durable progress marker (issue 12): the draw runs in batches of departments, each its
 * own short transaction, and records here after each batch the last department code done (in
 * `COLLATE "C"` order), so that an activity retried after its worker died resumes at the next batch.
 */
export class DrawRuns1765500000010 implements MigrationInterface {
  name = 'DrawRuns1765500000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE draw_runs (
        campaign_id uuid PRIMARY KEY REFERENCES campaigns (id),
        phase text NOT NULL DEFAULT 'selecting' CHECK (phase IN ('selecting', 'selected', 'recorded')),
        last_department_code text,
        batches int NOT NULL DEFAULT 0,
        departments int NOT NULL DEFAULT 0,
        candidate_count int NOT NULL DEFAULT 0,
        sample_count int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE draw_runs`);
  }
}
