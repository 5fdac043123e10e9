import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_SCORING_STANDARD } from '@rol/domain';

/**
 * Stages 2 and 3: self-checks and their verification, findings, the case-file registry, the draw
 * (commit, frozen candidates, sample), reviewer conflicts and assignments, scoring standards,
 * reviews, escalations. Reviewers may belong to a department (their own unit, for recusal).
 */
export class SelfCheckAndReview1763884800000 implements MigrationInterface {
  name = 'SelfCheckAndReview1763884800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_department_user_has_department`);
    await q.query(`
      ALTER TABLE users ADD CONSTRAINT users_department_binding CHECK (
        (role <> 'department_user' OR department_id IS NOT NULL)
        AND (role IN ('department_user', 'reviewer') OR department_id IS NULL))`);

    await q.query(`
      CREATE TABLE self_check_templates (
        campaign_id uuid PRIMARY KEY REFERENCES campaigns (id),
        template jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users (id)
      )`);
    await q.query(`
      CREATE TABLE self_checks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        department_id uuid NOT NULL REFERENCES departments (id),
        status text NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted', 'not_submitted')),
        answers jsonb NOT NULL DEFAULT '{}',
        version int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, department_id)
      )`);
    await q.query(`
      CREATE TABLE self_check_versions (
        self_check_id uuid NOT NULL REFERENCES self_checks (id),
        version int NOT NULL,
        answers jsonb NOT NULL,
        submitted_at timestamptz NOT NULL,
        submitted_by uuid NOT NULL REFERENCES users (id),
        late boolean NOT NULL DEFAULT false,
        decision text CHECK (decision IN ('accepted', 'returned')),
        decided_at timestamptz,
        decided_by uuid REFERENCES users (id),
        comment text,
        PRIMARY KEY (self_check_id, version)
      )`);
    await q.query(`
      CREATE TABLE verifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        self_check_id uuid NOT NULL REFERENCES self_checks (id),
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        department_id uuid NOT NULL REFERENCES departments (id),
        claims jsonb NOT NULL,
        note text NOT NULL DEFAULT '',
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE findings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        department_id uuid NOT NULL REFERENCES departments (id),
        source text NOT NULL CHECK (source IN ('verification', 'review')),
        source_key text NOT NULL UNIQUE,
        case_file_id uuid,
        criterion_code text,
        description text NOT NULL,
        rule text,
        points numeric(6, 2),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX findings_campaign_department ON findings (campaign_id, department_id)`);

    await q.query(`
      CREATE TABLE case_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        department_id uuid NOT NULL REFERENCES departments (id),
        case_number text NOT NULL,
        case_type text NOT NULL CHECK (case_type IN ('penalty', 'license', 'coercion', 'inspection', 'other')),
        title text NOT NULL,
        decision_date date NOT NULL,
        handling_officer text NOT NULL,
        status text NOT NULL CHECK (status IN ('concluded', 'in_progress')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (department_id, case_number)
      )`);

    await q.query(`
      CREATE TABLE draw_configs (
        campaign_id uuid PRIMARY KEY REFERENCES campaigns (id),
        rules jsonb NOT NULL,
        seed text,
        seed_hash text,
        committed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users (id)
      )`);
    await q.query(`
      CREATE TABLE sample_draws (
        campaign_id uuid PRIMARY KEY REFERENCES campaigns (id),
        seed text NOT NULL,
        seed_hash text NOT NULL,
        rules jsonb NOT NULL,
        rules_hash text NOT NULL,
        candidate_count int NOT NULL,
        candidate_hash text NOT NULL,
        sample_count int NOT NULL,
        drawn_at timestamptz NOT NULL,
        drawn_by uuid REFERENCES users (id)
      )`);
    await q.query(`
      CREATE TABLE draw_candidates (
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        ordinal int NOT NULL,
        case_file_id uuid NOT NULL,
        department_id uuid NOT NULL,
        department_code text NOT NULL,
        case_number text NOT NULL,
        case_type text NOT NULL,
        decision_date date NOT NULL,
        PRIMARY KEY (campaign_id, ordinal)
      )`);
    await q.query(`
      CREATE TABLE sampled_files (
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        case_file_id uuid NOT NULL REFERENCES case_files (id),
        department_id uuid NOT NULL REFERENCES departments (id),
        rank_key text NOT NULL,
        PRIMARY KEY (campaign_id, case_file_id)
      )`);
    await q.query(`
      CREATE TABLE reviewer_conflicts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reviewer_id uuid NOT NULL REFERENCES users (id),
        department_id uuid REFERENCES departments (id),
        case_file_id uuid REFERENCES case_files (id),
        reason text NOT NULL,
        declared_at timestamptz NOT NULL DEFAULT now(),
        declared_by uuid NOT NULL REFERENCES users (id),
        CHECK ((department_id IS NULL) <> (case_file_id IS NULL))
      )`);
    await q.query(`
      CREATE TABLE review_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        case_file_id uuid NOT NULL REFERENCES case_files (id),
        reviewer_id uuid NOT NULL REFERENCES users (id),
        slot int NOT NULL,
        active boolean NOT NULL DEFAULT true,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        end_reason text,
        UNIQUE (campaign_id, case_file_id, reviewer_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX review_assignments_one_per_slot ON review_assignments (campaign_id, case_file_id, slot) WHERE active`);
    await q.query(`CREATE INDEX review_assignments_reviewer ON review_assignments (reviewer_id) WHERE active`);
    await q.query(`
      CREATE TABLE scoring_standards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        version int NOT NULL,
        name text NOT NULL,
        body jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES users (id),
        UNIQUE (code, version)
      )`);
    await q.query(`INSERT INTO scoring_standards (code, version, name, body) VALUES ($1, 1, $2, $3)`, [
      DEFAULT_SCORING_STANDARD.code,
      DEFAULT_SCORING_STANDARD.name,
      JSON.stringify(DEFAULT_SCORING_STANDARD),
    ]);
    await q.query(`
      CREATE TABLE reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assignment_id uuid NOT NULL UNIQUE REFERENCES review_assignments (id),
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        case_file_id uuid NOT NULL REFERENCES case_files (id),
        reviewer_id uuid NOT NULL REFERENCES users (id),
        standard_id uuid NOT NULL REFERENCES scoring_standards (id),
        status text NOT NULL CHECK (status IN ('draft', 'submitted', 'returned')),
        sheet jsonb NOT NULL,
        score numeric(5, 2),
        grade text,
        version int NOT NULL DEFAULT 0,
        submitted_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE review_versions (
        review_id uuid NOT NULL REFERENCES reviews (id),
        version int NOT NULL,
        sheet jsonb NOT NULL,
        score numeric(5, 2) NOT NULL,
        grade text NOT NULL,
        submitted_at timestamptz NOT NULL,
        returned_at timestamptz,
        returned_by uuid REFERENCES users (id),
        return_reason text,
        PRIMARY KEY (review_id, version)
      )`);
    await q.query(`
      CREATE TABLE escalations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        department_id uuid REFERENCES departments (id),
        kind text NOT NULL,
        target_type text NOT NULL,
        target_id text NOT NULL,
        at timestamptz NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        UNIQUE (kind, target_type, target_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'escalations', 'review_versions', 'reviews', 'scoring_standards', 'review_assignments', 'reviewer_conflicts',
      'sampled_files', 'draw_candidates', 'sample_draws', 'draw_configs', 'case_files', 'findings', 'verifications',
      'self_check_versions', 'self_checks', 'self_check_templates',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_department_binding`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_department_user_has_department CHECK ((role = 'department_user') = (department_id IS NOT NULL))`);
  }
}
