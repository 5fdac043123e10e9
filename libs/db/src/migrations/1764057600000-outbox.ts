import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox: the API records "start this workflow" in the same transaction as the
 * state that needs it (a launched campaign, an issued letter); the worker drains it. A crash between
 * the commit and the start can no longer lose the work.
 *
 * Campaigns still open and letters issued but not acknowledged are enqueued once here, so a
 * workflow whose start was lost before this migration is started too (starting one that exists is a no-op).
 */
export class Outbox1764057600000 implements MigrationInterface {
  name = 'Outbox1764057600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('start_workflow')),
        subject_type text NOT NULL CHECK (subject_type IN ('campaign', 'opinion_letter')),
        subject_id uuid NOT NULL,
        workflow_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        dispatched_at timestamptz,
        UNIQUE (kind, workflow_id)
      )`);
    await q.query(`CREATE INDEX outbox_pending ON outbox (next_attempt_at, id) WHERE dispatched_at IS NULL`);
    await q.query(`
      INSERT INTO outbox (kind, subject_type, subject_id, workflow_id)
      SELECT 'start_workflow', 'campaign', id, workflow_id FROM campaigns WHERE closed_at IS NULL`);
    await q.query(`
      INSERT INTO outbox (kind, subject_type, subject_id, workflow_id)
      SELECT 'start_workflow', 'opinion_letter', id, 'opinion-letter-' || id FROM opinion_letters WHERE status = 'issued'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
  }
}
