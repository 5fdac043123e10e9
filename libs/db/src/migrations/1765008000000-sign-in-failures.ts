import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins are audit rows (`auth.sign_in_failed`, detail.username); the lock after repeated
 * failures counts an account's recent ones, so they are indexed by username and time.
 */
export class SignInFailures1765008000000 implements MigrationInterface {
  name = 'SignInFailures1765008000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX audit_log_sign_in_failures ON audit_log ((detail->>'username'), at) WHERE action = 'auth.sign_in_failed'`);
    await q.query(`CREATE INDEX audit_log_unlocks ON audit_log (target_id, at) WHERE action = 'user.unlock'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_log_unlocks`);
    await q.query(`DROP INDEX audit_log_sign_in_failures`);
  }
}
