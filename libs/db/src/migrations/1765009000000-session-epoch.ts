import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's sessions end when their password changes: every access token carries the account's
 * `session_epoch` at sign-in, and a password reset or change moves the epoch on, so tokens issued
 * before it are refused on their next request.
 */
export class SessionEpoch1765009000000 implements MigrationInterface {
  name = 'SessionEpoch1765009000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN session_epoch integer NOT NULL DEFAULT 0 CHECK (session_epoch >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN session_epoch`);
  }
}
