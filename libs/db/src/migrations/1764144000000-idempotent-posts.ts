import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * POSTs that create a row a retry must not create again:
 * - a verification (核查) carries the client's Idempotency-Key: the same key returns the same verification;
 * - a reviewer's conflict (回避) is one row per reviewer and target (duplicates kept the earliest).
 */
export class IdempotentPosts1764144000000 implements MigrationInterface {
  name = 'IdempotentPosts1764144000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE verifications ADD COLUMN idempotency_key text`);
    await q.query(`CREATE UNIQUE INDEX verifications_idempotency ON verifications (self_check_id, recorded_by, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await q.query(`
      DELETE FROM reviewer_conflicts c USING reviewer_conflicts earlier
       WHERE c.reviewer_id = earlier.reviewer_id
         AND c.department_id IS NOT DISTINCT FROM earlier.department_id
         AND c.case_file_id IS NOT DISTINCT FROM earlier.case_file_id
         AND (earlier.declared_at, earlier.id) < (c.declared_at, c.id)`);
    await q.query(`ALTER TABLE reviewer_conflicts ADD CONSTRAINT reviewer_conflicts_once UNIQUE NULLS NOT DISTINCT (reviewer_id, department_id, case_file_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reviewer_conflicts DROP CONSTRAINT reviewer_conflicts_once`);
    await q.query(`DROP INDEX verifications_idempotency`);
    await q.query(`ALTER TABLE verifications DROP COLUMN idempotency_key`);
  }
}
