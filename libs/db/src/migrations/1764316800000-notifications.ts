import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 消息中心: one row per notified event, written with the event's audit row (`audit_id` is unique,
 * so an event can never notify twice). Who sees it follows from `audience`: the users of
 * `department_id`, or the supervision office. Reading is per user, in `notification_reads`.
 */
export class Notifications1764316800000 implements MigrationInterface {
  name = 'Notifications1764316800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        audit_id bigint NOT NULL UNIQUE REFERENCES audit_log (id),
        at timestamptz NOT NULL,
        audience text NOT NULL CHECK (audience IN ('department', 'office')),
        department_id uuid NOT NULL REFERENCES departments (id),
        campaign_id uuid REFERENCES campaigns (id),
        kind text NOT NULL,
        title text NOT NULL,
        subject text NOT NULL,
        link text NOT NULL
      )`);
    await q.query(`CREATE INDEX notifications_department ON notifications (department_id, at DESC, id DESC) WHERE audience = 'department'`);
    await q.query(`CREATE INDEX notifications_office ON notifications (at DESC, id DESC) WHERE audience = 'office'`);
    await q.query(`
      CREATE TABLE notification_reads (
        notification_id bigint NOT NULL REFERENCES notifications (id),
        user_id uuid NOT NULL REFERENCES users (id),
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, notification_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_reads`);
    await q.query(`DROP TABLE notifications`);
  }
}
