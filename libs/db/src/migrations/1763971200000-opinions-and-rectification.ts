import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stages 4 and 5: opinion letters (监督意见书) with their items, gap-free document numbers (文号),
 * rectification items (整改) with reports, extension requests, objections; per-campaign rules.
 */
export class OpinionsAndRectification1763971200000 implements MigrationInterface {
  name = 'OpinionsAndRectification1763971200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns ADD COLUMN rectification_rules jsonb`);
    // A reopened item (回头看) climbs the ladder again: escalations are unique per round.
    await q.query(`ALTER TABLE escalations ADD COLUMN round int NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE escalations DROP CONSTRAINT escalations_kind_target_type_target_id_key`);
    await q.query(`ALTER TABLE escalations ADD CONSTRAINT escalations_once UNIQUE (kind, target_type, target_id, round)`);
    // Years of the official holiday calendar added by the office when the State Council publishes them.
    await q.query(`
      CREATE TABLE calendar_years (
        year int PRIMARY KEY,
        holidays text[] NOT NULL,
        make_up_workdays text[] NOT NULL,
        source text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users (id)
      )`);
    await q.query(`
      CREATE TABLE document_number_sequences (
        office text NOT NULL,
        year int NOT NULL,
        last_number int NOT NULL,
        PRIMARY KEY (office, year)
      )`);
    await q.query(`
      CREATE TABLE opinion_letters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        department_id uuid NOT NULL REFERENCES departments (id),
        status text NOT NULL CHECK (status IN ('draft', 'issued', 'acknowledged')),
        intro text NOT NULL,
        closing text NOT NULL,
        office text,
        year int,
        sequence int,
        document_number text UNIQUE,
        issued_at timestamptz,
        issued_by uuid REFERENCES users (id),
        acknowledge_due_at timestamptz,
        objection_due_at timestamptz,
        acknowledged_at timestamptz,
        acknowledged_by uuid REFERENCES users (id),
        UNIQUE (campaign_id, department_id),
        UNIQUE (office, year, sequence)
      )`);
    await q.query(`
      CREATE TABLE opinion_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        letter_id uuid NOT NULL REFERENCES opinion_letters (id),
        position int NOT NULL,
        problem text NOT NULL,
        rule text NOT NULL,
        action text NOT NULL,
        deadline jsonb NOT NULL,
        deadline_at timestamptz,
        finding_ids uuid[] NOT NULL DEFAULT '{}',
        dropped boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX opinion_items_letter ON opinion_items (letter_id, position)`);
    await q.query(`
      CREATE TABLE rectification_items (
        id uuid PRIMARY KEY REFERENCES opinion_items (id),
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        department_id uuid NOT NULL REFERENCES departments (id),
        letter_id uuid NOT NULL REFERENCES opinion_letters (id),
        status text NOT NULL CHECK (status IN ('open', 'submitted', 'returned', 'closed', 'withdrawn')),
        round int NOT NULL DEFAULT 1,
        deadline_at timestamptz NOT NULL,
        original_deadline_at timestamptz NOT NULL,
        closed_at timestamptz,
        closed_on_time boolean,
        objection text CHECK (objection IN ('pending', 'upheld', 'withdrawn')),
        workflow_id text NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX rectification_items_campaign ON rectification_items (campaign_id, department_id)`);
    await q.query(`
      CREATE TABLE rectification_reports (
        item_id uuid NOT NULL REFERENCES rectification_items (id),
        version int NOT NULL,
        round int NOT NULL,
        report text NOT NULL,
        evidence jsonb NOT NULL,
        submitted_at timestamptz NOT NULL,
        submitted_by uuid NOT NULL REFERENCES users (id),
        decision text CHECK (decision IN ('accepted', 'returned')),
        decided_at timestamptz,
        decided_by uuid REFERENCES users (id),
        reason text,
        PRIMARY KEY (item_id, version)
      )`);
    await q.query(`
      CREATE TABLE extension_requests (
        item_id uuid NOT NULL REFERENCES rectification_items (id),
        seq int NOT NULL,
        reason text NOT NULL,
        requested_deadline_at timestamptz NOT NULL,
        requested_at timestamptz NOT NULL,
        requested_by uuid NOT NULL REFERENCES users (id),
        decision text CHECK (decision IN ('approved', 'refused')),
        decided_at timestamptz,
        decided_by uuid REFERENCES users (id),
        note text,
        PRIMARY KEY (item_id, seq)
      )`);
    await q.query(`
      CREATE TABLE objections (
        item_id uuid PRIMARY KEY REFERENCES rectification_items (id),
        reason text NOT NULL,
        filed_at timestamptz NOT NULL,
        filed_by uuid NOT NULL REFERENCES users (id),
        decision text CHECK (decision IN ('upheld', 'withdrawn')),
        decided_at timestamptz,
        decided_by uuid REFERENCES users (id),
        note text
      )`);
    await q.query(`
      CREATE TABLE reopenings (
        item_id uuid NOT NULL REFERENCES rectification_items (id),
        round int NOT NULL,
        reason text NOT NULL,
        deadline_at timestamptz NOT NULL,
        reopened_at timestamptz NOT NULL,
        reopened_by uuid NOT NULL REFERENCES users (id),
        PRIMARY KEY (item_id, round)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['calendar_years', 'reopenings', 'objections', 'extension_requests', 'rectification_reports', 'rectification_items', 'opinion_items', 'opinion_letters', 'document_number_sequences']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`ALTER TABLE escalations DROP CONSTRAINT escalations_once`);
    await q.query(`ALTER TABLE escalations DROP COLUMN round`);
    await q.query(`ALTER TABLE escalations ADD CONSTRAINT escalations_kind_target_type_target_id_key UNIQUE (kind, target_type, target_id)`);
    await q.query(`ALTER TABLE campaigns DROP COLUMN rectification_rules`);
  }
}
