import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_INDICATOR_TREE } from '@rol/domain';

/**
 * Stage 6 and the turn of the year: the versioned 指标体系 a campaign pins, the office's scores of
 * the leaves it scores itself, the published (frozen) assessment versions with the objections
 * (异议) raised against them, the annual reports' sections with their versions, next year's
 * campaign prepared as a draft, and the rectification items carried over from one year to the next.
 */
export class AssessmentAndAnnualReport1764662400000 implements MigrationInterface {
  name = 'AssessmentAndAnnualReport1764662400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE indicator_trees (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        version int NOT NULL CHECK (version > 0),
        name text NOT NULL,
        body jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES users (id),
        UNIQUE (code, version)
      )`);
    const [tree] = await q.query(`INSERT INTO indicator_trees (code, version, name, body) VALUES ($1, 1, $2, $3) RETURNING id`, [
      DEFAULT_INDICATOR_TREE.code,
      DEFAULT_INDICATOR_TREE.name,
      JSON.stringify(DEFAULT_INDICATOR_TREE),
    ]);
    // A campaign assesses with the tree version it pins; existing campaigns pin the shipped one.
    await q.query(`ALTER TABLE campaigns ADD COLUMN indicator_tree_id uuid REFERENCES indicator_trees (id)`);
    await q.query(`UPDATE campaigns SET indicator_tree_id = $1`, [tree.id]);
    await q.query(`ALTER TABLE campaigns ALTER COLUMN indicator_tree_id SET NOT NULL`);
    // 年度报告 is due before 1 March of the next year.
    await q.query(`ALTER TABLE campaigns ADD COLUMN annual_report_due_at timestamptz`);
    await q.query(`UPDATE campaigns SET annual_report_due_at = make_timestamptz(year + 1, 2, 28, 23, 59, 59, 'Asia/Shanghai')`);
    await q.query(`ALTER TABLE campaigns ALTER COLUMN annual_report_due_at SET NOT NULL`);
    await q.query(`
      CREATE TABLE assessment_scores (
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        department_id uuid NOT NULL REFERENCES departments (id),
        indicator_code text NOT NULL,
        score numeric(6, 2) NOT NULL CHECK (score >= 0),
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
        attachments jsonb NOT NULL DEFAULT '[]',
        scored_at timestamptz NOT NULL,
        scored_by uuid NOT NULL REFERENCES users (id),
        PRIMARY KEY (campaign_id, department_id, indicator_code)
      )`);
    await q.query(`
      CREATE TABLE assessment_versions (
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        version int NOT NULL CHECK (version > 0),
        as_of timestamptz NOT NULL,
        indicator_tree_id uuid NOT NULL REFERENCES indicator_trees (id),
        inputs_hash char(64) NOT NULL CHECK (inputs_hash ~ '^[0-9a-f]{64}$'),
        results jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        published_by uuid NOT NULL REFERENCES users (id),
        objection_due_at timestamptz NOT NULL,
        reason text NOT NULL DEFAULT '',
        PRIMARY KEY (campaign_id, version)
      )`);
    await q.query(`
      CREATE TABLE assessment_objections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL,
        version int NOT NULL,
        department_id uuid NOT NULL REFERENCES departments (id),
        indicator_code text,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        attachments jsonb NOT NULL DEFAULT '[]',
        filed_at timestamptz NOT NULL,
        filed_by uuid NOT NULL REFERENCES users (id),
        decision text CHECK (decision IN ('upheld', 'rejected')),
        decided_at timestamptz,
        decided_by uuid REFERENCES users (id),
        note text,
        FOREIGN KEY (campaign_id, version) REFERENCES assessment_versions (campaign_id, version),
        UNIQUE (campaign_id, version, department_id),
        CHECK ((decision IS NULL) = (decided_at IS NULL))
      )`);
    await q.query(`
      CREATE TABLE annual_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        department_id uuid REFERENCES departments (id),
        submitted_at timestamptz,
        submitted_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE NULLS NOT DISTINCT (campaign_id, department_id)
      )`);
    await q.query(`
      CREATE TABLE annual_report_sections (
        report_id uuid NOT NULL REFERENCES annual_reports (id),
        section text NOT NULL,
        version int NOT NULL CHECK (version > 0),
        body text NOT NULL CHECK (length(body) <= 20000),
        saved_at timestamptz NOT NULL DEFAULT now(),
        saved_by uuid NOT NULL REFERENCES users (id),
        PRIMARY KEY (report_id, section, version)
      )`);
    await q.query(`
      CREATE TABLE campaign_drafts (
        year int PRIMARY KEY,
        source_campaign_id uuid NOT NULL REFERENCES campaigns (id),
        body jsonb NOT NULL,
        prepared_at timestamptz NOT NULL DEFAULT now(),
        confirmed_campaign_id uuid UNIQUE REFERENCES campaigns (id),
        discarded_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE rectification_carryovers (
        item_id uuid NOT NULL REFERENCES rectification_items (id),
        from_year int NOT NULL,
        to_year int NOT NULL CHECK (to_year = from_year + 1),
        carried_at timestamptz NOT NULL,
        PRIMARY KEY (item_id, to_year)
      )`);
    await q.query(`CREATE INDEX rectification_carryovers_to_year ON rectification_carryovers (to_year)`);
    // An event may concern many departments (a published assessment reaches each): one notification per event and department.
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_audit_id_key`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_once UNIQUE (audit_id, department_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notification_reads WHERE notification_id IN (SELECT id FROM notifications n WHERE EXISTS (SELECT 1 FROM notifications o WHERE o.audit_id = n.audit_id AND o.id < n.id))`);
    await q.query(`DELETE FROM notifications n WHERE EXISTS (SELECT 1 FROM notifications o WHERE o.audit_id = n.audit_id AND o.id < n.id)`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_once`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_audit_id_key UNIQUE (audit_id)`);
    for (const table of ['rectification_carryovers', 'campaign_drafts', 'annual_report_sections', 'annual_reports', 'assessment_objections', 'assessment_versions', 'assessment_scores']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`ALTER TABLE campaigns DROP COLUMN annual_report_due_at`);
    await q.query(`ALTER TABLE campaigns DROP COLUMN indicator_tree_id`);
    await q.query(`DROP TABLE indicator_trees`);
  }
}
