import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, departments, campaigns with their priorities and tasks, and the audit log. */
export class Foundation1763798400000 implements MigrationInterface {
  name = 'Foundation1763798400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE departments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('bureau', 'township', 'authorized', 'entrusted', 'other')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('office_admin', 'office_staff', 'department_user', 'reviewer', 'operator')),
        display_name text NOT NULL,
        department_id uuid REFERENCES departments (id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_department_user_has_department
          CHECK ((role = 'department_user') = (department_id IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year int NOT NULL UNIQUE,
        title text NOT NULL,
        calendar jsonb NOT NULL,
        reminder_days_before int NOT NULL,
        phase text NOT NULL,
        workflow_id text NOT NULL UNIQUE,
        idempotency_key text UNIQUE,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE campaign_departments (
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        department_id uuid NOT NULL REFERENCES departments (id),
        PRIMARY KEY (campaign_id, department_id)
      )`);
    await q.query(`
      CREATE TABLE work_priorities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        code text NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        department_ids uuid[],
        due_at timestamptz NOT NULL,
        evidence_required boolean NOT NULL,
        UNIQUE (campaign_id, code)
      )`);
    await q.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        priority_id uuid NOT NULL REFERENCES work_priorities (id),
        department_id uuid NOT NULL REFERENCES departments (id),
        title text NOT NULL,
        due_at timestamptz NOT NULL,
        remind_at timestamptz,
        evidence_required boolean NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed')),
        reminded_at timestamptz,
        overdue_at timestamptz,
        completed_at timestamptz,
        completed_late boolean,
        completed_by uuid REFERENCES users (id),
        completion_note text,
        evidence jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (priority_id, department_id),
        CHECK ((status = 'completed') = (completed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX tasks_department_status ON tasks (department_id, status)`);
    await q.query(`CREATE INDEX tasks_campaign_status ON tasks (campaign_id, status)`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_log_target ON audit_log (target_type, target_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'tasks', 'work_priorities', 'campaign_departments', 'campaigns', 'users', 'departments']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
