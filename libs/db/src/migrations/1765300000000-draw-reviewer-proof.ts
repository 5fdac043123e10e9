import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reviewer half of a draw's proof, frozen at the draw: the pool under pseudonyms with their
 * recusals, and the assignments made (docs/draw-verification.md). Draws made before it have none.
 */
export class DrawReviewerProof1765300000000 implements MigrationInterface {
  name = 'DrawReviewerProof1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sample_draws ADD COLUMN reviewer_proof jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sample_draws DROP COLUMN reviewer_proof`);
  }
}
